using System.Collections.Generic;
using System.Threading;

namespace AtlassianAdmin.Sandbox
{
    /// <summary>Request counters, so tests can assert how many calls a client really made.</summary>
    public sealed class SandboxStats
    {
        private readonly object _sync = new object();
        private readonly Dictionary<string, long> _byRoute = new Dictionary<string, long>();
        private long _requests, _processed, _rateLimited;

        /// <summary>Every request that reached the handler.</summary>
        public long Requests => Interlocked.Read(ref _requests);
        /// <summary>Requests that reached a route handler (not faulted, not rate limited).</summary>
        public long Processed => Interlocked.Read(ref _processed);
        /// <summary>Requests answered 429 by a rate limiter (injected 429 faults are not counted here).</summary>
        public long RateLimited => Interlocked.Read(ref _rateLimited);

        /// <summary>Processed requests per "METHOD /route-template", e.g. "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search".</summary>
        public IReadOnlyDictionary<string, long> ByRoute()
        {
            lock (_sync) return new Dictionary<string, long>(_byRoute);
        }

        public void Reset()
        {
            lock (_sync)
            {
                _byRoute.Clear();
                Interlocked.Exchange(ref _requests, 0);
                Interlocked.Exchange(ref _processed, 0);
                Interlocked.Exchange(ref _rateLimited, 0);
            }
        }

        internal void CountRequest() => Interlocked.Increment(ref _requests);
        internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

        internal void CountProcessed(string routeKey)
        {
            Interlocked.Increment(ref _processed);
            lock (_sync) _byRoute[routeKey] = (_byRoute.TryGetValue(routeKey, out var n) ? n : 0) + 1;
        }
    }
}
