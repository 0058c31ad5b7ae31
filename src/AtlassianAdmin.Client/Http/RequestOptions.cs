#nullable enable
using System.Net.Http;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>Per-request flags the handlers read. Stored in <see cref="HttpRequestMessage.Properties"/> (netstandard2.0).</summary>
    internal static class RequestOptions
    {
        private const string IdempotentKey = "AtlassianAdmin.Idempotent";
        private const string AttemptsKey = "AtlassianAdmin.Attempts";
        private const string GateKey = "AtlassianAdmin.Gate";

        /// <summary>
        /// Safe to send twice? GET/PUT/DELETE are by HTTP; POST searches and the API's idempotent actions
        /// (suspend, add member, assign role) are marked by the caller. Only these are retried after an ambiguous failure.
        /// </summary>
        public static bool IsIdempotent(HttpRequestMessage request)
        {
            if (request.Properties.TryGetValue(IdempotentKey, out var v) && v is bool b) return b;
            var m = request.Method.Method;
            return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS";
        }

        public static void SetIdempotent(HttpRequestMessage request, bool value) => request.Properties[IdempotentKey] = value;

        public static int GetAttempts(HttpRequestMessage? request) =>
            request != null && request.Properties.TryGetValue(AttemptsKey, out var v) && v is int i ? i : 1;

        /// <summary>A gate of its own for this request (an endpoint with a separate rate limit); null = the host's shared gate.</summary>
        public static IRequestGate? GetGate(HttpRequestMessage request) =>
            request != null && request.Properties.TryGetValue(GateKey, out var v) ? v as IRequestGate : null;

        public static void SetGate(HttpRequestMessage request, IRequestGate? gate)
        {
            if (gate != null) request.Properties[GateKey] = gate;
        }

        public static void SetAttempts(HttpRequestMessage request, int attempts) => request.Properties[AttemptsKey] = attempts;
    }
}
