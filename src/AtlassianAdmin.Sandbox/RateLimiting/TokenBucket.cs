using System;

namespace AtlassianAdmin.Sandbox.RateLimiting
{
    /// <summary>Classic token bucket; thread-safe. Time comes from the options' TimeProvider (monotonic timestamps, so wall-clock jumps don't matter).</summary>
    internal sealed class TokenBucket
    {
        private readonly object _sync = new object();
        private readonly TimeProvider _time;
        private readonly long _start;
        private readonly double _perSecond;
        private double _tokens;
        private double _lastSeconds;

        public TokenBucket(double perSecond, int capacity, TimeProvider time = null)
        {
            _time = time ?? TimeProvider.System;
            _start = _time.GetTimestamp();
            _perSecond = perSecond;
            Capacity = Math.Max(1, capacity);
            _tokens = Capacity;
        }

        public int Capacity { get; }

        /// <summary>Takes one token. Returns the outcome plus what the rate-limit headers need.</summary>
        public RateDecision TryTake()
        {
            lock (_sync)
            {
                Refill();
                bool allowed = _tokens >= 1;
                if (allowed) _tokens -= 1;
                double missing = Math.Max(0, 1 - _tokens);
                double waitSeconds = missing / _perSecond;
                double untilFull = (Capacity - _tokens) / _perSecond;
                return new RateDecision
                {
                    Allowed = allowed,
                    Limit = Capacity,
                    Remaining = (int)Math.Floor(_tokens),
                    RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(waitSeconds)),
                    ResetAt = _time.GetUtcNow().AddSeconds(Math.Max(0, untilFull)),
                };
            }
        }

        private void Refill()
        {
            double now = _time.GetElapsedTime(_start).TotalSeconds;
            _tokens = Math.Min(Capacity, _tokens + (now - _lastSeconds) * _perSecond);
            _lastSeconds = now;
        }
    }

    internal struct RateDecision
    {
        public bool Allowed;
        public int Limit;
        public int Remaining;
        public int RetryAfterSeconds;
        public DateTimeOffset ResetAt;
    }
}
