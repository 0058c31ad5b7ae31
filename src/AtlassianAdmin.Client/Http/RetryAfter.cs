#nullable enable
using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>Reads how long the server asked us to wait: <c>Retry-After</c> (seconds or HTTP date) or <c>X-RateLimit-Reset</c>.</summary>
    internal static class RetryAfter
    {
        public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
        {
            if (response == null) return null;
            var ra = response.Headers.RetryAfter;
            if (ra != null)
            {
                if (ra.Delta.HasValue) return Clamp(ra.Delta.Value);
                if (ra.Date.HasValue) return Clamp(ra.Date.Value - now);
            }
            // Jira sends an ISO-8601 timestamp (yyyy-MM-ddTHH:mmZ); other APIs may send epoch seconds.
            if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values))
            {
                var raw = values.FirstOrDefault();
                if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    return Clamp(at - now);
                if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) && epoch > 1_000_000_000)
                    return Clamp(DateTimeOffset.FromUnixTimeSeconds(epoch) - now);
            }
            return null;
        }

        private static TimeSpan Clamp(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
    }
}
