using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class OrgErrorTests
    {
        [Fact]
        public async Task Missing_or_wrong_key_is_401_ADMIN_401_1()
        {
            using var c = new SandboxClient();
            var none = await c.Send(HttpMethod.Get, c.V1, null, new AuthenticationHeaderValue("Bearer", "wrong"));
            Assert.Equal("ADMIN-401-1", none.ErrorCode(401));
            var basic = await c.Send(HttpMethod.Get, c.V1, null, SandboxClient.Basic("admin@acme-sandbox.example", "sandbox-jira-token"));
            Assert.Equal("ADMIN-401-1", basic.ErrorCode(401));   // a Jira token is not an org key
            c.Http.DefaultRequestHeaders.Authorization = null;
            Assert.Equal("ADMIN-401-1", (await c.Get(c.Dir + "/users")).ErrorCode(401));
            Assert.Equal("ADMIN-401-1", (await c.Get("users/x/manage/profile")).ErrorCode(401));
        }

        [Fact]
        public async Task Unknown_ids_give_the_documented_404_codes()
        {
            using var c = new SandboxClient();
            Assert.Equal("ADMIN-404-2", (await c.Get("admin/v1/orgs/00000000-0000-0000-0000-000000000000")).ErrorCode(404));
            Assert.Equal("ADMIN-404-2", (await c.Post("admin/v2/orgs/nope/directories/-/users/search", new { })).ErrorCode(404));
            Assert.Equal(404, (await c.Get(c.Org + "/directories/not-a-directory/users")).Code);
            Assert.Equal("ADMIN-404-8", (await c.Get(c.Dir + "/users/no-such-account")).ErrorCode(404));
            Assert.Equal("ADMIN-404-10", (await c.Get(c.Dir + "/groups/no-such-group")).ErrorCode(404));
            Assert.Equal("ADMIN-404-3", (await c.Get(c.V1 + "/domains/nope")).ErrorCode(404));
            Assert.Equal("ADMIN-404-4", (await c.Get(c.V1 + "/events/nope")).ErrorCode(404));
        }

        [Fact]
        public async Task Malformed_body_is_400_ADMIN_400_24()
        {
            using var c = new SandboxClient();
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Dir + "/users/search", "{\"limit\": ")).ErrorCode(400));
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Dir + "/groups", "[1,2]")).ErrorCode(400));
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Dir + "/groups", new { description = "no name" })).ErrorCode(400));
        }

        [Fact]
        public async Task Unknown_route_is_404_and_wrong_method_is_405()
        {
            using var c = new SandboxClient();
            Assert.Equal(404, (await c.Get("admin/v2/nothing/here")).Code);
            Assert.Equal("ADMIN-405-1", (await c.Get(c.Dir + "/users/search")).ErrorCode(405));
            Assert.Equal("ADMIN-405-1", (await c.Delete(c.V1 + "/event-actions")).ErrorCode(405));
        }

        [Fact]
        public async Task Dash_directory_and_admin_less_paths_are_accepted()
        {
            using var c = new SandboxClient();
            var viaDash = (await c.Get(c.Org + "/directories/-/users/count")).AssertStatus(200).Json.GetProperty("count").GetInt32();
            Assert.Equal(c.Store.Users().Count, viaDash);
            // A client whose base address already ends in /admin sends /v1/... directly.
            (await c.Get("v1/orgs/" + c.Store.OrgId)).AssertStatus(200);
        }

        [Fact]
        public async Task Error_responses_are_json_utf8()
        {
            using var c = new SandboxClient();
            var r = await c.Get(c.Dir + "/users/nobody");
            Assert.Equal("application/json; charset=utf-8", r.Message.Content.Headers.ContentType.ToString());
            Assert.Equal(JsonValueKind.String, r.Json.GetProperty("errors")[0].GetProperty("status").ValueKind);
        }

        [Fact]
        public async Task Search_with_emails_and_searchTerm_is_400()
        {
            using var c = new SandboxClient();
            var r = await c.Post(c.Dir + "/users/search", new { emails = new[] { "admin@acme-sandbox.example" }, searchTerm = "adm" });
            Assert.Equal("ADMIN-400-24", r.ErrorCode(400));
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Dir + "/users/search", new { status = new[] { "sleeping" } })).ErrorCode(400));
        }
    }
}
