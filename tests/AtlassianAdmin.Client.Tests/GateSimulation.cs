using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Tests.Time;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>
    /// A discrete-event simulation of concurrent callers sending through one <see cref="RateLimitGate"/> to a server with
    /// a token bucket (the emulator's: Limit = capacity, Remaining = whole tokens left, Retry-After = seconds to the next
    /// token, at least 1). Virtual time only: the result is the same on any machine, however loaded.
    /// </summary>
    public sealed class GateSimulation
    {
        public double Rate { get; set; } = 50;
        public int Burst { get; set; } = 10;
        public int Callers { get; set; } = 16;
        public int Requests { get; set; } = 2000;
        /// <summary>Time from send to the server taking a token; the response arrives <see cref="ResponseDelay"/> later.</summary>
        public TimeSpan ServerDelay { get; set; } = TimeSpan.FromMilliseconds(20);
        public TimeSpan ResponseDelay { get; set; } = TimeSpan.FromMilliseconds(1);
        /// <summary>Random extra delay on each leg (0..this), so responses overtake each other as on a real network.</summary>
        public TimeSpan Jitter { get; set; } = TimeSpan.FromMilliseconds(5);
        public int Seed { get; set; } = 1;
        /// <summary>Requests sent one after the other before the concurrent callers start (the listing a bulk run reads
        /// its rows from), through <see cref="PreludeGate"/>; the result counts only what follows.</summary>
        public int Prelude { get; set; }
        public Func<RateLimitGate> PreludeGate { get; set; }

        public sealed class Result
        {
            public int Served;
            public int Throttled;
            public List<double> ThrottledAt = new List<double>();
            public TimeSpan Elapsed;
            public double Rate, Burst;
            /// <summary>Throughput against the bound (burst free, then one token per 1/rate s), as the benchmark computes it.</summary>
            public double RatioOfLimit => (Served - Burst) / Rate / Elapsed.TotalSeconds;
            public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} served, {1} x 429 (at {4} s) in {2:0.00} s: {3:0.000} of the limit", Served, Throttled, Elapsed.TotalSeconds, RatioOfLimit, string.Join(", ", ThrottledAt.ConvertAll(t => t.ToString("0.00", CultureInfo.InvariantCulture))));
        }

        public Result Run(RateLimitGate gate, ManualClock clock) => Run(_ => gate, clock);

        /// <summary>As above, with the gate chosen per request (request number → gate), e.g. endpoint families.</summary>
        public Result Run(Func<int, RateLimitGate> gateFor, ManualClock clock)
        {
            var start = clock.GetUtcNow();
            var random = new Random(Seed);
            var events = new SortedSet<Event>(Comparer<Event>.Create((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order)));
            long order = 0;
            void Schedule(DateTimeOffset at, Action action) => events.Add(new Event { At = at, Order = order++, Action = action });
            TimeSpan Leg(TimeSpan d) => d + TimeSpan.FromTicks((long)(random.NextDouble() * Jitter.Ticks));

            double tokens = Burst;
            var bucketAt = start;
            var result = new Result { Rate = Rate, Burst = Burst };
            var remainingToSend = Requests;
            var last = start;

            HttpResponseMessage Serve(DateTimeOffset now)
            {
                tokens = Math.Min(Burst, tokens + (now - bucketAt).TotalSeconds * Rate);
                bucketAt = now;
                var allowed = tokens >= 1;
                if (allowed) tokens -= 1;
                var response = new HttpResponseMessage(allowed ? HttpStatusCode.OK : (HttpStatusCode)429);
                response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", Burst.ToString(CultureInfo.InvariantCulture));
                response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", ((int)Math.Floor(tokens)).ToString(CultureInfo.InvariantCulture));
                response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", now.AddSeconds((Burst - tokens) / Rate).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                if (!allowed) response.Headers.TryAddWithoutValidation("Retry-After", Math.Max(1, (int)Math.Ceiling((1 - tokens) / Rate)).ToString(CultureInfo.InvariantCulture));
                return response;
            }

            // As the resilience handler does: the gate is chosen once per attempt, and a request that has to wait keeps
            // waiting on the gate it chose (so a family gate must hand over to the host's by itself).
            void Send(int number, RateLimitGate chosen = null, Action done = null)
            {
                var now = clock.GetUtcNow();
                var gate = chosen ?? (number > 0 ? gateFor(number) : PreludeGate());
                if (!gate.TryEnter(out var seq, out var wait))
                {
                    Schedule(now + wait, () => Send(number, gate, done));
                    return;
                }
                Schedule(now + Leg(ServerDelay), () =>
                {
                    var response = Serve(clock.GetUtcNow());
                    Schedule(clock.GetUtcNow() + Leg(ResponseDelay), () =>
                    {
                        gate.Completed(seq, response);
                        if ((int)response.StatusCode == 429)
                        {
                            result.Throttled++;
                            result.ThrottledAt.Add((clock.GetUtcNow() - start).TotalSeconds);
                            // As the resilience handler does: retry no sooner than Retry-After (the gate pauses too).
                            var after = TimeSpan.FromSeconds(int.Parse(string.Join("", response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture));
                            Schedule(clock.GetUtcNow() + after, () => Send(number, null, done));
                            return;
                        }
                        if (done != null) { done(); return; }
                        result.Served++;
                        last = clock.GetUtcNow();
                        Next();
                    });
                });
            }

            void Next()
            {
                if (remainingToSend == 0) return;
                remainingToSend--;
                Send(Requests - remainingToSend);
            }

            var preludeLeft = Prelude;
            void NextPrelude()
            {
                if (preludeLeft == 0)
                {
                    // The bulk run starts now; its throughput is measured from here, against the bucket as the prelude left it.
                    start = clock.GetUtcNow();
                    last = start;
                    result.Throttled = 0;
                    result.ThrottledAt.Clear();
                    for (var i = 0; i < Callers; i++) Schedule(start, Next);
                    return;
                }
                preludeLeft--;
                Send(-(Prelude - preludeLeft), null, NextPrelude);
            }
            Schedule(start, NextPrelude);
            while (events.Count > 0)
            {
                var e = events.Min;
                events.Remove(e);
                clock.Set(e.At);
                e.Action();
            }
            result.Elapsed = last - start;
            return result;
        }

        private sealed class Event
        {
            public DateTimeOffset At;
            public long Order;
            public Action Action;
        }
    }
}
