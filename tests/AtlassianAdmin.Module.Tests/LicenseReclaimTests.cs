using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class LicenseReclaimTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string P(PSObject o, string name) => o.Properties[name].Value?.ToString();

        /// <summary>A quiet sandbox: every seeded user active today, so only the users a test sets up are candidates.</summary>
        private static void EveryoneActive(SandboxStore store)
        {
            foreach (var u in store.Users())
                foreach (var key in new[] { "jira-software", "confluence", "jira-servicedesk" }) store.SetLastActive(u.AccountId, key, DateTimeOffset.UtcNow);
        }

        [Fact]
        public async Task Finds_inactive_and_never_active_seat_holders_with_how_each_seat_is_held_and_applies_exclusions()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var store = s.Emulator.Store;
            EveryoneActive(store);
            var old = DateTimeOffset.UtcNow.AddDays(-200);
            SandboxUser Add(string local, string name = null)
            {
                var u = store.AddUser(local + "@acme-sandbox.example", name ?? local);
                foreach (var key in new[] { "jira-software", "confluence", "jira-servicedesk" }) store.SetLastActive(u.AccountId, key, DateTimeOffset.UtcNow);
                return u;
            }
            var direct = Add("direct.idle");
            store.AssignUserRole(direct.AccountId, store.JiraResourceId, "atlassian/user");
            store.SetLastActive(direct.AccountId, "jira-software", old);
            var viaGroup = Add("group.idle");
            store.AddMember(store.FindGroupByName("developers").Id, viaGroup.AccountId);
            store.SetLastActive(viaGroup.AccountId, "jira-software", null);            // never used Jira, joined long ago
            store.SetAddedToOrg(viaGroup.AccountId, old);
            var newcomer = Add("new.joiner");                                          // never used Jira, joined today: grace
            store.AssignUserRole(newcomer.AccountId, store.JiraResourceId, "atlassian/user");
            store.SetLastActive(newcomer.AccountId, "jira-software", null);
            store.SetAddedToOrg(newcomer.AccountId, DateTimeOffset.UtcNow);
            var admin = Add("idle.admin");
            store.AssignUserRole(admin.AccountId, store.JiraResourceId, "atlassian/admin");
            store.SetLastActive(admin.AccountId, "jira-software", old);
            var bot = Add("svc-build", "Build Bot");
            store.AssignUserRole(bot.AccountId, store.JiraResourceId, "atlassian/user");
            store.SetLastActive(bot.AccountId, "jira-software", old);
            var kept = Add("on.leave");
            store.AssignUserRole(kept.AccountId, store.JiraResourceId, "atlassian/user");
            store.SetLastActive(kept.AccountId, "jira-software", old);
            var recent = Add("recent.user");
            store.AssignUserRole(recent.AccountId, store.JiraResourceId, "atlassian/user");
            store.SetLastActive(recent.AccountId, "jira-software", DateTimeOffset.UtcNow.AddDays(-10));

            var allow = Path.Combine(Path.GetTempPath(), "allow-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(allow, "email,reason\n" + kept.Email + ",parental leave\n");
            try
            {
                var r = s.Run("Find-AtlassianUnusedLicense -Product jira -AllowListPath $allow -IncludeExcluded", Vars(("allow", allow)));
                Assert.False(r.HadErrors, r.ErrorText);
                var rows = r.Output.ToDictionary(o => P(o, "AccountId"));
                Assert.Equal("Direct", P(rows[direct.AccountId], "Via"));
                Assert.Equal("RevokeRole", P(rows[direct.AccountId], "Action"));
                Assert.Equal("atlassian/user", P(rows[direct.AccountId], "Role"));
                Assert.Equal(store.JiraResourceId, P(rows[direct.AccountId], "ResourceId"));
                Assert.Equal("False", P(rows[direct.AccountId], "Excluded"));
                Assert.StartsWith("admin", P(rows[admin.AccountId], "ExclusionReason"));
                Assert.Equal("service account", P(rows[bot.AccountId], "ExclusionReason"));
                Assert.Equal("allow list", P(rows[kept.AccountId], "ExclusionReason"));
                Assert.False(rows.ContainsKey(recent.AccountId));
                Assert.False(rows.ContainsKey(newcomer.AccountId));
                var group = rows[viaGroup.AccountId];
                Assert.Equal("True", P(group, "NeverActive"));
                Assert.Equal("Group", P(group, "Via"));
                Assert.Contains("developers", P(group, "Groups"));
                Assert.Equal("RemoveGroupMembership", P(group, "Action"));

                // Without -IncludeExcluded the kept ones are not written; -Exclude takes accountIds too.
                var plain = s.Run("Find-AtlassianUnusedLicense -Product jira -Exclude $e", Vars(("e", direct.AccountId)));
                Assert.Equal(new[] { viaGroup.AccountId, kept.AccountId }.OrderBy(x => x), plain.Output.Select(o => P(o, "AccountId")).Where(id => rows.ContainsKey(id)).OrderBy(x => x));
            }
            finally { File.Delete(allow); }
        }

        [Fact]
        public async Task The_rows_pipe_into_the_role_revoke_and_the_summary_counts_seats_freed()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var store = s.Emulator.Store;
            EveryoneActive(store);
            var ids = Enumerable.Range(0, 3).Select(i =>
            {
                var u = store.AddUser($"idle{i}@acme-sandbox.example", $"Idle {i}");
                store.AssignUserRole(u.AccountId, store.ServiceDeskResourceId, "atlassian/user");
                store.SetLastActive(u.AccountId, "jira-servicedesk", DateTimeOffset.UtcNow.AddDays(-120));
                return u.AccountId;
            }).ToList();
            var summary = s.Run("Find-AtlassianUnusedLicense -Product jira-servicedesk -Summary").Output.Single();
            Assert.Equal(3, (int)summary.Properties["SeatsFreed"].Value);
            var billable = (int)summary.Properties["Billable"].Value;

            s.Emulator.Stats.Reset();
            var whatIf = s.Run("Find-AtlassianUnusedLicense -Product jira-servicedesk | Revoke-AtlassianUserRole -WhatIf -PassThru");
            Assert.False(whatIf.HadErrors, whatIf.ErrorText);
            Assert.Equal(3, whatIf.Output.Count(o => P(o, "Outcome") == "WhatIf"));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/roles/revoke"));

            // The dry-run CSV round trip: rows as Import-Csv gives them (strings) bind as they are (ResourceId → -Workspace).
            var found = s.Run("Find-AtlassianUnusedLicense -Product jira-servicedesk").Output;
            var rows = found.Select(o => PsHarness.Row(("AccountId", P(o, "AccountId")), ("Email", P(o, "Email")), ("Role", P(o, "Role")),
                ("ResourceId", P(o, "ResourceId")), ("WorkspaceName", P(o, "WorkspaceName")), ("ProductKey", P(o, "ProductKey")), ("Via", P(o, "Via")))).ToArray();
            Assert.Equal(3, rows.Length);
            var revoked = s.Run("$rows | Revoke-AtlassianUserRole -Force -PassThru", Vars(("rows", rows)));
            Assert.False(revoked.HadErrors, revoked.ErrorText);
            Assert.All(revoked.Output, o => Assert.Equal("Changed", P(o, "Outcome")));
            Assert.All(ids, id => Assert.DoesNotContain(store.UserRoles(id), x => x.ResourceId == store.ServiceDeskResourceId));
            var after = s.Run("Find-AtlassianUnusedLicense -Product jira-servicedesk -Summary").Output.Single();
            Assert.Equal(0, (int)after.Properties["SeatsFreed"].Value);
            Assert.Equal(billable - 3, (int)after.Properties["Billable"].Value);
        }
    }
}
