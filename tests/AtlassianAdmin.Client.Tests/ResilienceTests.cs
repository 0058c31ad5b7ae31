using System;
using System.Diagnostics;
using System.Linq;
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
    public class ResilienceTests
    {
        private static string UsersPath(TestApi api) => $"admin/v2/orgs/{api.OrgId}/directories/{api.DirectoryId}/users/count";
        private static string GroupsPath(TestApi api) => $"admin/v2/orgs/{api.OrgId}/directories/{api.DirectoryId}/groups";

        /// <summary>Timeouts far beyond any retry delay, so the only short timer is the one under test.</summary>
        internal static ResilienceOptions OnClock(ManualClock clock, int maxRetries = 3) => new ResilienceOptions
        {
            MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromMinutes(10), TotalTimeout = TimeSpan.FromHours(1), TimeProvider = clock,
        };

        [Fact]
        public async Task Retry_After_is_honoured_in_full()
        {
            var clock = new ManualClock();
            await using var api = TestApi.InProcess(new SandboxOptions { RetryAfterSeconds = 3, TimeProvider = clock }, OnClock(clock));
            api.Sandbox.Faults.InjectNext(SandboxFault.TooManyRequests, 1);
            var count = api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);

            // The retry waits on a timer of at least Retry-After (plus a little jitter), and nothing is sent before it fires.
            var delay = await clock.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(5));
            Assert.InRange(delay, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.1));
            Assert.Equal(1, api.Sandbox.Stats.Requests);
            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.False(count.IsCompleted);
            Assert.Equal(1, api.Sandbox.Stats.Requests);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(api.Sandbox.Store.Users().Count, await count.WaitAsync(ManualClock.HangGuard));
            Assert.Equal(2, api.Sandbox.Stats.Requests);
        }

        [Fact]
        public async Task Server_errors_are_retried_then_surfaced_with_a_clear_error()
        {
            await using var api = await TestApi.OverHttpAsync();
            api.Sandbox.Faults.InjectNext(SandboxFault.BadGateway, 10);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None));
            Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
            Assert.Equal(3, ex.RetryCount);
            Assert.Equal(4, api.Sandbox.Stats.Requests);
            Assert.Contains("502", ex.Message);
            Assert.Contains("after 3 retries", ex.Message);
            Assert.Contains("/users/count", ex.RequestPath);
        }

        [Fact]
        public async Task Client_errors_are_not_retried()
        {
            await using var api = await TestApi.OverHttpAsync();
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.GetUserAsync(api.OrgId, api.DirectoryId, "no-such-account", CancellationToken.None));
            Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
            Assert.True(ex.HasCode("ADMIN-404-8"), string.Join(",", ex.Codes));
            Assert.Equal(0, ex.RetryCount);
            Assert.Equal(1, api.Sandbox.Stats.Requests);
            Assert.Contains("ADMIN-404-8", ex.Message);
        }

        [Fact]
        public async Task Malformed_json_is_retried_for_reads_and_then_reported_clearly()
        {
            await using var api = await TestApi.OverHttpAsync();
            api.Sandbox.Faults.InjectNext(SandboxFault.MalformedJson, 1);
            var count = await api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);
            Assert.Equal(api.Sandbox.Store.Users().Count, count);

            api.Sandbox.Faults.InjectNext(SandboxFault.MalformedJson, 10);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None));
            Assert.True(ex.IsMalformedResponse);
            Assert.Contains("not valid JSON", ex.Message);
        }

        [Fact]
        public async Task Non_idempotent_requests_are_not_retried_after_an_ambiguous_failure()
        {
            await using var api = await TestApi.OverHttpAsync();
            var groupsBefore = api.Sandbox.Store.Groups().Count;
            api.Sandbox.Faults.InjectNext(SandboxFault.ServiceUnavailable, 1);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() =>
                api.Transport.SendAsync(HttpMethod.Post, GroupsPath(api), new { name = "once-only" }, idempotent: false, CancellationToken.None));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.Equal(1, api.Sandbox.Stats.Requests);
            Assert.Equal(groupsBefore, api.Sandbox.Store.Groups().Count);

            // The response is lost after the group was created: no second create.
            api.Sandbox.Faults.InjectNext(SandboxFault.ResponseLost, 1);
            var lost = await Assert.ThrowsAsync<AtlassianApiException>(() =>
                api.Transport.SendAsync(HttpMethod.Post, GroupsPath(api), new { name = "lost-response" }, idempotent: false, CancellationToken.None));
            Assert.Null(lost.StatusCode);
            Assert.Single(api.Sandbox.Store.Groups(), g => g.Name == "lost-response");
        }

        [Fact]
        public async Task Too_many_requests_is_retried_even_for_non_idempotent_requests()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { RetryAfterSeconds = 1 });
            api.Sandbox.Faults.InjectNext(SandboxFault.TooManyRequests, 1);
            await api.Transport.SendAsync(HttpMethod.Post, GroupsPath(api), new { name = "after-429" }, idempotent: false, CancellationToken.None);
            Assert.Single(api.Sandbox.Store.Groups(), g => g.Name == "after-429");
            Assert.Equal(2, api.Sandbox.Stats.Requests);
        }

        [Fact]
        public async Task Connection_resets_and_timeouts_are_retried_for_reads()
        {
            var resilience = new ResilienceOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromMilliseconds(500), TotalTimeout = TimeSpan.FromSeconds(20) };
            await using var api = await TestApi.OverHttpAsync(resilience: resilience);
            api.Sandbox.Faults.InjectNext(SandboxFault.ConnectionReset, 1);
            api.Sandbox.Faults.InjectNext(SandboxFault.Timeout, 1);
            var count = await api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);
            Assert.Equal(api.Sandbox.Store.Users().Count, count);
            Assert.Equal(3, api.Sandbox.Stats.Requests);
        }

        [Fact]
        public async Task Cancellation_stops_a_hanging_request_promptly()
        {
            // The request hangs for an hour of fake time that never passes: only cancellation can end it.
            var clock = new ManualClock();
            await using var api = TestApi.InProcess(new SandboxOptions { TimeoutFaultDelay = TimeSpan.FromHours(1), TimeProvider = clock }, OnClock(clock));
            api.Sandbox.Faults.InjectNext(SandboxFault.Timeout, 5);
            using var cts = new CancellationTokenSource();
            var count = api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, cts.Token);
            await clock.WaitForTimerAsync(d => d == TimeSpan.FromHours(1)); // the request is hanging in the server
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => count.WaitAsync(ManualClock.HangGuard));
            Assert.Equal(1, api.Sandbox.Stats.Requests);
        }

        [Fact]
        public async Task A_wrong_key_is_a_401_whose_message_never_contains_the_key()
        {
            const string wrong = "wrong-key-SECRET-8d1f";
            await using var api = await TestApi.OverHttpAsync(key: wrong);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
            Assert.DoesNotContain(wrong, ex.ToString());
            Assert.DoesNotContain(TestApi.Key, ex.ToString());
            Assert.Contains("API key", ex.Message);
        }

        [Fact]
        public async Task The_rate_limit_gate_makes_concurrent_callers_wait_together()
        {
            // Real requests through the whole pipeline to the emulator's bucket (1/s, burst 2), on a fake clock.
            var clock = new ManualClock();
            await using var api = TestApi.InProcess(new SandboxOptions { RateLimitPerSecond = 1, RateLimitBurst = 2, TimeProvider = clock }, OnClock(clock, maxRetries: 10));
            var first = await api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None); // learns the headers
            var tasks = Enumerable.Range(0, 6).Select(_ => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None)).ToList();

            // One token was left: one caller goes, the others wait on the gate's timers instead of drawing 429s.
            await clock.WaitForTimerAsync(d => d > TimeSpan.Zero && d < TimeSpan.FromMinutes(5));
            while (!tasks.All(t => t.IsCompleted))
            {
                var next = await clock.WaitForTimerAsync(d => d < TimeSpan.FromMinutes(5));
                clock.Advance(next > TimeSpan.Zero ? next : TimeSpan.FromMilliseconds(1));
                await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(20)); // let the woken callers run; not a timing assertion
            }
            var results = await Task.WhenAll(tasks);
            Assert.All(results, c => Assert.Equal(first, c));
            Assert.True(api.Sandbox.Stats.RateLimited <= 1, $"{api.Sandbox.Stats.RateLimited} x 429");
            // Seven requests with a burst of two at one a second cannot finish in under five (fake) seconds.
            Assert.True(clock.GetUtcNow() - StartOf(clock) >= TimeSpan.FromSeconds(5), (clock.GetUtcNow() - StartOf(clock)).ToString());
        }

        private static DateTimeOffset StartOf(ManualClock clock) => ManualClock.Epoch;

        [Fact]
        public void Plain_http_is_refused_except_to_loopback()
        {
            Assert.Throws<ArgumentException>(() => TransportFactory.RequireSecureUri(new Uri("http://api.atlassian.com/"), inProcess: false));
            TransportFactory.RequireSecureUri(new Uri("http://127.0.0.1:5080/"), inProcess: false);
            TransportFactory.RequireSecureUri(new Uri("https://api.atlassian.com/"), inProcess: false);
        }
    }
}
