#nullable enable
using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// The gate of one endpoint with a low limit of its own, e.g. <c>GET /v1/orgs/{orgId}/events</c> (10 requests per
    /// minute). It keeps the endpoint's requests out of the host's shared <see cref="RateLimitGate"/>, so their headers and
    /// 429s neither pause nor skew everything else, and it waits instead of failing:
    /// <list type="bullet">
    /// <item>proactive: models the server's bucket (capacity = the per-minute limit, refilled evenly over the minute),
    /// starting from the documented limit and correcting itself from <c>X-RateLimit-Limit</c>/<c>-Remaining</c>; when no
    /// token is left it waits for the next one;</item>
    /// <item>reactive: a 429 empties the bucket and pauses until <c>Retry-After</c> (the retry then waits here too).</item>
    /// </list>
    /// Every wait is written to the request log (verbose), so a caller can tell the user why nothing happens.
    /// </summary>
    public sealed class EndpointRateLimiter : IRequestGate
    {
        private readonly object _sync = new object();
        private readonly TimeProvider _time;
        private double _tokens;
        private long _tokensAtTicks;
        private long _pausedUntilTicks;
        private long _sent, _completed;
        private int _waits;

        public EndpointRateLimiter(string name, int requestsPerMinute, TimeProvider? time = null)
        {
            if (requestsPerMinute < 1) throw new ArgumentOutOfRangeException(nameof(requestsPerMinute));
            Name = name;
            _time = time ?? TimeProvider.System;
            RequestsPerMinute = requestsPerMinute;
            _tokens = requestsPerMinute;
            _tokensAtTicks = _time.GetUtcNow().UtcTicks;
        }

        /// <summary>What the limit applies to, for messages ("GET /v1/orgs/{orgId}/events").</summary>
        public string Name { get; }
        /// <summary>The limit in force: the documented one until the server's headers say otherwise.</summary>
        public int RequestsPerMinute { get; private set; }
        /// <summary>How many times a request had to wait.</summary>
        public int Waits => _waits;
        /// <summary>How many 429s the endpoint answered.</summary>
        public int Throttled { get; private set; }

        private double PerSecond => RequestsPerMinute / 60.0;

        public async Task<long> WaitAsync(CancellationToken cancellationToken)
        {
            var logged = false;
            while (true)
            {
                TimeSpan wait;
                lock (_sync)
                {
                    var now = _time.GetUtcNow().UtcTicks;
                    Refill(now);
                    if (_pausedUntilTicks > now) wait = TimeSpan.FromTicks(_pausedUntilTicks - now);
                    else if (_tokens >= 1)
                    {
                        _tokens -= 1;
                        return ++_sent;
                    }
                    else wait = TimeSpan.FromTicks((long)((1 - _tokens) / PerSecond * TimeSpan.TicksPerSecond) + TimeSpan.TicksPerMillisecond * 20);
                }
                if (!logged)
                {
                    logged = true;
                    Interlocked.Increment(ref _waits);
                    HttpLog.Write(new HttpLogEntry
                    {
                        IsRateLimitWait = true, Method = "GET", Path = Name, Duration = wait,
                        Note = $"this endpoint allows {RequestsPerMinute} requests per minute",
                    });
                }
                await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        public void Completed(long seq, HttpResponseMessage? response)
        {
            lock (_sync)
            {
                _completed++;
                if (response == null) return;
                var now = _time.GetUtcNow();
                var limit = Header(response, "X-RateLimit-Limit");
                var remaining = Header(response, "X-RateLimit-Remaining");
                if (limit.HasValue && limit.Value > 0) RequestsPerMinute = limit.Value;
                Refill(now.UtcTicks);
                if ((int)response.StatusCode == 429)
                {
                    Throttled++;
                    _tokens = 0;
                    var pause = RetryAfter.From(response, now) ?? TimeSpan.FromSeconds(60.0 / RequestsPerMinute);
                    _pausedUntilTicks = Math.Max(_pausedUntilTicks, now.UtcTicks + pause.Ticks);
                    return;
                }
                if (remaining.HasValue)
                {
                    // The server's count after serving this request, less the requests still in flight (they will take theirs).
                    _tokens = Math.Min(RequestsPerMinute, Math.Max(0, remaining.Value - Math.Max(0, _sent - _completed)));
                }
            }
        }

        private void Refill(long nowTicks)
        {
            var elapsed = (nowTicks - _tokensAtTicks) / (double)TimeSpan.TicksPerSecond;
            if (elapsed > 0) _tokens = Math.Min(RequestsPerMinute, _tokens + elapsed * PerSecond);
            _tokensAtTicks = nowTicks;
        }

        private static int? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var v) && int.TryParse(v.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null;
    }
}
