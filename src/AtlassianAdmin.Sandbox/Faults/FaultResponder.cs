using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.RateLimiting;
using AtlassianAdmin.Sandbox.Routing;

namespace AtlassianAdmin.Sandbox.Faults
{
    /// <summary>Builds the responses (or exceptions) of injected faults, shaped like the API family's real ones.</summary>
    internal static class FaultResponder
    {
        public static HttpRequestException ConnectionReset() =>
            new HttpRequestException("An error occurred while sending the request: the connection was reset by the peer (sandbox fault).",
                new IOException("Unable to read data from the transport connection: Connection reset by peer."));

        /// <summary>Answer for a fault that does not process the request. ConnectionReset throws.</summary>
        public static async Task<SandboxResponse> RespondAsync(SandboxFault fault, ApiFamily family, SandboxOptions options, CancellationToken ct)
        {
            int retryAfter = Math.Max(0, options.RetryAfterSeconds);
            switch (fault)
            {
                case SandboxFault.TooManyRequests:
                    return TooManyRequests(family, retryAfter, options.TimeProvider.GetUtcNow().AddSeconds(retryAfter));
                case SandboxFault.ServiceUnavailable:
                    return Server(family, 503, "Service Unavailable").Header("Retry-After", retryAfter.ToString());
                case SandboxFault.BadGateway:
                    return Server(family, 502, "Bad Gateway");
                case SandboxFault.Timeout:
                    await options.TimeProvider.Delay(options.TimeoutFaultDelay, ct).ConfigureAwait(false);
                    return Server(family, 504, "Gateway Timeout");
                case SandboxFault.MalformedJson:
                    // Looks like the start of a real page, cut off mid-string.
                    var body = family == ApiFamily.Jira ? "{\"isLast\":false,\"values\":[{\"accountId\":\"5b10ac8d8" : "{\"data\":[{\"accountId\":\"5b10ac8d8";
                    return new SandboxResponse { Status = 200, RawBody = Encoding.UTF8.GetBytes(body) };
                default:
                    throw ConnectionReset();
            }
        }

        /// <summary>429 for injected faults and real rate limiting alike.</summary>
        public static SandboxResponse TooManyRequests(ApiFamily family, int retryAfterSeconds, DateTimeOffset resetAt)
        {
            if (family == ApiFamily.Jira)
                return JiraErrors.Error(429, "Rate limit exceeded.")
                    .Header("Retry-After", retryAfterSeconds.ToString())
                    .Header("X-RateLimit-Reset", RateHeaders.Iso(resetAt))
                    .Header("RateLimit-Reason", "jira-burst-based");
            return AdminErrors.TooManyRequests().Header("Retry-After", retryAfterSeconds.ToString());
        }

        private static SandboxResponse Server(ApiFamily family, int status, string title) =>
            family == ApiFamily.Jira ? JiraErrors.Error(status, title) : AdminErrors.ServerError(status, title);
    }
}
