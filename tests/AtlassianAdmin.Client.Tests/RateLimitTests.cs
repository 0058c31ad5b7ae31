using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>Behaviour of the shared pacing gate. Throughput against the limit is measured by the benchmark (bench/), not here.</summary>
    public class RateLimitTests
    {
        [Fact]
        public async Task Concurrent_callers_learn_the_refill_rate_and_avoid_429_storms()
        {
            const int rate = 100, requests = 300;
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { RateLimitPerSecond = rate, RateLimitBurst = 10, Latency = TimeSpan.FromMilliseconds(10) },
                new ResilienceOptions { MaxRetries = 10, BaseDelay = TimeSpan.FromMilliseconds(20), TotalTimeout = TimeSpan.FromSeconds(120) });
            using var slots = new SemaphoreSlim(16);
            var tasks = Enumerable.Range(0, requests).Select(async _ =>
            {
                await slots.WaitAsync();
                try { return await api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None); }
                finally { slots.Release(); }
            }).ToList();
            var counts = await Task.WhenAll(tasks);

            Assert.All(counts, c => Assert.Equal(api.Sandbox.Store.Users().Count, c));
            var gate = Assert.Single(api.Transport.Gates.Families).Value; // one endpoint family: users/count
            var learned = gate.LearnedRatePerSecond;
            Assert.True(learned.HasValue, "no refill rate was learned from X-RateLimit-* headers");
            Assert.InRange(learned.Value, rate * 0.4, rate * 1.5);
            Assert.Equal(10, gate.Limit);
            // Without pacing, 16 callers against a 10-token bucket draw a 429 on a large share of requests.
            Assert.True(api.Sandbox.Stats.RateLimited <= requests / 20, $"{api.Sandbox.Stats.RateLimited} x 429 for {requests} requests");
        }

        [Fact]
        public async Task Without_rate_headers_nothing_is_paced()
        {
            await using var api = await TestApi.OverHttpAsync();
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Org.CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None)));
            Assert.Equal(20, results.Length);
            Assert.Null(Assert.Single(api.Transport.Gates.Families).Value.LearnedRatePerSecond);
            Assert.Equal(0, api.Transport.Gates.Throttled);
        }
    }
}
