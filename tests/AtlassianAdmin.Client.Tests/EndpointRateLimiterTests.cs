using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Tests.Time;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>The per-endpoint limiter on a fake clock: every wait is a timer the test sees and fires.</summary>
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
            var clock = new ManualClock();
            var limiter = new EndpointRateLimiter("/events", 10, clock);
            var log = new List<HttpLogEntry>();
            using var _ = HttpLog.Capture(log.Add);

            // The documented burst of 10 is free: ten sends at the same instant, no timer, nothing logged.
            for (int i = 0; i < 9; i++) limiter.Completed(await limiter.WaitAsync(CancellationToken.None), null);
            var tenth = await limiter.WaitAsync(CancellationToken.None);
            Assert.Empty(clock.Pending);
            Assert.Empty(log);

            // The server says 600/min and nothing left: the next request waits for one token (0.1 s), no 429 needed.
            limiter.Completed(tenth, Response(200, 600, 0));
            Assert.Equal(600, limiter.RequestsPerMinute);
            var eleventh = limiter.WaitAsync(CancellationToken.None);
            var wait = await clock.WaitForTimerAsync(d => d > TimeSpan.Zero);
            Assert.InRange(wait, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150));
            Assert.False(eleventh.IsCompleted);
            var logged = Assert.Single(log);
            Assert.True(logged.IsRateLimitWait);
            Assert.StartsWith("Rate limit: waiting", logged.ToString());
            clock.Advance(wait);
            var seq = await eleventh.WaitAsync(ManualClock.HangGuard);

            // A 429 pauses for Retry-After: the next send waits a whole second, and not a moment less.
            limiter.Completed(seq, Response(429, 600, 0, retryAfter: 1));
            Assert.Equal(1, limiter.Throttled);
            var twelfth = limiter.WaitAsync(CancellationToken.None);
            var pause = await clock.WaitForTimerAsync(d => d > TimeSpan.Zero);
            Assert.Equal(TimeSpan.FromSeconds(1), pause);
            clock.Advance(pause - TimeSpan.FromMilliseconds(1));
            Assert.False(twelfth.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(seq + 1, await twelfth.WaitAsync(ManualClock.HangGuard));
        }

        [Fact]
        public async Task Cancellation_ends_a_wait_at_once()
        {
            var clock = new ManualClock();
            var limiter = new EndpointRateLimiter("/events", 1, clock);
            limiter.Completed(await limiter.WaitAsync(CancellationToken.None), null);
            using var cts = new CancellationTokenSource();
            var waiting = limiter.WaitAsync(cts.Token);
            await clock.WaitForTimerAsync(d => d > TimeSpan.FromSeconds(30)); // a minute for the next token
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(ManualClock.HangGuard));
        }
    }
}
