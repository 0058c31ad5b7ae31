using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class UserLifecycleTests
    {
        [Fact]
        public async Task Suspend_and_restore_are_idempotent_and_keep_groups_and_roles()
        {
            using var c = new SandboxClient();
            var u = c.Store.Users().First(x => x.Status == "active" && x.GroupIds.Count > 0 && x.AccountId != c.Store.ApiKeyOwnerAccountId);
            var roles = c.Store.EffectiveRoles(u.AccountId).Count;
            var events = c.Store.Events().Count;

            (await c.Post(c.Dir + "/users/" + u.AccountId + "/suspend")).AssertStatus(204);
            (await c.Post(c.Dir + "/users/" + u.AccountId + "/suspend")).AssertStatus(204);
            var s = c.Store.FindUser(u.AccountId);
            Assert.Equal("suspended", s.Status);
            Assert.Equal("suspended", s.MembershipStatus);
            Assert.Equal(u.GroupIds, s.GroupIds);
            Assert.Equal(roles, c.Store.EffectiveRoles(u.AccountId).Count);
            Assert.Equal(events + 1, c.Store.Events().Count);        // the repeat changed nothing
            Assert.Equal("user_suspended", c.Store.Events().Last().Action);

            (await c.Post(c.Dir + "/users/" + u.AccountId + "/restore")).AssertStatus(204);
            (await c.Post(c.Dir + "/users/" + u.AccountId + "/restore")).AssertStatus(204);
            Assert.Equal("active", c.Store.FindUser(u.AccountId).Status);
            Assert.Equal("user_restored", c.Store.Events().Last().Action);
            Assert.Equal(events + 2, c.Store.Events().Count);
        }

        [Fact]
        public async Task V1_suspend_access_answers_200_with_message()
        {
            using var c = new SandboxClient(new SandboxOptions { ServeRemovedV1Endpoints = true });   // removed after 2026-06-30 (C6)
            var id = c.Store.Users()[2].AccountId;
            var r = (await c.Post(c.V1 + "/directory/users/" + id + "/suspend-access")).AssertStatus(200);
            Assert.False(string.IsNullOrEmpty(r.Json.GetProperty("message").GetString()));
            Assert.Equal("suspended", c.Store.FindUser(id).MembershipStatus);
            (await c.Post(c.V1 + "/directory/users/" + id + "/restore-access")).AssertStatus(200);
            Assert.Equal("active", c.Store.FindUser(id).MembershipStatus);
        }

        [Fact]
        public async Task Remove_drops_memberships_and_roles_then_user_is_404()
        {
            using var c = new SandboxClient();
            var u = c.Store.Users().First(x => x.GroupIds.Count > 1 && x.AccountId != c.Store.ApiKeyOwnerAccountId);
            var group = u.GroupIds[0];
            c.Store.AssignUserRole(u.AccountId, c.Store.ConfluenceResourceId, "atlassian/guest");

            (await c.Delete(c.Dir + "/users/" + u.AccountId)).AssertStatus(204);
            Assert.Null(c.Store.FindUser(u.AccountId));
            Assert.DoesNotContain(u.AccountId, c.Store.GroupMembers(group));
            Assert.Empty(c.Store.EffectiveRoles(u.AccountId));
            Assert.Equal("ADMIN-404-8", (await c.Get(c.Dir + "/users/" + u.AccountId)).ErrorCode(404));
            Assert.Equal("ADMIN-404-8", (await c.Delete(c.Dir + "/users/" + u.AccountId)).ErrorCode(404));
            Assert.Equal("user_removed_from_directory", c.Store.Events().Last().Action);
        }

        [Fact]
        public async Task V1_remove_is_204()
        {
            using var c = new SandboxClient(new SandboxOptions { ServeRemovedV1Endpoints = true });   // removed after 2026-06-30 (C6)
            var id = c.Store.Users()[5].AccountId;
            (await c.Delete(c.V1 + "/directory/users/" + id)).AssertStatus(204);
            Assert.Null(c.Store.FindUser(id));
        }

        [Fact]
        public async Task Invite_creates_accounts_applies_rules_and_groups_and_answers_per_email()
        {
            using var c = new SandboxClient();
            var dev = c.Store.FindGroupByName("developers");
            var existing = c.Store.Users()[3];
            var body = new
            {
                emails = new[] { "new.person@acme-sandbox.example", existing.Email, "friend@gmail.com" },
                permissionRules = new[] { new { resource = c.Store.ConfluenceResourceId, role = "atlassian/user" } },
                additionalGroups = new[] { dev.Id },
                sendNotification = false,
            };
            var data = (await c.Post(c.Org + "/users/invite", body)).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(3, data.GetArrayLength());
            var created = c.Store.FindUserByEmail("new.person@acme-sandbox.example");
            Assert.NotNull(created);
            Assert.Equal(created.AccountId, data[0].GetProperty("id").GetString());
            Assert.Equal(existing.AccountId, data[1].GetProperty("id").GetString());
            Assert.True(created.Managed);
            Assert.False(c.Store.FindUserByEmail("friend@gmail.com").Managed);
            Assert.Contains(created.AccountId, c.Store.GroupMembers(dev.Id));
            Assert.Contains(existing.AccountId, c.Store.GroupMembers(dev.Id));
            Assert.Contains(c.Store.UserRoles(created.AccountId), r => r.RoleId == "atlassian/user" && r.ResourceId == c.Store.ConfluenceResourceId);
            Assert.Contains(c.Store.Events(), e => e.Action == "user_invited" && e.Context.Any(x => x.Key == created.AccountId));
        }

        [Fact]
        public async Task Invite_validates_before_changing_anything()
        {
            using var c = new SandboxClient();
            var before = c.Store.Users().Count;
            Assert.Equal("ADMIN-404-10", (await c.Post(c.Org + "/users/invite", new { emails = new[] { "a.b@acme-sandbox.example" }, additionalGroups = new[] { "missing" } })).ErrorCode(404));
            Assert.Equal("ADMIN-UAM-400-5", (await c.Post(c.Org + "/users/invite", new { emails = new[] { "a.b@acme-sandbox.example" }, permissionRules = new[] { new { resource = "ari:cloud:jira::site/nope", role = "atlassian/user" } } })).ErrorCode(400));
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Org + "/users/invite", new { emails = new string[0] })).ErrorCode(400));
            Assert.Equal(before, c.Store.Users().Count);
        }

        [Fact]
        public async Task Removed_user_can_be_reinvited_with_the_same_account_id()
        {
            using var c = new SandboxClient();
            var u = c.Store.Users()[4];
            (await c.Delete(c.Dir + "/users/" + u.AccountId)).AssertStatus(204);
            var data = (await c.Post(c.Org + "/users/invite", new { emails = new[] { u.Email } })).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(u.AccountId, data[0].GetProperty("id").GetString());
            (await c.Get(c.Dir + "/users/" + u.AccountId)).AssertStatus(200);
            Assert.Empty(c.Store.FindUser(u.AccountId).GroupIds);
        }

        [Fact]
        public async Task Removed_v1_endpoints_answer_404_naming_the_v2_path_and_v2_lifecycle_may_answer_200_with_a_body()
        {
            using var c = new SandboxClient();
            var id = c.Store.Users()[2].AccountId;
            var gone = await c.Post(c.V1 + "/directory/users/" + id + "/suspend-access");
            Assert.Equal("ADMIN-404-1", gone.ErrorCode(404));
            Assert.Contains("/suspend", gone.Body);
            Assert.Equal("active", c.Store.FindUser(id).Status);                    // nothing happened
            Assert.Equal("ADMIN-404-1", (await c.Post(c.V1 + "/users/search", new { })).ErrorCode(404));

            using var withBody = new SandboxClient(new SandboxOptions { LifecycleAnswersWithBody = true });
            var other = withBody.Store.Users()[2].AccountId;
            var r = (await withBody.Post(withBody.Dir + "/users/" + other + "/suspend")).AssertStatus(200);
            Assert.False(string.IsNullOrEmpty(r.Body));
        }
    }
}
