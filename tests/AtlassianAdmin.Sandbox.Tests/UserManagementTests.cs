using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class UserManagementTests
    {
        private static string Manage(string id) => "users/" + id + "/manage";

        [Fact]
        public async Task Only_managed_accounts_can_be_managed()
        {
            using var c = new SandboxClient();
            var external = c.Store.AddUser("someone@gmail.com", "Some One").AccountId;
            Assert.Equal("ADMIN-UAM-403-1", (await c.Get(Manage(external) + "/profile")).ErrorCode(403));
            Assert.Equal(403, (await c.Post(Manage(external) + "/lifecycle/disable")).Code);
            Assert.Equal("ADMIN-404-8", (await c.Get(Manage("nobody") + "/profile")).ErrorCode(404));
        }

        [Fact]
        public async Task Permissions_profile_read_and_update()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("jane.doe@acme-sandbox.example", "Jane Doe").AccountId;
            var perms = (await c.Get(Manage(id) + "?privileges=email.set,lifecycle.enablement")).AssertStatus(200).Json;
            Assert.True(perms.GetProperty("email.set").GetProperty("allowed").GetBoolean());
            Assert.Equal(2, perms.EnumerateObject().Count());

            var profile = (await c.Get(Manage(id) + "/profile")).AssertStatus(200).Json.GetProperty("account");
            Assert.Equal("jane.doe@acme-sandbox.example", profile.GetProperty("email").GetString());
            var updated = (await c.Patch(Manage(id) + "/profile", new { nickname = "jd", extended_profile = new { job_title = "CTO" } })).AssertStatus(200).Json.GetProperty("account");
            Assert.Equal("jd", updated.GetProperty("nickname").GetString());
            Assert.Equal("CTO", updated.GetProperty("extended_profile").GetProperty("job_title").GetString());
            Assert.Equal("jd", c.Store.FindUser(id).Nickname);
        }

        [Fact]
        public async Task Lifecycle_disable_delete_cancel_enable()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("leaver@acme-sandbox.example", "Lea Ver").AccountId;
            (await c.Post(Manage(id) + "/lifecycle/disable", new { message = "left the company" })).AssertStatus(204);
            Assert.Equal("deactivated", c.Store.FindUser(id).Status);
            Assert.Equal("inactive", c.Store.FindUser(id).AccountStatus);
            (await c.Post(Manage(id) + "/lifecycle/delete")).AssertStatus(204);
            Assert.Equal("for_deletion", c.Store.FindUser(id).Status);
            Assert.Equal(400, (await c.Post(Manage(id) + "/lifecycle/enable")).Code);
            (await c.Post(Manage(id) + "/lifecycle/cancel-delete")).AssertStatus(204);
            Assert.Equal("deactivated", c.Store.FindUser(id).Status);
            (await c.Post(Manage(id) + "/lifecycle/enable")).AssertStatus(204);
            (await c.Post(Manage(id) + "/lifecycle/enable")).AssertStatus(204);
            Assert.Equal("active", c.Store.FindUser(id).Status);
            Assert.Equal(new[] { "user_deactivated", "user_deleted", "user_deletion_cancelled", "user_reactivated" },
                c.Store.Events().Where(e => e.Context.Any(x => x.Key == id)).Select(e => e.Action));
        }

        [Fact]
        public async Task Email_change_needs_a_verified_domain_and_a_free_address()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("old.name@acme-sandbox.example", "Old Name").AccountId;
            Assert.Equal(403, (await c.Put(Manage(id) + "/email", new { email = "x@acme-legacy.example" })).Code);
            Assert.Equal(409, (await c.Put(Manage(id) + "/email", new { email = "admin@acme-sandbox.example" })).Code);
            (await c.Put(Manage(id) + "/email", new { email = "new.name@acme-sandbox.example" })).AssertStatus(204);
            Assert.Equal(id, c.Store.FindUserByEmail("new.name@acme-sandbox.example").AccountId);
            Assert.Null(c.Store.FindUserByEmail("old.name@acme-sandbox.example"));
        }

        [Fact]
        public async Task Api_tokens_list_and_revoke()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 60 });
            var u = c.Store.Users().First(x => x.ApiTokenCount > 0);
            var tokens = (await c.Get(Manage(u.AccountId) + "/api-tokens")).AssertStatus(200).Json;
            Assert.Equal(u.ApiTokenCount, tokens.GetArrayLength());
            var tokenId = tokens[0].GetProperty("id").GetString();
            (await c.Delete(Manage(u.AccountId) + "/api-tokens/" + tokenId)).AssertStatus(204);
            Assert.Equal(u.ApiTokenCount - 1, c.Store.FindUser(u.AccountId).ApiTokenCount);
            Assert.Equal(404, (await c.Delete(Manage(u.AccountId) + "/api-tokens/" + tokenId)).Code);
        }
    }
}
