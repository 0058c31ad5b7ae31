using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class SiteLicenseAndStatsTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();

        [Fact]
        public async Task Site_only_admins_see_seats_per_product_and_who_holds_which_product()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 20 }, "");
            var store = s.Emulator.Store;
            var summary = s.Run("Get-AtlassianSiteLicense");
            Assert.False(summary.HadErrors, summary.ErrorText);
            var jsm = summary.Output.Single(o => (string)o.Properties["Key"].Value == "jira-servicedesk");
            var used = store.Users().Count(u => store.UserRoles(u.AccountId).Concat(store.EffectiveRoles(u.AccountId)).Any(r => r.ResourceId == store.ServiceDeskResourceId && r.RoleId == "atlassian/user"));
            Assert.Equal(used, (int)jsm.Properties["UserCount"].Value);
            Assert.Equal(2, (int)jsm.Properties["RemainingSeats"].Value);
            var jira = summary.Output.Single(o => (string)o.Properties["Key"].Value == "jira-software");
            Assert.Contains("jira-software-users", (IEnumerable<string>)jira.Properties["Groups"].Value);

            var rows = s.Run("Get-AtlassianSiteLicense -AllUsers");
            Assert.False(rows.HadErrors, rows.ErrorText);
            var holders = rows.Output.Where(o => (string)o.Properties["Product"].Value == "jira-servicedesk").Select(o => (string)o.Properties["AccountId"].Value).ToList();
            Assert.Equal(store.Users().Where(u => store.EffectiveRoles(u.AccountId).Any(r => r.ResourceId == store.ServiceDeskResourceId && r.RoleId == "atlassian/user")).Select(u => u.AccountId).OrderBy(x => x), holders.OrderBy(x => x));

            var one = store.Users().First(u => store.HasJiraAccess(u.AccountId));
            var piped = s.Run("$ids | Get-AtlassianSiteLicense -IncludeUnlicensed", Vars(("ids", new[] { one.AccountId, "no-such-account" })));
            Assert.Contains(piped.Output, o => (string)o.Properties["AccountId"].Value == one.AccountId && (string)o.Properties["Product"].Value == "jira-software");
            Assert.Equal("UserNotFound", piped.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async Task Remove_site_user_takes_away_the_sites_products_and_is_idempotent()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 20 }, "");
            var store = s.Emulator.Store;
            var u = store.AddUser("site.leaver@acme-sandbox.example", "Site Leaver");
            store.AddMember(store.FindGroupByName("jira-software-users").Id, u.AccountId);
            store.AssignUserRole(u.AccountId, store.ServiceDeskResourceId, "atlassian/user");
            var v = Vars(("id", u.AccountId));
            s.Emulator.Stats.Reset();
            var whatIf = s.Run("Remove-AtlassianSiteUser -AccountId $id -WhatIf -PassThru", v);
            Assert.Equal("WhatIf", Outcome(whatIf.Output.Single()));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.StartsWith("DELETE"));
            var r = s.Run("Remove-AtlassianSiteUser -AccountId $id -Force -PassThru; Remove-AtlassianSiteUser -AccountId $id -Force -PassThru", v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Changed", "Unchanged" }, r.Output.Select(Outcome));
            Assert.False(store.HasJiraAccess(u.AccountId));
            Assert.DoesNotContain(store.UserRoles(u.AccountId), x => x.ResourceId == store.ServiceDeskResourceId);
            Assert.NotNull(store.FindUser(u.AccountId));   // the account stays
            Assert.Equal(1, s.Emulator.Stats.ByRoute()["DELETE /rest/api/3/user"]);
        }

        [Fact]
        public async Task Directory_statistics_come_from_the_two_stats_endpoints()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 25 });
            var store = s.Emulator.Store;
            s.Emulator.Stats.Reset();
            var r = s.Run("Get-AtlassianDirectoryStatistic");
            Assert.False(r.HadErrors, r.ErrorText);
            long Count(string kind, string name) => (long)r.Output.Single(o => (string)o.Properties["Kind"].Value == kind && (string)o.Properties["Name"].Value == name).Properties["Count"].Value;
            Assert.Equal(store.Groups().Count, Count("Groups", "all"));
            Assert.Equal(store.Groups().Count(g => g.ExternalSynced), Count("Groups", "synced"));
            foreach (var status in store.Users().GroupBy(u => u.AccountStatus))
                Assert.Equal(status.Count(), Count("UsersByAccountStatus", status.Key));
            Assert.Contains(r.Output, o => (string)o.Properties["Kind"].Value == "UsersByRole" && (string)o.Properties["Name"].Value == "atlassian/user");
            Assert.Equal(new[] { "users/stats", "groups/stats" }.OrderBy(x => x),
                s.Emulator.Stats.ByRoute().Keys.Where(k => k.Contains("/stats")).Select(k => k.Substring(k.LastIndexOf("/", k.LastIndexOf("/") - 1) + 1)).OrderBy(x => x));
        }

        [Fact]
        public async Task Manage_privileges_show_what_the_key_may_do_and_why_not()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var plain = store.AddUser("may.do@acme-sandbox.example", "May Do");
            var scim = store.AddUser("may.not@acme-sandbox.example", "May Not");
            store.SetManagementSource(scim.AccountId, "synced");
            var r = s.Run("$ids | Get-AtlassianManagedAccountPermission -Privilege lifecycle.enablement, apiToken.delete", Vars(("ids", new[] { plain.AccountId, scim.AccountId })));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(4, r.Output.Count);
            var denied = r.Output.Single(o => (string)o.Properties["AccountId"].Value == scim.AccountId && (string)o.Properties["Privilege"].Value == "lifecycle.enablement");
            Assert.False((bool)denied.Properties["Allowed"].Value);
            Assert.Equal("externalDirectory.scim", denied.Properties["Reason"].Value);
            Assert.All(r.Output.Where(o => (string)o.Properties["AccountId"].Value == plain.AccountId), o => Assert.True((bool)o.Properties["Allowed"].Value));
            var all = s.Run("Get-AtlassianManagedAccountPermission -AccountId $id", Vars(("id", plain.AccountId)));
            Assert.Contains(all.Output, o => (string)o.Properties["Privilege"].Value == "profile.write.name");
        }
    }
}
