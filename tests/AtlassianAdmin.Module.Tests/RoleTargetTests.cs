using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// User roles, group roles and invitations share the client's role-target rules. The emulator lists Jira with the
    /// jira-admin ARI (ID-8887) and, as Atlassian does, refuses that ARI on every role assignment (400 ADMIN-UAM-400-5).
    /// </summary>
    public class RoleTargetTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static string ErrorId(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];
        private static long Count(ConnectedSession s, string method, string routePart) =>
            s.Emulator.Stats.ByRoute().Where(kv => kv.Key.StartsWith(method + " ") && kv.Key.Contains(routePart)).Sum(kv => kv.Value);

        [Fact]
        public async Task A_workspace_listed_with_the_jira_admin_ari_gets_roles_on_the_jira_ari_for_groups_users_and_invitations()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10, WorkspacesListJiraAdminAri = true });
            var store = s.Emulator.Store;
            var jira = store.JiraResourceId;
            var listedAri = "ari:cloud:jira-admin::site/" + store.SiteId;
            var g = store.AddGroup("approvers");

            var listed = s.Run("Get-AtlassianWorkspace | Where-Object Product -eq jira");
            Assert.False(listed.HadErrors, listed.ErrorText);
            Assert.Equal(listedAri, listed.Output.Single().Properties["Id"].Value);

            // Group roles: the workspace object, its listed ARI and its name all send ari:cloud:jira:: (the emulator refuses the listed one).
            var granted = s.Run("$w = Get-AtlassianWorkspace | Where-Object Product -eq jira; " +
                                "Grant-AtlassianGroupRole -Group approvers -Workspace $w -Role admin -PassThru; " +
                                "Grant-AtlassianGroupRole -Group approvers -Workspace $ari -Role user -PassThru; " +
                                "Grant-AtlassianGroupRole -Group approvers -Workspace acme-sandbox -Product jira -Role user -PassThru",
                Vars(("ari", listedAri)));
            Assert.False(granted.HadErrors, granted.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Unchanged" }, granted.Output.Select(Outcome));
            Assert.Equal("atlassian/admin on acme-sandbox (jira)", granted.Output[0].Properties["Resource"].Value);
            Assert.Equal(new[] { ("atlassian/admin", jira), ("atlassian/user", jira) },
                store.GroupRoles(g.Id).Select(x => (x.RoleId, x.ResourceId)).OrderBy(x => x.RoleId));

            var read = s.Run("Get-AtlassianGroupRole -Group approvers -Workspace $ari -Role admin", Vars(("ari", listedAri)));
            Assert.False(read.HadErrors, read.ErrorText);
            Assert.Equal(jira, read.Output.Single().Properties["ResourceId"].Value);
            Assert.Equal("acme-sandbox", read.Output.Single().Properties["WorkspaceName"].Value);

            // User roles and invitations: the same rule.
            var user = store.Users().First(u => u.Status == "active" && !store.UserRoles(u.AccountId).Any(a => a.ResourceId == jira && a.RoleId == "atlassian/admin"));
            var userGrant = s.Run("Grant-AtlassianUserRole -Email $e -Workspace $ari -Role admin -PassThru; Get-AtlassianUserRole -Email $e -Workspace $ari -Role admin",
                Vars(("e", user.Email), ("ari", listedAri)));
            Assert.False(userGrant.HadErrors, userGrant.ErrorText);
            Assert.Equal("Changed", Outcome(userGrant.Output[0]));
            Assert.Contains(store.UserRoles(user.AccountId), a => a.ResourceId == jira && a.RoleId == "atlassian/admin");
            Assert.Equal(jira, userGrant.Output[1].Properties["ResourceId"].Value);
            Assert.Equal("acme-sandbox", userGrant.Output[1].Properties["WorkspaceName"].Value);

            var invited = s.Run("New-AtlassianInvitation -Email invited@acme-sandbox.example -Workspace acme-sandbox -Product jira -Role user -PassThru");
            Assert.False(invited.HadErrors, invited.ErrorText);
            Assert.Contains(store.UserRoles(store.FindUserByEmail("invited@acme-sandbox.example").AccountId), a => a.ResourceId == jira && a.RoleId == "atlassian/user");
        }

        [Fact]
        public async Task Group_site_admin_goes_to_the_platform_ari_and_org_admin_is_refused_before_any_write()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var g = store.AddGroup("site-keepers");

            // "acme-sandbox" names every product of the site; for site-admin that is the site, not an ambiguity.
            var r = s.Run("Grant-AtlassianGroupRole -Group site-keepers -Workspace acme-sandbox -Role site-admin -PassThru");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("Changed", Outcome(r.Output.Single()));
            Assert.Contains(store.GroupRoles(g.Id), x => x.ResourceId == store.PlatformSiteResourceId && x.RoleId == "atlassian/site-admin");

            var ambiguous = s.Run("Grant-AtlassianGroupRole -Group site-keepers -Workspace acme-sandbox -Role user");
            Assert.Equal("AmbiguousWorkspace", ErrorId(ambiguous.Error));
            Assert.Contains("-Product", ambiguous.Error.Exception.Message);

            s.Emulator.Stats.Reset();
            var orgAdmin = s.Run("Grant-AtlassianGroupRole -Group site-keepers -Workspace acme-sandbox -Role org-admin");
            Assert.Equal("InvalidRoleForResource", ErrorId(orgAdmin.Error));
            Assert.Equal(ErrorCategory.InvalidArgument, orgAdmin.Error.CategoryInfo.Category);
            Assert.Contains("Grant-AtlassianUserRole", orgAdmin.Error.Exception.Message);
            Assert.Equal(0, Count(s, "POST", "/assign"));

            var noWorkspace = s.Run("Grant-AtlassianGroupRole -Group site-keepers -Role user");
            Assert.Equal("WorkspaceMissing", ErrorId(noWorkspace.Error));
        }
    }
}
