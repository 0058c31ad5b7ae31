#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// One per API host of a connection, shared by every cmdlet and every in-flight request, so the connection as a
    /// whole stays inside Atlassian's rate limit instead of each request discovering it alone.
    /// <list type="bullet">
    /// <item>Reactive: a 429 (or Remaining: 0) pauses everybody until Retry-After / X-RateLimit-Reset.</item>
    /// <item>Proactive: from <c>X-RateLimit-Limit</c>/<c>-Remaining</c> on successive responses it learns how fast the
    /// server refills its bucket, estimates how many tokens are left, and spaces requests when the bucket runs low —
    /// a 429 costs a whole Retry-After pause for every caller, so avoiding it is what keeps throughput at the limit.</item>
    /// </list>
    /// </summary>
    public sealed class RateLimitGate : IRequestGate
    {
        private readonly object _sync = new object();
        private readonly TimeProvider _time;
        private long _pausedUntilTicks; // UTC ticks; 0 = open
        private int _throttled;

        // Pacing state (under _sync).
        private double _refillPerSecond;          // learned; 0 = unknown
        private double _serverTokens = double.NaN; // Remaining in the latest response (NaN: none seen)
        private bool? _serverSendsRateHeaders;      // unknown until the first response
        private long _observedAtTicks;
        private long _sent;                        // requests sent so far
        private long _firstSentTicks;              // when the first request went (the one that learns the headers)
        /// <summary>How long the others wait for the first answer before going anyway: a hung first request must not
        /// hold back the whole endpoint family until its timeout (a head-of-line stall).</summary>
        internal static readonly TimeSpan FirstAnswerWait = TimeSpan.FromSeconds(1);
        private long _completed;                   // requests finished (with or without a response)
        private long _served;                      // successful responses that carried rate headers (each took a token)
        private long _servedAtObservation;
        private long _lastSampleTicks;
        private readonly Queue<Sample> _samples = new Queue<Sample>();

        /// <param name="time">The clock every wait and measurement uses (tests pass a fake one); null = the system clock.</param>
        public RateLimitGate(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

        /// <summary>What the gate paces (an endpoint family), for messages.</summary>
        public string? Name { get; set; }
        /// <summary>A host-wide gate whose pauses this one honours too (Jira's site quota); null = none.</summary>
        public RateLimitGate? Parent { get; set; }
        /// <summary>The longest pause a caller waits; a longer Retry-After fails the request (<see cref="RateLimitWaitTooLongException"/>)
        /// instead of blocking for hours or retrying early.</summary>
        public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>True once a 429 showed that this family's bucket is spent by other families too (a host-wide limit):
        /// its requests then pace on <see cref="Parent"/>.</summary>
        public bool SharesHostBucket { get; private set; }
        /// <summary>On a host gate: some family was found to spend a host-wide bucket, so every family paces here.</summary>
        public bool HostWide { get; private set; }

        /// <summary>A family gate whose requests now pace on the host's gate (<see cref="RateLimitGates.For"/> returns that one).</summary>
        internal bool Superseded => Parent != null && (SharesHostBucket || Parent.HostWide);

        /// <summary>Number of times the server pushed back (429) on this gate.</summary>
        public int Throttled => _throttled;
        /// <summary>Last <c>X-RateLimit-Limit</c> and <c>-Remaining</c> seen.</summary>
        public int? Limit { get; private set; }
        public int? Remaining { get; private set; }
        /// <summary>The refill rate learned from the headers (requests per second), or null while unknown.</summary>
        public double? LearnedRatePerSecond { get { lock (_sync) return _refillPerSecond > 0 ? _refillPerSecond : (double?)null; } }

        public TimeSpan CurrentPause
        {
            get
            {
                var left = Interlocked.Read(ref _pausedUntilTicks) - _time.GetUtcNow().UtcTicks;
                return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
            }
        }

        /// <summary>Waits until a request may be sent and returns its send number; pass it to <see cref="Completed"/>.</summary>
        public async Task<long> WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (TryEnter(out var seq, out var wait)) return seq;
                await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One decision of <see cref="WaitAsync"/> at the current time: true with the send number when a request may go
        /// now, otherwise false with how long to wait before asking again. Lets tests drive the gate on a fake clock.
        /// </summary>
        internal bool TryEnter(out long seq, out TimeSpan wait)
        {
            if (Superseded && Parent is RateLimitGate host)
            {
                // This family was found to spend the host's bucket after the request chose this gate (it may have waited
                // here through the 429's pause): it goes through the host's gate, or two models would spend one bucket.
                var entered = host.TryEnter(out var hostSeq, out wait);
                seq = -hostSeq;
                return entered;
            }
            seq = 0;
            wait = CurrentPause;
            var parent = Parent?.CurrentPause ?? TimeSpan.Zero;
            if (parent > wait) wait = parent;
            if (wait > MaxWait) throw new RateLimitWaitTooLongException(Name, wait, MaxWait);
            if (wait > TimeSpan.Zero) return false;
            lock (_sync)
            {
                wait = PacingDelay(_time.GetUtcNow().UtcTicks);
                if (wait > TimeSpan.Zero) return false;
                seq = ++_sent;
                if (seq == 1) _firstSentTicks = _time.GetUtcNow().UtcTicks;
                return true;
            }
        }

        /// <summary>The request numbered <paramref name="seq"/> finished (with or without a response).</summary>
        public void Completed(long seq, HttpResponseMessage? response)
        {
            if (seq < 0 && Parent is RateLimitGate host)
            {
                host.Completed(-seq, response); // admitted by the host's gate (see TryEnter)
                return;
            }
            lock (_sync)
            {
                _completed++;
                if (response == null && _serverSendsRateHeaders == null) _serverSendsRateHeaders = false; // don't stall on a failed first call
            }
            if (response != null) Observe(response, seq);
        }

        public void PauseFor(TimeSpan delay)
        {
            var until = _time.GetUtcNow().UtcTicks + delay.Ticks;
            long current;
            do
            {
                current = Interlocked.Read(ref _pausedUntilTicks);
                if (current >= until) return;
            } while (Interlocked.CompareExchange(ref _pausedUntilTicks, until, current) != current);
        }

        /// <summary>A family joins this (host) gate: start from what it learned rather than from nothing.</summary>
        private void Adopt(double refillPerSecond, int? limit, long nowTicks, TimeSpan pause)
        {
            HostWide = true;
            PauseFor(pause);
            lock (_sync)
            {
                if (_refillPerSecond <= 0 && refillPerSecond > 0) _refillPerSecond = refillPerSecond * 0.95;
                if (Limit == null) Limit = limit;
                _serverSendsRateHeaders = true;
                _serverTokens = 0;
                _samples.Clear();
                _observedAtTicks = nowTicks;
            }
        }

        internal void Observe(HttpResponseMessage response, long seq = 0)
        {
            var now = _time.GetUtcNow();
            var limit = Header(response, "X-RateLimit-Limit");
            var remaining = Header(response, "X-RateLimit-Remaining");
            lock (_sync) _serverSendsRateHeaders = _serverSendsRateHeaders == true || remaining.HasValue;
            if (limit.HasValue) Limit = limit;
            if (remaining.HasValue) Remaining = remaining;
            if ((int)response.StatusCode == 429)
            {
                Interlocked.Increment(ref _throttled);
                var pause = RetryAfter.From(response, now) ?? TimeSpan.FromSeconds(1);
                // Jira tells its limits apart: a site-wide quota stops every endpoint, a burst limit only this one.
                var reason = response.Headers.TryGetValues("RateLimit-Reason", out var reasons) ? string.Join(",", reasons) : null;
                if (Parent != null && reason != null && reason.IndexOf("quota", StringComparison.OrdinalIgnoreCase) >= 0) Parent.PauseFor(pause);
                PauseFor(pause);
                lock (_sync)
                {
                    // A 429 although our own model still counted a token for this request: someone else spends this bucket
                    // (the limit is the host's, not the endpoint's). From now on this family paces on the host's gate.
                    if (Parent != null && !SharesHostBucket && !double.IsNaN(_serverTokens) && _refillPerSecond > 0)
                    {
                        var elapsed = (now.UtcTicks - _observedAtTicks) / (double)TimeSpan.TicksPerSecond;
                        var tokens = Math.Min(_serverTokens + elapsed * _refillPerSecond, Limit ?? double.MaxValue) - (_sent - _completed);
                        if (tokens >= 0)
                        {
                            SharesHostBucket = true;
                            Parent.Adopt(_refillPerSecond, Limit, now.UtcTicks, pause);
                        }
                    }
                    // We overestimated: back off the learned rate a little; the pause idles the bucket, so measure afresh.
                    if (_refillPerSecond > 0) _refillPerSecond *= 0.95;
                    _samples.Clear();
                    _serverTokens = 0;
                    _observedAtTicks = now.UtcTicks;
                }
                return;
            }
            if (remaining == 0 && limit > 0)
            {
                // Empty and the rate still unknown: wait about one token's time before probing. The reset says when the
                // bucket is full again, so one token takes about reset / limit. It is coarse (whole seconds here, whole
                // minutes on Jira), so between 50 ms and a second; the probes' answers are what the rate is learned from.
                var reset = RetryAfter.From(response, now) ?? TimeSpan.Zero;
                var perToken = TimeSpan.FromTicks(reset.Ticks / limit.Value);
                if (perToken < TimeSpan.FromMilliseconds(50)) perToken = TimeSpan.FromMilliseconds(50);
                if (perToken > TimeSpan.FromSeconds(1)) perToken = TimeSpan.FromSeconds(1);
                if (_refillPerSecond <= 0) PauseFor(perToken);
            }
            if (limit.HasValue && remaining.HasValue) Learn(now.UtcTicks, limit.Value, remaining.Value);
        }

        /// <summary>
        /// Between two observations the server served <c>n</c> requests and its bucket moved from r0 to r1, so it refilled
        /// r1 - r0 + n tokens in that time. Only valid while the bucket was not full (a full bucket stops refilling).
        /// Concurrent requests are processed out of order, so this is measured over a window, not per response.
        /// </summary>
        private void Learn(long nowTicks, int limit, int remaining)
        {
            lock (_sync)
            {
                _served++;
                // A full bucket stops refilling, so the measurement window restarts whenever the bucket is (or may have
                // been, during a quiet gap) full. (A gap shorter than that only makes the estimate low, never high.)
                // Remaining = limit - 1 after taking this request's token means the bucket was full before it: whatever
                // refilled since the last sample may have been capped, so the window restarts here too (counting a
                // lightly loaded run's requests as the refill learned a third of the true rate).
                if (remaining >= Math.Max(1, limit - 1) || nowTicks - _lastSampleTicks > TimeSpan.TicksPerMillisecond * 1500) _samples.Clear();
                _lastSampleTicks = nowTicks;
                _samples.Enqueue(new Sample { Ticks = nowTicks, Remaining = remaining, Served = _served });
                while (_samples.Count > 2 && nowTicks - _samples.Peek().Ticks > TimeSpan.TicksPerSecond * 2) _samples.Dequeue();
                var oldest = _samples.Peek();
                var span = (nowTicks - oldest.Ticks) / (double)TimeSpan.TicksPerSecond;
                // At least a quarter second and five requests: Remaining is a whole number, so shorter windows are noise,
                // and an overestimated rate is what draws 429s.
                if (span >= 0.25 && _served - oldest.Served >= 5)
                {
                    // Less one: a response that overtook others may be counted in the window though the server served it
                    // before the window began, and an overestimate is what draws 429s.
                    var refilled = remaining - oldest.Remaining + (_served - oldest.Served) - 1;
                    var rate = refilled / span;
                    if (rate > 0) _refillPerSecond = _refillPerSecond > 0 ? 0.7 * _refillPerSecond + 0.3 * rate : rate;
                }
                // Responses overtake each other on the way back, so a late one may report a bucket fuller than it now is;
                // trusting it would spend tokens the server no longer has (and a 429 costs every caller a whole
                // Retry-After). Trust a higher Remaining only up to what the refill since the last observation explains,
                // plus one token of slack. While the rate is unknown that is one token per response: slow to rise, but
                // it rises, and it never overshoots.
                var observed = (double)remaining;
                if (!double.IsNaN(_serverTokens))
                {
                    var elapsed = (nowTicks - _observedAtTicks) / (double)TimeSpan.TicksPerSecond;
                    var expected = Math.Min(_serverTokens + elapsed * _refillPerSecond, limit) - (_served - _servedAtObservation - 1);
                    observed = Math.Min(observed, Math.Max(0, expected) + 1);
                }
                _serverTokens = observed;
                _servedAtObservation = _served;
                _observedAtTicks = nowTicks;
            }
        }

        /// <summary>How long to wait before the next send so the estimated server bucket keeps at least one token.</summary>
        private TimeSpan PacingDelay(long nowTicks)
        {
            if (_serverSendsRateHeaders == null)
            {
                // First request alone: learn what the server tells, but not for longer than FirstAnswerWait.
                if (_sent == _completed || nowTicks - _firstSentTicks >= FirstAnswerWait.Ticks) return TimeSpan.Zero;
                return TimeSpan.FromMilliseconds(2);
            }
            if (_serverSendsRateHeaders == false || double.IsNaN(_serverTokens)) return TimeSpan.Zero; // nothing to pace on
            var elapsed = (nowTicks - _observedAtTicks) / (double)TimeSpan.TicksPerSecond;
            // Requests still in flight may not have taken their token yet: assume none has (cautious; a 429 costs far more).
            var refilled = Math.Min(_serverTokens + elapsed * Math.Max(0, _refillPerSecond), Limit ?? double.MaxValue); // a bucket holds at most Limit
            var tokens = refilled - (_sent - _completed);
            if (tokens >= 1) return TimeSpan.Zero;
            if (_refillPerSecond > 0)
                return TimeSpan.FromTicks((long)(Math.Min((1 - tokens) / _refillPerSecond, 5) * TimeSpan.TicksPerSecond));
            // Rate not learned yet: spend only what the server said is left, and wait for responses to say more.
            // With nothing in flight, send a probe every 50 ms so we keep learning.
            if (_sent > _completed) return TimeSpan.FromMilliseconds(2);
            return elapsed >= 0.05 ? TimeSpan.Zero : TimeSpan.FromSeconds(0.05 - elapsed);
        }

        private static int? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var v) && int.TryParse(v.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null;

        private struct Sample
        {
            public long Ticks;
            public int Remaining;
            public long Served;
        }
    }

    /// <summary>The server asked for a longer wait than the connection allows (<see cref="ResilienceOptions.MaxRetryAfter"/>).</summary>
    public sealed class RateLimitWaitTooLongException : Exception
    {
        public RateLimitWaitTooLongException(string? family, TimeSpan wait, TimeSpan maxWait)
            : base($"The API's rate limit for {family ?? "this endpoint"} asks to wait {wait.TotalSeconds:0} s, longer than the {maxWait.TotalSeconds:0} s this connection may wait (MaxRetryAfter). Not retried early: that only earns a longer wait. Run again later.")
        {
            Family = family;
            Wait = wait;
        }

        public string? Family { get; }
        public TimeSpan Wait { get; }
    }
}
