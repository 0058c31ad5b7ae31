using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    public class EndpointRateLimiterTests
    {
        private static HttpResponseMessage Response(int status, int? limit, int? remaining, int? retryAfter = null)
        {
            var r = new HttpResponseMessage((HttpStatusCode)status);
            if (limit.HasValue) r.Headers.TryAddWithoutValidation("X-RateLimit-Limit", limit.ToString());
            if (remaining.HasValue) r.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", remaining.ToString());
            if (retryAfter.HasValue) r.Headers.TryAddWithoutValidation("Retry-After", retryAfter.ToString());
            return r;
        }

        [Fact]
        public async Task Starts_from_the_documented_limit_then_follows_the_headers_and_logs_each_wait()
        {
            var limiter = new EndpointRateLimiter("/events", 10);
            var log = new List<HttpLogEntry>();
            using var _ = HttpLog.Capture(log.Add);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 9; i++) limiter.Completed(await limiter.WaitAsync(CancellationToken.None), null);
            var tenth = await limiter.WaitAsync(CancellationToken.None);
            Assert.True(clock.ElapsedMilliseconds < 500);      // the documented burst of 10 is free
            Assert.Empty(log);

            // The server says 600/min and nothing left: the next request waits for one token (0.1 s), no 429 needed.
            limiter.Completed(tenth, Response(200, 600, 0));
            Assert.Equal(600, limiter.RequestsPerMinute);
            clock.Restart();
            var eleventh = await limiter.WaitAsync(CancellationToken.None);
            Assert.InRange(clock.ElapsedMilliseconds, 80, 1000);
            var wait = Assert.Single(log);
            Assert.True(wait.IsRateLimitWait);
            Assert.StartsWith("Rate limit: waiting", wait.ToString());

            // A 429 pauses for Retry-After.
            limiter.Completed(eleventh, Response(429, 600, 0, retryAfter: 1));
            clock.Restart();
            await limiter.WaitAsync(CancellationToken.None);
            Assert.True(clock.ElapsedMilliseconds >= 900, clock.ElapsedMilliseconds.ToString());
            Assert.Equal(1, limiter.Throttled);
        }
    }
}
