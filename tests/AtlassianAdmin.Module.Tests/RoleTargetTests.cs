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
        public async Task A_workspace_without_an_id_fails_its_row_alone_with_the_row_as_target_and_others_go_on()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var jira = store.JiraResourceId;
            var active = store.Users().Where(u => u.Status == "active" && !store.UserRoles(u.AccountId).Any(a => a.ResourceId == jira && a.RoleId == "atlassian/user")).Take(2).ToList();
            // Built by hand (the type lives in the module's own load context, so it is taken from a listed workspace).
            const string NoId = "$ws = [Activator]::CreateInstance((Get-AtlassianWorkspace -First 1).GetType()); $ws.Name = 'hand-made'; $ws.Product = 'jira'; ";

            var r = s.Run(NoId + "$rows = @([pscustomobject]@{ Email = $e1; Workspace = $ws; Role = 'user' }, [pscustomobject]@{ Email = $e2; Workspace = 'acme-sandbox'; Product = 'jira'; Role = 'user' }); " +
                          "$rows | Grant-AtlassianUserRole -PassThru",
                Vars(("e1", active[0].Email), ("e2", active[1].Email)));
            Assert.Equal(new[] { "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.True(r.Errors.Count == 1, r.ErrorText);
            var e = r.Errors.Single();
            Assert.Equal("WorkspaceWithoutId", ErrorId(e));
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Equal(active[0].Email, ((PSObject)e.TargetObject).Properties["Email"].Value);
            Assert.Contains("'hand-made' (jira) has no id", e.Exception.Message);
            Assert.Contains("Get-AtlassianWorkspace", e.Exception.Message);
            Assert.DoesNotContain(store.UserRoles(active[0].AccountId), a => a.ResourceId == jira && a.RoleId == "atlassian/user");
            Assert.Contains(store.UserRoles(active[1].AccountId), a => a.ResourceId == jira && a.RoleId == "atlassian/user");

            // An invitation and a role read with such a workspace: the same typed error, nothing sent.
            s.Emulator.Stats.Reset();
            var invited = s.Run(NoId + "New-AtlassianInvitation -Email nobody@acme-sandbox.example -Workspace $ws -Role user");
            Assert.Equal("WorkspaceWithoutId", ErrorId(invited.Error));
            Assert.Equal(0, Count(s, "POST", "/invite"));
            Assert.Null(store.FindUserByEmail("nobody@acme-sandbox.example"));
            var read = s.Run(NoId + "Get-AtlassianUserRole -Email $e -Workspace $ws", Vars(("e", active[1].Email)));
            Assert.True(read.Errors.Count <= 1, read.ErrorText);
            Assert.Equal("WorkspaceWithoutId", ErrorId(read.Error));
            var groupRead = s.Run(NoId + "Get-AtlassianGroupRole -Group developers -Workspace $ws");
            Assert.True(groupRead.Errors.Count == 1, groupRead.ErrorText);
            Assert.Equal("WorkspaceWithoutId", ErrorId(groupRead.Error));
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
