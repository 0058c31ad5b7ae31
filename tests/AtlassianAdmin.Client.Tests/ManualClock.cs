using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Tests.Time
{
    /// <summary>
    /// A fake clock for timing tests: time stands still until the test advances it, and the test can see (and wait
    /// for) every timer the code under test starts. Waits become events, so no test depends on how fast the machine is.
    /// </summary>
    public sealed class ManualClock : TimeProvider
    {
        /// <summary>Only guards against a hang; never part of what a test asserts.</summary>
        public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

        private readonly object _sync = new object();
        private readonly List<FakeTimer> _timers = new List<FakeTimer>();
        /// <summary>Where every clock starts.</summary>
        public static readonly DateTimeOffset Epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private DateTimeOffset _now = Epoch;
        private TaskCompletionSource<bool> _changed = NewSignal();

        public override DateTimeOffset GetUtcNow() { lock (_sync) return _now; }
        public override long GetTimestamp() { lock (_sync) return _now.UtcTicks; }
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        /// <summary>The due times (from now) of the timers that are waiting.</summary>
        public IReadOnlyList<TimeSpan> Pending
        {
            get { lock (_sync) return _timers.Where(t => t.Due.HasValue).Select(t => t.Due.Value - _now).OrderBy(d => d).ToList(); }
        }

        public override ITimer CreateTimer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new FakeTimer(this, callback, state);
            lock (_sync) _timers.Add(timer);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Moves time forward, firing every timer that falls due on the way, in order.</summary>
        public void Advance(TimeSpan by)
        {
            DateTimeOffset target;
            lock (_sync) target = _now + by;
            while (true)
            {
                FakeTimer next;
                lock (_sync)
                {
                    next = _timers.Where(t => t.Due.HasValue && t.Due.Value <= target).OrderBy(t => t.Due.Value).FirstOrDefault();
                    if (next == null) { _now = target; break; }
                    if (next.Due.Value > _now) _now = next.Due.Value;
                    next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : (DateTimeOffset?)null;
                }
                next.Fire();
            }
            Signal();
        }

        /// <summary>Sets the time without firing timers (discrete-event simulations that keep their own schedule).</summary>
        public void Set(DateTimeOffset now) { lock (_sync) _now = now; }

        /// <summary>Waits (on the event, not on time) until a pending timer matches; returns its due time from now.</summary>
        public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
        {
            var deadline = DateTime.UtcNow + HangGuard;
            while (true)
            {
                Task changed;
                lock (_sync)
                {
                    var found = _timers.Where(t => t.Due.HasValue).Select(t => t.Due.Value - _now).Where(match).OrderBy(d => d).ToList();
                    if (found.Count > 0) return found[0];
                    changed = _changed.Task;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
                    throw new TimeoutException("no matching timer was started (pending: " + string.Join(", ", Pending) + ")");
            }
        }

        private void Signal()
        {
            TaskCompletionSource<bool> old;
            lock (_sync)
            {
                old = _changed;
                _changed = NewSignal();
            }
            old.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private sealed class FakeTimer : ITimer
        {
            private readonly ManualClock _clock;
            private readonly TimerCallback _callback;
            private readonly object _state;
            public DateTimeOffset? Due;
            public TimeSpan Period;

            public FakeTimer(ManualClock clock, TimerCallback callback, object state)
            {
                _clock = clock;
                _callback = callback;
                _state = state;
            }

            public void Fire() => _callback(_state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (_clock._sync)
                {
                    Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                    Due = dueTime == Timeout.InfiniteTimeSpan ? (DateTimeOffset?)null : _clock._now + dueTime;
                }
                _clock.Signal();
                return true;
            }

            public void Dispose()
            {
                lock (_clock._sync)
                {
                    Due = null;
                    _clock._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
