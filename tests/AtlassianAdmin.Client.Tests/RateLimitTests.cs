using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>
    /// The pacing gate over real HTTP. How concurrent callers learn the refill rate and avoid 429s is tested on a fake
    /// clock in <see cref="RateLimitGateTests"/> (a real-time version here failed on a busy machine); throughput against
    /// the real emulator is the benchmark's (bench/).
    /// </summary>
    public class RateLimitTests
    {
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
