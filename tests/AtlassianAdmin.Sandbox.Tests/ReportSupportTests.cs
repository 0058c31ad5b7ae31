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
        public async Task ProductAccess_items_have_effective_roles_and_last_active_unless_switched_off()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 0 });
            var admin = c.Store.ApiKeyOwnerAccountId;
            var u = (await c.Post(c.Dir + "/users/search", new { accountIds = new[] { admin }, expand = new[] { "productAccess" } })).AssertStatus(200)
                .Json.GetProperty("data")[0];
            var jira = u.GetProperty("productAccess").EnumerateArray().Single(p => p.GetProperty("resourceId").GetString() == c.Store.JiraResourceId);
            Assert.Equal(new[] { "atlassian/admin", "atlassian/user" }, jira.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(JsonValueKind.String, jira.GetProperty("lastActive").ValueKind);

            using var without = new SandboxClient(new SandboxOptions { ProductAccessLastActive = false });
            var item = (await without.Post(without.Dir + "/users/search", new { limit = 1, expand = new[] { "productAccess" } })).AssertStatus(200)
                .Json.GetProperty("data")[0].GetProperty("productAccess")[0];
            Assert.False(item.TryGetProperty("lastActive", out _));
        }
    }
}
