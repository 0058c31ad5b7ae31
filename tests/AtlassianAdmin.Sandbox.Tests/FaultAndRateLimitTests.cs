using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Tests.Time;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class FaultAndRateLimitTests
    {
        [Fact]
        public async Task Rate_limit_gives_429_with_retry_after_and_headers_on_every_response()
        {
            using var c = new SandboxClient(new SandboxOptions { RateLimitPerSecond = 0.5, RateLimitBurst = 2 });
            var a = (await c.Get(c.V1)).AssertStatus(200);
            var b = (await c.Get(c.V1)).AssertStatus(200);
            var limited = await c.Get(c.V1);
            Assert.Equal("ADMIN-429-1", limited.ErrorCode(429));
            Assert.InRange(int.Parse(limited.Header("Retry-After")), 1, 2);
            foreach (var r in new[] { a, b, limited })
            {
                Assert.Equal("2", r.Header("X-RateLimit-Limit"));
                Assert.NotNull(r.Header("X-RateLimit-Remaining"));
                Assert.True(DateTimeOffset.TryParse(r.Header("X-RateLimit-Reset"), out _));
            }
            Assert.Equal("1", a.Header("X-RateLimit-Remaining"));
            Assert.Equal("0", limited.Header("X-RateLimit-Remaining"));
            Assert.Equal(1, c.Handler.Stats.RateLimited);
            Assert.Equal(2, c.Handler.Stats.Processed);
            Assert.Equal(3, c.Handler.Stats.Requests);
        }

        [Fact]
        public async Task Per_endpoint_limits_keep_one_bucket_per_method_and_route()
        {
            var clock = new ManualClock();
            using var c = new SandboxClient(new SandboxOptions { RateLimitPerSecond = 1, RateLimitBurst = 1, RateLimitPerEndpoint = true, TimeProvider = clock });
            (await c.Get(c.V1)).AssertStatus(200);
            Assert.Equal(429, (await c.Get(c.V1)).Code);                      // this endpoint's bucket is empty
            var other = (await c.Get(c.Dir + "/users/count")).AssertStatus(200); // another endpoint has its own
            Assert.Equal("0", other.Header("X-RateLimit-Remaining"));
            (await c.Get(c.Dir + "/groups/count")).AssertStatus(200);
            Assert.Equal(429, (await c.Get(c.Dir + "/users/count")).Code);
            clock.Advance(TimeSpan.FromSeconds(1.1));
            (await c.Get(c.V1)).AssertStatus(200);
        }

        [Fact]
        public async Task Bucket_refills_over_time()
        {
            var clock = new ManualClock();
            using var c = new SandboxClient(new SandboxOptions { RateLimitPerSecond = 20, RateLimitBurst = 1, TimeProvider = clock });
            (await c.Get(c.V1)).AssertStatus(200);
            Assert.Equal(429, (await c.Get(c.V1)).Code);
            clock.Advance(TimeSpan.FromMilliseconds(40));                // 0.8 of a token
            Assert.Equal(429, (await c.Get(c.V1)).Code);
            clock.Advance(TimeSpan.FromMilliseconds(15));                // over one token at 20/s
            (await c.Get(c.V1)).AssertStatus(200);
        }

        [Fact]
        public async Task Injected_429_503_502_are_not_processed_and_carry_retry_after()
        {
            using var c = new SandboxClient(new SandboxOptions { RetryAfterSeconds = 3 });
            var id = c.Store.Users()[1].AccountId;
            var path = c.Dir + "/users/" + id + "/suspend";
            c.Handler.Faults.InjectNext(SandboxFault.TooManyRequests);
            c.Handler.Faults.InjectNext(SandboxFault.ServiceUnavailable);
            c.Handler.Faults.InjectNext(SandboxFault.BadGateway);
            var r429 = await c.Post(path);
            Assert.Equal("ADMIN-429-1", r429.ErrorCode(429));
            Assert.Equal("3", r429.Header("Retry-After"));
            var r503 = await c.Post(path);
            Assert.Equal(503, r503.Code);
            Assert.Equal("3", r503.Header("Retry-After"));
            Assert.Equal("503", r503.Json.GetProperty("errors")[0].GetProperty("status").GetString());
            Assert.Equal(502, (await c.Post(path)).Code);
            Assert.Equal("active", c.Store.FindUser(id).MembershipStatus);
            Assert.Equal(0, c.Handler.Stats.Processed);
            Assert.Equal(3, c.Handler.Faults.Injected);
            Assert.Equal(1, c.Handler.Faults.InjectedOf(SandboxFault.BadGateway));
            (await c.Post(path)).AssertStatus(204);
            Assert.Equal("suspended", c.Store.FindUser(id).MembershipStatus);
        }

        [Fact]
        public async Task Connection_reset_throws_and_does_not_process()
        {
            using var c = new SandboxClient();
            var id = c.Store.Users()[1].AccountId;
            c.Handler.Faults.InjectNext(SandboxFault.ConnectionReset);
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => c.Post(c.Dir + "/users/" + id + "/suspend"));
            Assert.IsType<IOException>(e.InnerException);
            Assert.Contains("reset", e.Message);
            Assert.Equal("active", c.Store.FindUser(id).MembershipStatus);
        }

        [Fact]
        public async Task Response_lost_throws_but_the_change_happened()
        {
            using var c = new SandboxClient();
            var id = c.Store.Users()[1].AccountId;
            c.Handler.Faults.InjectNext(SandboxFault.ResponseLost);
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => c.Post(c.Dir + "/users/" + id + "/suspend"));
            Assert.IsType<IOException>(e.InnerException);
            Assert.Equal("suspended", c.Store.FindUser(id).MembershipStatus);
            Assert.Equal(1, c.Handler.Stats.Processed);
        }

        [Fact]
        public async Task Timeout_hangs_then_504_and_honours_cancellation()
        {
            var clock = new ManualClock();
            using var c = new SandboxClient(new SandboxOptions { TimeoutFaultDelay = TimeSpan.FromSeconds(30), TimeProvider = clock });
            c.Handler.Faults.InjectNext(SandboxFault.Timeout);
            var pending = c.Get(c.V1);
            Assert.Equal(TimeSpan.FromSeconds(30), await clock.WaitForTimerAsync(d => d > TimeSpan.Zero));
            clock.Advance(TimeSpan.FromSeconds(29));
            Assert.False(pending.IsCompleted);                           // still hanging
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(504, (await pending.WaitAsync(ManualClock.HangGuard)).Code);

            // Cancellation ends the hang although the fake clock never moves again.
            c.Handler.Faults.InjectNext(SandboxFault.Timeout);
            using var cts = new CancellationTokenSource();
            var hanging = c.Http.GetAsync(c.V1, cts.Token);
            await clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(30));
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging.WaitAsync(ManualClock.HangGuard));
        }

        [Fact]
        public async Task Malformed_json_is_a_truncated_200()
        {
            using var c = new SandboxClient();
            c.Handler.Faults.InjectNext(SandboxFault.MalformedJson);
            var r = await c.Post(c.Dir + "/users/search", new { });
            Assert.Equal(200, r.Code);
            Assert.Equal("application/json", r.Message.Content.Headers.ContentType.MediaType);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(r.Body));
        }

        [Fact]
        public async Task Path_filter_and_counts()
        {
            using var c = new SandboxClient();
            c.Handler.Faults.InjectNext(SandboxFault.BadGateway, 2, "/groups");
            (await c.Get(c.V1)).AssertStatus(200);                 // not targeted
            Assert.Equal(502, (await c.Get(c.Dir + "/groups")).Code);
            Assert.Equal(502, (await c.Get(c.Dir + "/groups/count")).Code);
            (await c.Get(c.Dir + "/groups")).AssertStatus(200);    // used up
            Assert.Equal(2, c.Handler.Faults.Injected);
            c.Handler.Faults.InjectNext(SandboxFault.BadGateway, 5);
            c.Handler.Faults.Clear();
            (await c.Get(c.V1)).AssertStatus(200);
            Assert.Equal(0, c.Handler.Faults.Injected);
        }

        [Fact]
        public async Task Random_faults_follow_rate_kinds_and_seed()
        {
            async Task<string> Run()
            {
                using var c = new SandboxClient(new SandboxOptions { FaultRate = 0.5, RandomSeedForFaults = 42, FaultKinds = new[] { SandboxFault.BadGateway, SandboxFault.ServiceUnavailable } });
                var codes = "";
                for (int i = 0; i < 40; i++) codes += (await c.Get(c.V1)).Code + ",";
                return codes;
            }
            var first = await Run();
            Assert.Equal(first, await Run());
            var statuses = first.TrimEnd(',').Split(',');
            Assert.Contains("200", statuses);
            Assert.Contains("502", statuses);
            Assert.Contains("503", statuses);
            Assert.All(statuses, s => Assert.Contains(s, new[] { "200", "502", "503" }));
        }

        [Fact]
        public async Task Latency_is_added_to_each_request()
        {
            var clock = new ManualClock();
            using var c = new SandboxClient(new SandboxOptions { Latency = TimeSpan.FromMilliseconds(80), TimeProvider = clock });
            var pending = c.Get(c.V1);
            Assert.Equal(TimeSpan.FromMilliseconds(80), await clock.WaitForTimerAsync(d => d > TimeSpan.Zero));
            clock.Advance(TimeSpan.FromMilliseconds(79));
            Assert.False(pending.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            (await pending.WaitAsync(ManualClock.HangGuard)).AssertStatus(200);
        }

        [Fact]
        public async Task Stats_count_requests_by_route_template()
        {
            using var c = new SandboxClient();
            await c.Get(c.Dir + "/users/count");
            await c.Get(c.Dir + "/users/count");
            await c.Post(c.Dir + "/users/search", new { });
            var byRoute = c.Handler.Stats.ByRoute();
            Assert.Equal(2, byRoute["GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/count"]);
            Assert.Equal(1, byRoute["POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search"]);
            c.Handler.Stats.Reset();
            Assert.Empty(c.Handler.Stats.ByRoute());
            Assert.Equal(0, c.Handler.Stats.Requests);
        }
    }
}
