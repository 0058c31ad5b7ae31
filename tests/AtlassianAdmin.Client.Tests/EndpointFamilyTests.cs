using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Sandbox;
using AtlassianAdmin.Tests.Time;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>Rate limits per endpoint family (C7): one hot endpoint's 429s do not stall the others; Retry-After in full.</summary>
    public class EndpointFamilyTests
    {
        [Fact]
        public void A_family_is_the_method_and_the_path_template()
        {
            string F(string method, string path) => RateLimitGates.FamilyOf(new HttpMethod(method), new Uri("https://api.atlassian.com" + path));
            var add1 = F("POST", "/admin/v2/orgs/0df1254c-8c5c-45c8-83d5-3b09453a8e24/directories/cdfc07c1-947c/groups/8f1c2a77-0b3e-4a52-9a1d-1c2b3d4e5f60/memberships");
            var add2 = F("POST", "/admin/v2/orgs/0df1254c-8c5c-45c8-83d5-3b09453a8e24/directories/cdfc07c1-947c/groups/11112222-3333-4444-5555-666677778888/memberships");
            Assert.Equal(add1, add2);
            Assert.Equal("POST /admin/v2/orgs/{}/directories/{}/groups/{}/memberships", add1);
            Assert.NotEqual(add1, F("DELETE", "/admin/v2/orgs/0df1254c-8c5c-45c8-83d5-3b09453a8e24/directories/cdfc07c1-947c/groups/8f1c2a77-0b3e-4a52-9a1d-1c2b3d4e5f60/memberships"));
            Assert.Equal("GET /rest/api/3/issue/{}", F("GET", "/rest/api/3/issue/ACCESS-12?fields=summary"));
            Assert.Equal(F("GET", "/rest/api/3/issue/ACCESS-12"), F("GET", "/rest/api/3/issue/ACCESS-999"));
            Assert.Equal("GET /users/{}/manage/profile", F("GET", "/users/712020:2f5c9a6e-aaaa/manage/profile"));
        }

        [Fact]
        public async Task A_429_storm_on_one_endpoint_does_not_stall_calls_to_the_others()
        {
            // Per-endpoint buckets in the emulator: 2 tokens, one every 10 s. Time never moves unless the test moves it.
            var clock = new ManualClock();
            await using var api = TestApi.InProcess(new SandboxOptions { RateLimitPerSecond = 0.1, RateLimitBurst = 2, RateLimitPerEndpoint = true, TimeProvider = clock },
                ResilienceTests.OnClock(clock, maxRetries: 5));
            for (var i = 0; i < 2; i++) await api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);
            var hot = api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);
            await clock.WaitForTimerAsync(d => d > TimeSpan.Zero && d < TimeSpan.FromMinutes(5)); // users/count waits for its bucket

            // Another endpoint goes straight through while users/count waits, on a clock that has not moved.
            var before = clock.GetUtcNow();
            var groups = await api.Org.CountGroupsAsync(api.OrgId, api.DirectoryId, null, CancellationToken.None);
            Assert.Equal(api.Sandbox.Store.Groups().Count, groups);
            Assert.Equal(before, clock.GetUtcNow());
            Assert.False(hot.IsCompleted);

            var families = api.Transport.Gates.Families;
            Assert.Equal(2, families.Count);
            Assert.Equal(0, api.Transport.Gates.Host.Throttled);
            Assert.Equal(TimeSpan.Zero, api.Transport.Gates.Host.CurrentPause);
        }

        private static HttpResponseMessage TooMany(int retryAfter, string reason)
        {
            var r = new HttpResponseMessage((HttpStatusCode)429);
            r.Headers.TryAddWithoutValidation("Retry-After", retryAfter.ToString());
            if (reason != null) r.Headers.TryAddWithoutValidation("RateLimit-Reason", reason);
            return r;
        }

        [Theory]
        [InlineData("jira-burst-based", false)]
        [InlineData("jira-per-issue-on-write", false)]
        [InlineData(null, false)]
        [InlineData("jira-quota-global-based", true)]
        public void Jira_s_RateLimit_Reason_tells_an_endpoint_limit_from_the_site_quota(string reason, bool everyEndpointWaits)
        {
            var clock = new ManualClock();
            var gates = new RateLimitGates(clock);
            var issues = gates.For(HttpMethod.Put, new Uri("https://acme.atlassian.net/rest/api/3/issue/A-1"));
            var users = gates.For(HttpMethod.Get, new Uri("https://acme.atlassian.net/rest/api/3/users/search"));
            Assert.True(issues.TryEnter(out var seq, out _));
            issues.Completed(seq, TooMany(5, reason));

            Assert.False(issues.TryEnter(out _, out var wait));
            Assert.Equal(TimeSpan.FromSeconds(5), wait);
            var otherGoes = users.TryEnter(out _, out var otherWait);
            Assert.Equal(!everyEndpointWaits, otherGoes);
            if (everyEndpointWaits) Assert.Equal(TimeSpan.FromSeconds(5), otherWait);
        }

        [Fact]
        public async Task A_Retry_After_longer_than_the_run_may_wait_fails_clearly_instead_of_retrying_early()
        {
            var clock = new ManualClock();
            var options = ResilienceTests.OnClock(clock);
            options.MaxRetryAfter = TimeSpan.FromMinutes(5);
            await using var api = TestApi.InProcess(new SandboxOptions { RetryAfterSeconds = 3600, TimeProvider = clock }, options);
            api.Sandbox.Faults.InjectNext(SandboxFault.TooManyRequests, 1);

            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None));
            Assert.Equal(429, ex.Status);
            Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
            Assert.Contains("asks to wait 3600 s", ex.Message);
            Assert.Equal(1, api.Sandbox.Stats.Requests); // not retried early

            // The endpoint stays paused for the hour: the next call fails at once, unsent, with the same explanation.
            var next = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None));
            Assert.Contains("was not sent", next.Message);
            Assert.Contains("longer than the 300 s", next.Message);
            Assert.Equal(1, api.Sandbox.Stats.Requests);
            // Other endpoints are not affected.
            Assert.Equal(api.Sandbox.Store.Groups().Count, await api.Org.CountGroupsAsync(api.OrgId, api.DirectoryId, null, CancellationToken.None));
        }
    }
}
