using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>What the reports rely on: the events endpoint reports its own limit; productAccess carries roles and last-active dates.</summary>
    public class ReportSupportTests
    {
        [Fact]
        public async Task Events_responses_carry_the_endpoints_own_rate_headers_not_the_global_ones()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 60, EventsRateLimitBurst = 2, RateLimitPerSecond = 1000 });
            var first = (await c.Get(c.V1 + "/events")).AssertStatus(200);
            Assert.Equal("60", first.Header("X-RateLimit-Limit"));
            Assert.Equal("1", first.Header("X-RateLimit-Remaining"));
            (await c.Get(c.V1 + "/events")).AssertStatus(200);
            var limited = await c.Get(c.V1 + "/events");
            Assert.Equal("ADMIN-429-1", limited.ErrorCode(429));
            Assert.Equal("0", limited.Header("X-RateLimit-Remaining"));
            Assert.Equal("1", limited.Header("Retry-After"));
            // Other endpoints keep reporting the global limit.
            Assert.Equal("1000", (await c.Get(c.Dir + "/users/count")).AssertStatus(200).Header("X-RateLimit-Limit"));
        }

        [Fact]
        public async Task ProductAccess_items_are_exactly_key_id_and_last_active_timestamp()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 0 });
            var admin = c.Store.ApiKeyOwnerAccountId;
            var u = (await c.Post(c.Dir + "/users/search", new { accountIds = new[] { admin }, expand = new[] { "productAccess" } })).AssertStatus(200)
                .Json.GetProperty("data")[0];
            var jira = u.GetProperty("productAccess").EnumerateArray().Single(p => p.GetProperty("id").GetString() == c.Store.JiraResourceId);
            // multiDirectoryProductAccess.ts (correction C3): key, id, lastActiveTimestamp; nothing else.
            Assert.Equal(new[] { "id", "key", "lastActiveTimestamp" }, jira.EnumerateObject().Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.String, jira.GetProperty("lastActiveTimestamp").ValueKind);
            Assert.False(u.TryGetProperty("lastActive", out _));                        // not a MultiDirectoryUser field

            // A seat on a product never used: listed, without a timestamp.
            var idle = c.Store.AddUser("idle@acme-sandbox.example", "Idle");
            c.Store.AssignUserRole(idle.AccountId, c.Store.ConfluenceResourceId, "atlassian/user");
            var item = (await c.Post(c.Dir + "/users/search", new { accountIds = new[] { idle.AccountId }, expand = new[] { "productAccess" } })).AssertStatus(200)
                .Json.GetProperty("data")[0].GetProperty("productAccess").EnumerateArray().Single();
            Assert.Equal(c.Store.ConfluenceResourceId, item.GetProperty("id").GetString());
            Assert.False(item.TryGetProperty("lastActiveTimestamp", out _));

            // roleIds with resourceIds: that role on that resource.
            var holders = (await c.Post(c.Dir + "/users/search", new { resourceIds = new[] { c.Store.ConfluenceResourceId }, roleIds = new[] { "atlassian/user" }, accountIds = new[] { idle.AccountId } }))
                .AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(1, holders.GetArrayLength());
            var none = (await c.Post(c.Dir + "/users/search", new { resourceIds = new[] { c.Store.JiraResourceId }, roleIds = new[] { "atlassian/user" }, accountIds = new[] { idle.AccountId } }))
                .AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(0, none.GetArrayLength());
        }
    }
}
