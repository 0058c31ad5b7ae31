using System;
using System.Globalization;
using AtlassianAdmin.Sandbox.Http;

namespace AtlassianAdmin.Sandbox.RateLimiting
{
    internal static class RateHeaders
    {
        /// <summary>ISO-8601 UTC with seconds (Jira documents yyyy-MM-ddTHH:mmZ; seconds keep short waits meaningful).</summary>
        public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        public static void Apply(SandboxResponse response, RateDecision d)
        {
            Set(response, "X-RateLimit-Limit", d.Limit.ToString(CultureInfo.InvariantCulture));
            Set(response, "X-RateLimit-Remaining", d.Remaining.ToString(CultureInfo.InvariantCulture));
            Set(response, "X-RateLimit-Reset", Iso(d.ResetAt));
        }

        private static void Set(SandboxResponse response, string name, string value)
        {
            if (!response.Headers.Exists(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))) response.Header(name, value);
        }
    }
}
