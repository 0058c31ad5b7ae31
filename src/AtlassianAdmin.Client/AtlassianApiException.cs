using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace AtlassianAdmin.Client
{
    /// <summary>
    /// The one error type the client throws for a failed Atlassian call. It carries what an admin needs to act
    /// (status, Atlassian error codes, title/detail, the request path, how often it was retried) and never a credential.
    /// </summary>
    public sealed class AtlassianApiException : Exception
    {
        public AtlassianApiException(string message, HttpStatusCode? statusCode, string method, string requestPath,
            IReadOnlyList<AtlassianError> errors = null, int retryCount = 0, TimeSpan? retryAfter = null, Exception inner = null)
            : base(message, inner)
        {
            StatusCode = statusCode;
            Method = method;
            RequestPath = requestPath;
            Errors = errors ?? Array.Empty<AtlassianError>();
            RetryCount = retryCount;
            RetryAfter = retryAfter;
        }

        /// <summary>HTTP status, or null when no response arrived (network failure, timeout).</summary>
        public HttpStatusCode? StatusCode { get; }
        public string Method { get; }
        /// <summary>Path and query of the request (never headers, never the host's credentials).</summary>
        public string RequestPath { get; }
        public IReadOnlyList<AtlassianError> Errors { get; }
        public int RetryCount { get; }
        public TimeSpan? RetryAfter { get; }
        /// <summary>True when the body could not be parsed as the JSON the API promises.</summary>
        public bool IsMalformedResponse { get; internal set; }
        /// <summary>True when a create was answered with success but its object could not be read back yet: the object
        /// exists (do not create it again), it shows in a listing once the service has caught up.</summary>
        public bool IsCreatedNotReadBack { get; internal set; }
        /// <summary>True when no answer came in time (per-attempt or total timeout).</summary>
        public bool IsTimeout { get; internal set; }
        /// <summary>True when the request never reached the server (refused, DNS, unreachable, TLS): nothing was applied.</summary>
        public bool IsConnectionFailure { get; internal set; }
        /// <summary>True when the connection's circuit breaker is open: the host failed several connection attempts in a
        /// row and this request was not even tried. A bulk run stops here rather than fail every remaining row slowly.</summary>
        public bool IsCircuitOpen { get; internal set; }
        /// <summary>For connection failures: the breaker of the connection's host, to ask whether it is open now.</summary>
        public Http.ConnectionBreaker Breaker { get; internal set; }
        /// <summary>The host can't be reached: this request was not sent, or it failed to connect and the breaker has opened since.</summary>
        public bool HostUnreachable => IsCircuitOpen || (IsConnectionFailure && Breaker != null && Breaker.IsOpen);

        public IEnumerable<string> Codes => Errors.Select(e => e.Code).Where(c => !string.IsNullOrEmpty(c));
        public bool HasCode(string code) => Codes.Any(c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));
        public int Status => StatusCode.HasValue ? (int)StatusCode.Value : 0;
    }

    /// <summary>One entry of an Atlassian error body (admin <c>errors[]</c> or Jira <c>errorMessages</c>/<c>errors{field}</c>).</summary>
    public sealed class AtlassianError
    {
        public string Code { get; set; }
        public string Title { get; set; }
        public string Detail { get; set; }
        /// <summary>For Jira field errors: the field the message is about.</summary>
        public string Field { get; set; }

        public override string ToString()
        {
            var text = string.Join(": ", new[] { Title, Detail }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());
            if (!string.IsNullOrEmpty(Field)) text = Field + ": " + text;
            return string.IsNullOrEmpty(Code) ? text : $"{text} ({Code})";
        }
    }
}
