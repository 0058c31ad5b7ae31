using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The cmdlets against an emulator that answers as Atlassian does (corrections C1–C10 of the API reference).</summary>
    public class ApiFidelityTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);

        [Fact]
        public async Task Site_user_listing_returns_every_user_when_jira_caps_and_filters_pages()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 1500, JiraUserPageCap = 100, JiraUsersLeftOutEvery = 50 });
            var types = s.Emulator.Store.Users().ToDictionary(u => u.AccountId, u => u.AccountType);
            var expected = s.Emulator.JiraListableAccountIds().Where(id => types[id] == "atlassian").ToList();
            Assert.True(expected.Count > 1000, $"the seed must give a large site ({expected.Count})");

            var r = s.Run("Get-AtlassianUser -Site | ForEach-Object AccountId");

            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(expected, r.Output.Select(o => (string)o.BaseObject));   // e.g. 1,153 of 1,153, in order
            Assert.True(s.Emulator.Stats.ByRoute()["GET /rest/api/3/users/search"] <= 1.2 * s.Emulator.JiraListableAccountIds().Count / 100.0);
        }

        [Fact]
        public async Task Site_email_lookup_goes_through_the_org_directory_so_hidden_emails_resolve()
        {
            // Every user keeps their email private on Jira; only the org directory knows it (C8).
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { JiraHiddenEmailEvery = 1 });
            var o = s.Emulator.Options;
            var store = s.Emulator.Store;
            var target = store.Users().Last(u => u.Status == "active" && store.HasJiraAccess(u.AccountId) && u.AccountType == "atlassian");
            var cred = new PSCredential(o.JiraEmail, PsHarness.Secure(o.JiraApiToken));
            var connect = s.Run("Connect-AtlassianOrg -Name both -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("uri", s.Server.BaseAddress), ("cred", cred)));
            Assert.False(connect.HadErrors, connect.ErrorText);

            var r = s.Run("Get-AtlassianUser -Site -Email $e -Connection both", Vars(("e", target.Email)));

            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(target.AccountId, r.Output.Single().Properties["AccountId"].Value);
            Assert.Equal(target.Email, r.Output.Single().Properties["Email"].Value);
            Assert.False(s.Emulator.Stats.ByRoute().ContainsKey("GET /rest/api/3/user/search"));   // no site search at all

            // A site-only connection cannot see the hidden email: a clear not-found, not a wrong user.
            await using var site = await ConnectedSession.StartSiteAsync(new SandboxOptions { JiraHiddenEmailEvery = 1 });
            var miss = site.Run("Get-AtlassianUser -Email $e", Vars(("e", target.Email)));
            Assert.StartsWith("UserNotFound", miss.Error.FullyQualifiedErrorId);
        }

        [Fact]
        public async Task Invitation_whose_role_comes_back_error_in_a_200_is_failed_naming_the_part_and_its_reason()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var jsm = store.ServiceDeskResourceId;
            store.SetSeatLimit(jsm, store.Users().Count(u => store.EffectiveRoles(u.AccountId).Any(r => r.ResourceId == jsm && r.RoleId == "atlassian/user")));
            store.AddGroup("invite-ok");

            var r = s.Run("New-AtlassianInvitation -Email full@acme-sandbox.example -Workspace acme-sandbox -Product jira-servicedesk -Role user -Group invite-ok -PassThru");

            Assert.Equal("Failed", r.Output.Single().Properties["Outcome"].Value.ToString());   // not Changed (C5)
            var error = r.Errors.Single();
            Assert.StartsWith("InvitationIncomplete", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("atlassian/user on " + jsm + ": License limit exceeded", error.Exception.Message);   // the part and its statusReason
            Assert.Contains("got group invite-ok", error.Exception.Message);                                      // what did apply
            var invited = store.FindUserByEmail("full@acme-sandbox.example");
            Assert.Contains(invited.AccountId, store.GroupMembers(store.Groups().Single(g => g.Name == "invite-ok").Id));
        }
    }
}
