using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Sandbox
{
    /// <summary>Decides which requests get a fault: queued one-shot faults first, then random ones at <see cref="Rate"/>.</summary>
    public sealed class SandboxFaultInjector
    {
        private sealed class Pending
        {
            public SandboxFault Kind;
            public int Remaining;
            public string PathContains;
            public string Method;
        }

        private readonly object _sync = new object();
        private readonly List<Pending> _queue = new List<Pending>();
        private readonly Dictionary<SandboxFault, int> _byKind = new Dictionary<SandboxFault, int>();
        private readonly SandboxFault[] _kinds;
        private readonly Random _random;
        private int _injected;

        internal SandboxFaultInjector(SandboxOptions options)
        {
            Rate = options.FaultRate;
            _kinds = options.FaultKinds != null && options.FaultKinds.Length > 0
                ? options.FaultKinds.ToArray()
                : (SandboxFault[])Enum.GetValues(typeof(SandboxFault));
            _random = options.RandomSeedForFaults.HasValue ? new Random(options.RandomSeedForFaults.Value) : new Random();
        }

        /// <summary>Fraction (0..1) of requests that get a random fault.</summary>
        public double Rate { get; set; }

        /// <summary>Total faults injected so far.</summary>
        public int Injected { get { lock (_sync) return _injected; } }

        /// <summary>Faults injected so far of one kind.</summary>
        public int InjectedOf(SandboxFault kind)
        {
            lock (_sync) return _byKind.TryGetValue(kind, out var n) ? n : 0;
        }

        /// <summary>Snapshot of the per-kind counts.</summary>
        public IReadOnlyDictionary<SandboxFault, int> InjectedByKind()
        {
            lock (_sync) return new Dictionary<SandboxFault, int>(_byKind);
        }

        /// <summary>Queue <paramref name="count"/> faults for the next requests whose path+query contains <paramref name="pathContains"/> (any request when null).</summary>
        public void InjectNext(SandboxFault kind, int count = 1, string pathContains = null, string method = null)
        {
            if (count <= 0) return;
            lock (_sync) _queue.Add(new Pending { Kind = kind, Remaining = count, PathContains = pathContains, Method = method });
        }

        /// <summary>Drops queued faults and resets the counters (the rate is kept).</summary>
        public void Clear()
        {
            lock (_sync)
            {
                _queue.Clear();
                _byKind.Clear();
                _injected = 0;
            }
        }

        internal SandboxFault? Next(string pathAndQuery, string method = null)
        {
            lock (_sync)
            {
                for (int i = 0; i < _queue.Count; i++)
                {
                    var p = _queue[i];
                    if (p.PathContains != null && pathAndQuery.IndexOf(p.PathContains, StringComparison.OrdinalIgnoreCase) < 0) continue;
                    if (p.Method != null && !string.Equals(p.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                    if (--p.Remaining <= 0) _queue.RemoveAt(i);
                    return Count(p.Kind);
                }
                if (Rate > 0 && _random.NextDouble() < Rate)
                    return Count(_kinds[_random.Next(_kinds.Length)]);
                return null;
            }
        }

        private SandboxFault Count(SandboxFault kind)
        {
            _injected++;
            _byKind[kind] = (_byKind.TryGetValue(kind, out var n) ? n : 0) + 1;
            return kind;
        }
    }
}
