#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// The rate-limit gates of one API host: one <see cref="RateLimitGate"/> per endpoint family (method + path template),
    /// because Atlassian's limits and its <c>X-RateLimit-*</c> headers are per endpoint (api reference, correction C7): a 429
    /// storm on one endpoint must not stall calls to the others. Jira also has a quota for the whole site, told apart by
    /// <c>RateLimit-Reason</c>; a 429 for that reason pauses every family of the host (<see cref="Host"/>).
    /// </summary>
    public sealed class RateLimitGates
    {
        private readonly ConcurrentDictionary<string, RateLimitGate> _families = new ConcurrentDictionary<string, RateLimitGate>(StringComparer.Ordinal);
        private readonly TimeProvider _time;
        private readonly TimeSpan _maxWait;

        public RateLimitGates(TimeProvider? time = null, TimeSpan? maxWait = null)
        {
            _time = time ?? TimeProvider.System;
            _maxWait = maxWait ?? TimeSpan.FromMinutes(5);
            Host = new RateLimitGate(_time) { Name = "(host)", MaxWait = _maxWait };
        }

        /// <summary>Host-wide pauses (Jira's quota); every family waits for it too.</summary>
        public RateLimitGate Host { get; }

        /// <summary>The family gates seen so far, by family ("POST /admin/v2/orgs/{}/directories/{}/groups/{}/memberships").</summary>
        public IReadOnlyDictionary<string, RateLimitGate> Families => _families;

        /// <summary>Total 429s over all families (and the host gate they may share).</summary>
        public int Throttled => _families.Values.Sum(g => g.Throttled) + Host.Throttled;

        /// <summary>
        /// The gate a request goes through: its family's, or the host's once a family has shown that the host has one
        /// bucket for all (a 429 its learned model did not expect: other endpoints spend the same tokens).
        /// </summary>
        public RateLimitGate For(HttpMethod method, Uri uri)
        {
            var family = _families.GetOrAdd(FamilyOf(method, uri), name => new RateLimitGate(_time) { Name = name, Parent = Host, MaxWait = _maxWait });
            // A host-wide limit applies to every endpoint: once one family has shown it, all pace on the host's gate.
            return family.SharesHostBucket || Host.HostWide ? Host : family;
        }

        /// <summary>
        /// Method + path template: segments that are identifiers (anything with a digit, ':', '@', '%' or 20+ characters:
        /// UUIDs, account ids, ARIs, issue keys) become <c>{}</c>; the query is left out. So every add-member call is one family.
        /// </summary>
        public static string FamilyOf(HttpMethod method, Uri uri)
        {
            var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
            var segments = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Length >= 20 || s.IndexOfAny(IdMarks) >= 0 || s.Any(char.IsDigit) && !IsVersion(s) ? "{}" : s);
            return method.Method + " /" + string.Join("/", segments);
        }

        private static readonly char[] IdMarks = { ':', '@', '%' };
        private static bool IsVersion(string s) => (s.Length <= 3 && s.All(char.IsDigit)) || (s.Length <= 3 && s[0] == 'v' && s.Skip(1).All(char.IsDigit));
    }
}
