using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class RoleTests
    {
        private static string Assign(SandboxClient c, string id) => c.V1 + "/users/" + id + "/roles/assign";

        [Fact]
        public async Task User_role_assign_error_codes()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 60 });
            var s = c.Store;
            var active = s.AddUser("role.tester@acme-sandbox.example", "Role Tester").AccountId;
            var suspended = s.Users().First(u => u.Status == "suspended").AccountId;

            Assert.Equal("ADMIN-UAM-400-2", (await c.Post(Assign(c, suspended), new { role = "atlassian/user", resource = s.JiraResourceId })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-3", (await c.Post(Assign(c, active), new { role = "atlassian/viewer", resource = s.ConfluenceResourceId })).ErrorCode(400)); // group-only
            Assert.Equal("ADMIN-UAM-400-3", (await c.Post(Assign(c, active), new { role = "atlassian/customer", resource = s.JiraResourceId })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-3", (await c.Post(Assign(c, active), new { role = "atlassian/wizard", resource = s.JiraResourceId })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-5", (await c.Post(Assign(c, active), new { role = "atlassian/user", resource = "ari:cloud:jira::site/00000000" })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-5", (await c.Post(Assign(c, active), new { role = "atlassian/user", resource = "jira" })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-5", (await c.Post(Assign(c, active), new { role = "atlassian/user" })).ErrorCode(400));
            var jpd = s.Workspaces().Single(w => !w.Licensed).Id;
            Assert.Equal("ADMIN-UAM-400-4", (await c.Post(Assign(c, active), new { role = "atlassian/user", resource = jpd })).ErrorCode(400));
            Assert.Equal("ADMIN-404-8", (await c.Post(Assign(c, "nobody"), new { role = "atlassian/user", resource = s.JiraResourceId })).ErrorCode(404));
            Assert.Empty(s.UserRoles(active));
        }

        [Fact]
        public async Task Customer_role_is_valid_on_service_desk()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("customer@gmail.com", "A Customer").AccountId;
            (await c.Post(Assign(c, id), new { role = "atlassian/customer", resource = c.Store.ServiceDeskResourceId })).AssertStatus(204);
            Assert.Contains(c.Store.UserRoles(id), r => r.RoleId == "atlassian/customer");
        }

        [Fact]
        public async Task Seat_limit_gives_409_ADMIN_UAM_409_3()
        {
            using var c = new SandboxClient();
            var s = c.Store;
            var jsm = s.ServiceDeskResourceId;
            var free = s.Workspaces().Single(w => w.Id == jsm).SeatLimit.Value - s.Users().Count(u => s.EffectiveRoles(u.AccountId).Any(r => r.ResourceId == jsm && r.RoleId == "atlassian/user"));
            Assert.Equal(2, free);
            for (int i = 0; i < free; i++)
                (await c.Post(Assign(c, s.AddUser("agent" + i + "@acme-sandbox.example", "Agent " + i).AccountId), new { role = "atlassian/user", resource = jsm })).AssertStatus(204);
            var last = s.AddUser("agent.x@acme-sandbox.example", "Agent X").AccountId;
            Assert.Equal("ADMIN-UAM-409-3", (await c.Post(Assign(c, last), new { role = "atlassian/user", resource = jsm })).ErrorCode(409));
            // A group grant that would add members beyond the limit is refused too.
            var g = s.AddGroup("agents");
            s.AddMember(g.Id, last);
            Assert.Equal("ADMIN-UAM-409-3", (await c.Post(c.Dir + "/groups/" + g.Id + "/role-assignments/assign", new { resourceId = jsm, roleId = "atlassian/user" })).ErrorCode(409));
        }

        [Fact]
        public async Task Assign_and_revoke_are_idempotent_and_recorded()
        {
            using var c = new SandboxClient();
            var s = c.Store;
            var id = s.AddUser("idem@acme-sandbox.example", "Idem Potent").AccountId;
            var body = new { role = "atlassian/admin", resource = s.ConfluenceResourceId };
            (await c.Post(Assign(c, id), body)).AssertStatus(204);
            (await c.Post(Assign(c, id), body)).AssertStatus(204);
            Assert.Single(s.UserRoles(id));
            Assert.Single(s.Events(), e => e.Action == "role_granted" && e.Context.Any(x => x.Key == id));
            (await c.Post(c.V1 + "/users/" + id + "/roles/revoke", body)).AssertStatus(204);
            (await c.Post(c.V1 + "/users/" + id + "/roles/revoke", body)).AssertStatus(204);
            Assert.Empty(s.UserRoles(id));
            Assert.Single(s.Events(), e => e.Action == "role_revoked" && e.Context.Any(x => x.Key == id));
        }

        [Fact]
        public async Task Org_admin_role_assignment()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("new.admin@acme-sandbox.example", "New Admin").AccountId;
            (await c.Post(c.V1 + "/users/" + id + "/role-assignments/assign", new { role = "atlassian/org-admin" })).AssertStatus(204);
            Assert.Contains(c.Store.UserRoles(id), r => r.RoleId == "atlassian/org-admin");
            var reads = (await c.Get(c.Dir + "/users/" + id + "/role-assignments")).AssertStatus(200).Json.GetProperty("data");
            var platform = reads.EnumerateArray().Single();
            Assert.Equal("platform", platform.GetProperty("resourceOwner").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, platform.GetProperty("directoryId").ValueKind);
            Assert.Equal("ADMIN-UAM-400-3", (await c.Post(c.V1 + "/users/" + id + "/role-assignments/assign", new { role = "atlassian/user" })).ErrorCode(400));
            (await c.Post(c.V1 + "/users/" + id + "/role-assignments/revoke", new { role = "atlassian/org-admin" })).AssertStatus(204);
            Assert.Empty(c.Store.UserRoles(id));
        }

        [Fact]
        public async Task Effective_access_survives_revoking_one_of_two_granting_groups()
        {
            using var c = new SandboxClient();
            var s = c.Store;
            var id = s.AddUser("two.groups@acme-sandbox.example", "Two Groups").AccountId;
            var jiraUsers = s.FindGroupByName("jira-software-users");
            var dev = s.FindGroupByName("developers");
            s.AddMember(jiraUsers.Id, id);
            s.AddMember(dev.Id, id);
            var body = new { resourceId = s.JiraResourceId, roleId = "atlassian/user" };

            (await c.Post(c.Dir + "/groups/" + dev.Id + "/role-assignments/revoke", body)).AssertStatus(204);
            Assert.Contains(s.EffectiveRoles(id), r => r.ResourceId == s.JiraResourceId && r.RoleId == "atlassian/user" && r.GroupId == jiraUsers.Id);
            Assert.True(s.HasJiraAccess(id));

            (await c.Post(c.Dir + "/groups/" + jiraUsers.Id + "/role-assignments/revoke", body)).AssertStatus(204);
            Assert.DoesNotContain(s.EffectiveRoles(id), r => r.ResourceId == s.JiraResourceId);

            (await c.Post(c.Dir + "/groups/" + dev.Id + "/role-assignments/assign", body)).AssertStatus(204);
            (await c.Post(c.Dir + "/groups/" + dev.Id + "/role-assignments/assign", body)).AssertStatus(204);
            Assert.Single(s.GroupRoles(dev.Id), r => r.ResourceId == s.JiraResourceId);
            Assert.True(s.HasJiraAccess(id));
        }

        [Fact]
        public async Task Group_role_reads_and_errors()
        {
            using var c = new SandboxClient();
            var s = c.Store;
            var g = s.AddGroup("viewers");
            (await c.Post(c.Dir + "/groups/" + g.Id + "/role-assignments/assign", new { resourceId = s.ConfluenceResourceId, roleId = "atlassian/viewer" })).AssertStatus(204);
            var data = (await c.Get(c.Dir + "/groups/" + g.Id + "/role-assignments")).AssertStatus(200).Json.GetProperty("data");
            var entry = data.EnumerateArray().Single();
            Assert.Equal(s.ConfluenceResourceId, entry.GetProperty("resourceId").GetString());
            Assert.Equal("confluence", entry.GetProperty("resourceOwner").GetString());
            Assert.Equal("atlassian/viewer", entry.GetProperty("roles")[0].GetString());     // multiDirectoryGroupRoleAssignment.ts
            Assert.False(entry.TryGetProperty("roleAssignments", out _));
            Assert.Equal("ADMIN-UAM-400-3", (await c.Post(c.Dir + "/groups/" + g.Id + "/role-assignments/assign", new { resourceId = s.JiraResourceId, roleId = "atlassian/customer" })).ErrorCode(400));
            Assert.Equal("ADMIN-UAM-400-5", (await c.Post(c.Dir + "/groups/" + g.Id + "/role-assignments/assign", new { resourceId = "ari:cloud:jira-admin::site/" + s.SiteId, roleId = "atlassian/admin" })).ErrorCode(400));
            Assert.Equal("ADMIN-404-10", (await c.Post(c.Dir + "/groups/nope/role-assignments/assign", new { resourceId = s.JiraResourceId, roleId = "atlassian/user" })).ErrorCode(404));
        }

        [Fact]
        public async Task User_role_assignments_include_group_grants()
        {
            using var c = new SandboxClient(new SandboxOptions { DefaultPageSize = 2 });
            var admin = c.Store.ApiKeyOwnerAccountId;
            var first = (await c.Get(c.Dir + "/users/" + admin + "/role-assignments")).AssertStatus(200).Json;
            var resources = first.GetProperty("data").EnumerateArray().Select(x => x.GetProperty("resourceId").GetString()).ToList();
            var cursor = first.GetProperty("links").GetProperty("next").GetString();
            while (cursor != null)
            {
                var p = (await c.Get(c.Dir + "/users/" + admin + "/role-assignments?cursor=" + cursor)).AssertStatus(200).Json;
                resources.AddRange(p.GetProperty("data").EnumerateArray().Select(x => x.GetProperty("resourceId").GetString()));
                var n = p.GetProperty("links").GetProperty("next");
                cursor = n.ValueKind == System.Text.Json.JsonValueKind.Null ? null : n.GetString();
            }
            Assert.Equal(c.Store.EffectiveRoles(admin).Select(r => r.ResourceId).Distinct().OrderBy(x => x), resources.OrderBy(x => x));
            Assert.Contains(c.Store.JiraResourceId, resources);   // via jira-software-users
        }
    }
}
