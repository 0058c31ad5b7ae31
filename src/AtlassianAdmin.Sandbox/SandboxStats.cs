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
        private List<string> _log;

        /// <summary>Keep every request as "METHOD path?query body" (off by default), so a test can prove which values
        /// were sent, not only which routes.</summary>
        public bool KeepRequestLog { get; set; }

        public IReadOnlyList<string> RequestLog()
        {
            lock (_sync) return _log == null ? new List<string>() : new List<string>(_log);
        }

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
                _log?.Clear();
                Interlocked.Exchange(ref _requests, 0);
                Interlocked.Exchange(ref _processed, 0);
                Interlocked.Exchange(ref _rateLimited, 0);
            }
        }

        internal void Record(string method, string pathAndQuery, byte[] body)
        {
            if (!KeepRequestLog) return;
            var line = method + " " + System.Uri.UnescapeDataString(pathAndQuery) + (body == null ? "" : " " + System.Text.Encoding.UTF8.GetString(body));
            lock (_sync) (_log ?? (_log = new List<string>())).Add(line);
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
