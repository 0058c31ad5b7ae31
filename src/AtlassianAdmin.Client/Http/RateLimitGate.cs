using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// One per API host of a connection, shared by every cmdlet and every in-flight request. When the server says
    /// "slow down" (429 + Retry-After, or X-RateLimit-Remaining: 0) everybody waits together, instead of each request
    /// discovering the limit on its own and hammering the API.
    /// </summary>
    public sealed class RateLimitGate
    {
        private long _pausedUntilTicks; // UTC ticks; 0 = open
        private readonly Func<DateTimeOffset> _clock;

        public RateLimitGate(Func<DateTimeOffset> clock = null) => _clock = clock ?? (() => DateTimeOffset.UtcNow);

        /// <summary>Number of times the server pushed back (429) on this gate.</summary>
        public int Throttled => _throttled;
        private int _throttled;

        /// <summary>Last <c>X-RateLimit-Limit</c>/<c>-Remaining</c> seen, for diagnostics and pacing.</summary>
        public int? Limit { get; private set; }
        public int? Remaining { get; private set; }

        public TimeSpan CurrentPause
        {
            get
            {
                var until = Interlocked.Read(ref _pausedUntilTicks);
                var left = until - _clock().UtcTicks;
                return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
            }
        }

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var wait = CurrentPause;
                if (wait <= TimeSpan.Zero) return;
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        public void PauseFor(TimeSpan delay)
        {
            var until = _clock().UtcTicks + delay.Ticks;
            long current;
            do
            {
                current = Interlocked.Read(ref _pausedUntilTicks);
                if (current >= until) return;
            } while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);
        }

        internal void Observe(HttpResponseMessage response)
        {
            if (response == null) return;
            var limit = Header(response, "X-RateLimit-Limit");
            var remaining = Header(response, "X-RateLimit-Remaining");
            if (limit.HasValue) Limit = limit;
            if (remaining.HasValue) Remaining = remaining;
            if ((int)response.StatusCode == 429)
            {
                Interlocked.Increment(ref _throttled);
                PauseFor(RetryAfter.From(response, _clock()) ?? TimeSpan.FromSeconds(1));
            }
            else if (remaining == 0)
            {
                var reset = RetryAfter.From(response, _clock());
                if (reset.HasValue) PauseFor(reset.Value);
            }
        }

        private static int? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var v) && int.TryParse(v.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null;
    }
}
