using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Get/Grant/Revoke-AtlassianUserRole over the Kestrel emulator, effects proven through its store.</summary>
    public class UserRoleTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        private static SandboxUser[] NewUsers(SandboxStore store, int n, string prefix = "role") =>
            Enumerable.Range(0, n).Select(i => store.AddUser($"{prefix}.user{i}@acme-sandbox.example", $"{prefix} User{i}")).ToArray();

        [Fact]
        public async Task Grant_by_object_accountId_email_csv_row_and_string_then_rerun_is_unchanged_without_writes()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 6);
            var rows = new object[]
            {
                PsHarness.Row(("email", u[2].Email), ("workspace", "acme-sandbox"), ("product", "jira"), ("role", "atlassian/user")),
                // Aliased columns: site (URL), role_id without the atlassian/ prefix.
                PsHarness.Row(("account_id", u[3].AccountId), ("site", "https://acme-sandbox.atlassian.net/wiki"), ("product", "confluence"), ("role_id", "admin")),
                PsHarness.Row(("Email", u[5].Email), ("resource", store.ServiceDeskResourceId), ("role", "customer")),
            };
            var script = @"
                Get-AtlassianUser -AccountId $a0 | Grant-AtlassianUserRole -Workspace acme-sandbox -Product jira -Role atlassian/user -PassThru
                Grant-AtlassianUserRole -AccountId $a1 -Workspace $jira -Role user -PassThru
                $rows | Grant-AtlassianUserRole -PassThru
                $e4 | Grant-AtlassianUserRole -Workspace acme-sandbox -Product jira -Role atlassian/user -PassThru";
            var v = Vars(("a0", u[0].AccountId), ("a1", u[1].AccountId), ("jira", store.JiraResourceId), ("rows", rows), ("e4", u[4].Email));
            var r = s.Run(script, v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(6, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.Contains(store.UserRoles(u[0].AccountId), a => a.ResourceId == store.JiraResourceId && a.RoleId == "atlassian/user" && a.GroupId == null);
            Assert.Contains(store.UserRoles(u[1].AccountId), a => a.ResourceId == store.JiraResourceId && a.RoleId == "atlassian/user");
            Assert.Contains(store.UserRoles(u[2].AccountId), a => a.ResourceId == store.JiraResourceId && a.RoleId == "atlassian/user");
            Assert.Contains(store.UserRoles(u[3].AccountId), a => a.ResourceId == store.ConfluenceResourceId && a.RoleId == "atlassian/admin");
            Assert.Contains(store.UserRoles(u[4].AccountId), a => a.ResourceId == store.JiraResourceId && a.RoleId == "atlassian/user");
            Assert.Contains(store.UserRoles(u[5].AccountId), a => a.ResourceId == store.ServiceDeskResourceId && a.RoleId == "atlassian/customer");

            s.Emulator.Stats.Reset();
            var again = s.Run(script, v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/roles/"));
        }

        [Fact]
        public async Task WhatIf_sends_no_write()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 1)[0];
            store.AssignUserRole(u.AccountId, store.ConfluenceResourceId, "atlassian/user");
            s.Emulator.Stats.Reset();
            var r = s.Run(@"Grant-AtlassianUserRole -Email $e -Workspace $jira -Role user -WhatIf -PassThru
                            Revoke-AtlassianUserRole -Email $e -Workspace $conf -Role user -WhatIf -PassThru", Vars(("e", u.Email), ("jira", store.JiraResourceId), ("conf", store.ConfluenceResourceId)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "WhatIf", "WhatIf" }, r.Output.Select(Outcome));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/roles/"));
            Assert.Single(store.UserRoles(u.AccountId));
        }

        [Fact]
        public async Task Bad_rows_fail_alone_with_stable_ids_categories_and_the_row_as_target()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 2);
            var suspended = store.AddUser("suspended.one@acme-sandbox.example", "Suspended One", "suspended");
            var jpd = store.Workspaces().Single(w => !w.Licensed).Id;
            var rows = new[]
            {
                PsHarness.Row(("email", u[0].Email), ("workspace", store.JiraResourceId), ("role", "atlassian/user")),
                PsHarness.Row(("email", "ghost@acme-sandbox.example"), ("workspace", store.JiraResourceId), ("role", "atlassian/user")),
                PsHarness.Row(("accountId", "bad id!"), ("workspace", store.JiraResourceId), ("role", "atlassian/user")),
                PsHarness.Row(("email", u[1].Email), ("workspace", store.JiraResourceId), ("role", "atlassian/wizard")),
                PsHarness.Row(("email", u[1].Email), ("workspace", "no-such-site"), ("role", "atlassian/user")),
                PsHarness.Row(("email", u[1].Email), ("workspace", store.JiraResourceId), ("role", "atlassian/customer")),
                PsHarness.Row(("email", u[1].Email), ("workspace", jpd), ("role", "atlassian/user")),
                PsHarness.Row(("email", suspended.Email), ("workspace", store.JiraResourceId), ("role", "atlassian/user")),
                PsHarness.Row(("email", u[1].Email), ("workspace", store.ConfluenceResourceId), ("role", "atlassian/viewer")),
                PsHarness.Row(("email", u[1].Email), ("workspace", store.ConfluenceResourceId), ("role", "atlassian/user")),
            };
            var r = s.Run("$rows | Grant-AtlassianUserRole -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Changed", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "UserNotFound", "InvalidAccountId", "UnknownRole", "WorkspaceNotFound", "InvalidRoleForResource", "ProductNotLicensed", "UserInactive", "InvalidRoleForResource" },
                r.Errors.Select(Id));
            Assert.Equal(new[] { ErrorCategory.ObjectNotFound, ErrorCategory.InvalidArgument, ErrorCategory.InvalidArgument, ErrorCategory.ObjectNotFound,
                    ErrorCategory.InvalidArgument, ErrorCategory.InvalidOperation, ErrorCategory.InvalidOperation, ErrorCategory.InvalidArgument },
                r.Errors.Select(e => e.CategoryInfo.Category));
            for (int i = 0; i < 8; i++) Assert.Same(rows[i + 1].BaseObject, ((PSObject)r.Errors[i].TargetObject).BaseObject);
            Assert.Contains("Valid roles: atlassian/user", r.Errors[2].Exception.Message);
            Assert.Contains("ADMIN-UAM-400-3", r.Errors[4].Exception.Message);
            Assert.NotNull(r.Errors[4].ErrorDetails?.RecommendedAction);
            Assert.Contains(store.UserRoles(u[0].AccountId), a => a.ResourceId == store.JiraResourceId);
            Assert.Equal(new[] { store.ConfluenceResourceId }, store.UserRoles(u[1].AccountId).Select(a => a.ResourceId));
            Assert.Empty(store.UserRoles(suspended.AccountId));
        }

        [Fact]
        public async Task License_limit_is_a_clear_LicenseLimitExceeded_error()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 1)[0];
            var used = store.Users().Count(x => store.EffectiveRoles(x.AccountId).Any(a => a.ResourceId == store.ServiceDeskResourceId && a.RoleId == "atlassian/user"));
            store.SetSeatLimit(store.ServiceDeskResourceId, used);
            var r = s.Run("Grant-AtlassianUserRole -Email $e -Workspace $jsm -Role user -PassThru", Vars(("e", u.Email), ("jsm", store.ServiceDeskResourceId)));
            Assert.Equal("Failed", Outcome(r.Output.Single()));
            Assert.Equal("LicenseLimitExceeded", Id(r.Errors.Single()));
            Assert.Equal(ErrorCategory.LimitsExceeded, r.Errors.Single().CategoryInfo.Category);
            Assert.Empty(store.UserRoles(u.AccountId));
        }

        [Fact]
        public async Task Get_shows_direct_and_group_roles_and_pipes_into_revoke_which_leaves_group_access()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 1)[0];
            var group = store.AddGroup("role-test-group");
            store.AssignGroupRole(group.Id, store.ConfluenceResourceId, "atlassian/user");
            store.AddMember(group.Id, u.AccountId);
            store.AssignUserRole(u.AccountId, store.JiraResourceId, "atlassian/admin");
            store.AssignUserRole(u.AccountId, store.ConfluenceResourceId, "atlassian/user");

            var roles = s.Run("Get-AtlassianUserRole -Email $e", Vars(("e", u.Email)));
            Assert.False(roles.HadErrors, roles.ErrorText);
            Assert.Equal("AtlassianAdmin.Models.AtlassianUserRole", roles.Output[0].BaseObject.GetType().FullName);
            var byRole = roles.Output.Select(o => ((string)o.Properties["ResourceId"].Value, (string)o.Properties["RoleId"].Value, (string)o.Properties["Via"].Value)).ToList();
            Assert.Contains((store.JiraResourceId, "atlassian/admin", "Direct"), byRole);
            Assert.Contains((store.ConfluenceResourceId, "atlassian/user", "Direct"), byRole);
            Assert.All(roles.Output, o => Assert.Equal("acme-sandbox", o.Properties["WorkspaceName"].Value));
            Assert.Equal(u.Email, roles.Output[0].Properties["Email"].Value);

            var filtered = s.Run("Get-AtlassianUserRole -AccountId $id -Product jira -Role admin", Vars(("id", u.AccountId)));
            Assert.Equal("atlassian/admin", filtered.Output.Single().Properties["RoleId"].Value);

            var revoked = s.Run("Get-AtlassianUserRole -Email $e -Direct | Revoke-AtlassianUserRole -Force -PassThru", Vars(("e", u.Email)));
            Assert.False(revoked.HadErrors, revoked.ErrorText);
            Assert.Equal(2, revoked.Output.Count);
            Assert.All(revoked.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.Empty(store.UserRoles(u.AccountId));
            // Access through the group stays, and is now reported as such.
            Assert.Contains(store.EffectiveRoles(u.AccountId), a => a.ResourceId == store.ConfluenceResourceId && a.GroupId == group.Id);
            var viaGroup = s.Run("Get-AtlassianUserRole -Email $e", Vars(("e", u.Email))).Output.Single();
            Assert.Equal("Group", viaGroup.Properties["Via"].Value);
            Assert.Null(viaGroup.Properties["GroupId"].Value);               // roleAssignmentMethods says group_direct, not which group
            Assert.Empty(s.Run("Get-AtlassianUserRole -Email $e -Direct", Vars(("e", u.Email))).Output);

            s.Emulator.Stats.Reset();
            var again = s.Run("Revoke-AtlassianUserRole -Email $e -Workspace $conf -Role user -Force -PassThru; Revoke-AtlassianUserRole -Email $e -Workspace $jira -Role admin -Force -PassThru",
                Vars(("e", u.Email), ("conf", store.ConfluenceResourceId), ("jira", store.JiraResourceId)));
            // Held only through the group: a clear error naming the way to remove it, and nothing sent (C4).
            Assert.Equal(new[] { "Failed", "Unchanged" }, again.Output.Select(Outcome));
            var error = again.Errors.Single();
            Assert.StartsWith("RoleHeldThroughGroup", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("Remove-AtlassianGroupMember", error.Exception.Message);
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/roles/"));
        }

        [Fact]
        public async Task Org_admin_and_site_admin_use_their_own_resources()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 1)[0];
            var r = s.Run("Grant-AtlassianUserRole -Email $e -Role org-admin -PassThru; Grant-AtlassianUserRole -Email $e -Workspace acme-sandbox -Role site-admin -PassThru", Vars(("e", u.Email)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Contains(store.UserRoles(u.AccountId), a => a.RoleId == "atlassian/org-admin" && a.ResourceId == store.OrgResourceId);
            Assert.Contains(store.UserRoles(u.AccountId), a => a.RoleId == "atlassian/site-admin" && a.ResourceId == store.PlatformSiteResourceId);
            Assert.Contains(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/role-assignments/assign"));
            var revoke = s.Run("Revoke-AtlassianUserRole -Email $e -Role org-admin -Force -PassThru", Vars(("e", u.Email)));
            Assert.Equal("Changed", Outcome(revoke.Output.Single()));
            Assert.DoesNotContain(store.UserRoles(u.AccountId), a => a.RoleId == "atlassian/org-admin");
        }

        [Fact]
        public async Task Offboarding_example_suspends_and_revokes_direct_roles_with_one_report_row_each()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = NewUsers(store, 2, "leaver");
            store.AssignUserRole(u[0].AccountId, store.JiraResourceId, "atlassian/user");
            store.AssignUserRole(u[0].AccountId, store.ConfluenceResourceId, "atlassian/admin");
            store.AssignUserRole(u[1].AccountId, store.JiraResourceId, "atlassian/user");
            var leavers = u.Select(x => (object)PsHarness.Row(("email", x.Email), ("name", x.Name))).ToArray();
            var r = s.Run(@"
                $report  = @($leavers | Suspend-AtlassianDirectoryUser -Force -PassThru)
                $report += $leavers | Get-AtlassianUserRole -Direct | Revoke-AtlassianUserRole -Force -PassThru
                $report", Vars(("leavers", leavers)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(5, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.All(u, x => Assert.Equal("suspended", store.FindUser(x.AccountId).Status));
            Assert.All(u, x => Assert.Empty(store.UserRoles(x.AccountId)));
        }
    }
}
