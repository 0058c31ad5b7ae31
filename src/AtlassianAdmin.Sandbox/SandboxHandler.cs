using System.Collections.Generic;
using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox.Faults;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Org;
using AtlassianAdmin.Sandbox.RateLimiting;
using AtlassianAdmin.Sandbox.Routing;

namespace AtlassianAdmin.Sandbox
{
    /// <summary>
    /// In-memory Atlassian Org API + user management API + Jira REST v3. Plug it into an HttpClient
    /// (new HttpClient(new SandboxHandler())) with any base address: routing uses the path only.
    /// Pipeline per request: latency → rate limit → fault injection → route → auth → handler (under the store lock).
    /// </summary>
    public sealed class SandboxHandler : HttpMessageHandler
    {
        private static readonly Router Router = Routes.Build();
        private const string EventsRouteKey = "GET /admin/v1/orgs/{orgId}/events";

        private readonly TokenBucket _bucket;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TokenBucket> _endpointBuckets = new System.Collections.Concurrent.ConcurrentDictionary<string, TokenBucket>();
        private readonly TokenBucket _eventsBucket;

        public SandboxHandler(SandboxOptions options = null)
        {
            Options = options ?? new SandboxOptions();
            Store = new SandboxStore(Options);
            Faults = new SandboxFaultInjector(Options);
            Stats = new SandboxStats();
            if (Options.RateLimitPerSecond > 0)
                _bucket = new TokenBucket(Options.RateLimitPerSecond,
                    Options.RateLimitBurst > 0 ? Options.RateLimitBurst : Math.Max(1, (int)Options.RateLimitPerSecond), Options.TimeProvider);
            if (Options.EventsRateLimitPerMinute > 0)
                _eventsBucket = new TokenBucket(Options.EventsRateLimitPerMinute / 60.0,
                    Options.EventsRateLimitBurst > 0 ? Options.EventsRateLimitBurst : Options.EventsRateLimitPerMinute, Options.TimeProvider);
        }

        public SandboxOptions Options { get; }
        public SandboxStore Store { get; }
        public SandboxFaultInjector Faults { get; }
        public SandboxStats Stats { get; }

        /// <summary>Account ids that a complete Jira <c>/users/search</c> listing returns (all pages, left-out accounts excluded).</summary>
        public IReadOnlyList<string> JiraListableAccountIds()
        {
            lock (Store.Sync) return Jira.JiraUserRoutes.Listable(Store, Options);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Stats.CountRequest();
            if (Options.Latency > TimeSpan.Zero) await Options.TimeProvider.Delay(Options.Latency, cancellationToken).ConfigureAwait(false);

            var uri = request.RequestUri;
            var path = Router.Normalize(uri.AbsolutePath);
            var family = Router.FamilyOf(path);

            RateDecision? rate = null;
            var bucket = _bucket;
            if (bucket != null && Options.RateLimitPerEndpoint)
            {
                var key = Router.Match(request.Method.Method, path, out var matched, out _) == MatchOutcome.Found ? matched.Key : request.Method.Method + " " + path;
                bucket = _endpointBuckets.GetOrAdd(key, _ => new TokenBucket(Options.RateLimitPerSecond, _bucket.Capacity, Options.TimeProvider));
            }
            if (bucket != null)
            {
                var d = bucket.TryTake();
                rate = d;
                if (!d.Allowed)
                {
                    Stats.CountRateLimited();
                    return ToMessage(request, FaultResponder.TooManyRequests(family, d.RetryAfterSeconds, d.ResetAt), rate);
                }
            }

            // Atlassian's edge refuses request lines longer than about 8 KB with a bare 414 (the request is not processed).
            if (uri.PathAndQuery.Length > Options.MaxRequestUriLength)
                return ToMessage(request, new SandboxResponse { Status = 414 }, rate);

            var fault = Faults.Next(uri.PathAndQuery, request.Method.Method);
            if (fault == SandboxFault.ConnectionReset) throw FaultResponder.ConnectionReset();
            if (fault.HasValue && fault != SandboxFault.ResponseLost)
                return ToMessage(request, await FaultResponder.RespondAsync(fault.Value, family, Options, cancellationToken).ConfigureAwait(false), rate);

            byte[] body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            Stats.Record(request.Method.Method, uri.PathAndQuery, body);
            var response = Dispatch(request, path, family, body);

            // The work is done (state changed), but the client never sees the answer.
            if (fault == SandboxFault.ResponseLost) throw FaultResponder.ConnectionReset();
            return ToMessage(request, response, rate);
        }

        private SandboxResponse Dispatch(HttpRequestMessage request, string path, ApiFamily family, byte[] body)
        {
            var outcome = Router.Match(request.Method.Method, path, out var route, out var values);
            if (outcome == MatchOutcome.NotFound)
                return family == ApiFamily.Jira ? JiraErrors.Error(404, "Null or unknown REST resource: " + path) : AdminErrors.RouteNotFound(path);
            if (outcome == MatchOutcome.MethodNotAllowed)
                return family == ApiFamily.Jira ? JiraErrors.Error(405, "Method not allowed") : AdminErrors.MethodNotAllowed(request.Method.Method);

            string caller = Authenticate(route, request.Headers.Authorization);
            if (caller == null && route.Auth == AuthKind.Scim) return ScimRoutes.Unauthorized();
            if (caller == null && route.Auth != AuthKind.Anonymous)
                return route.Family == ApiFamily.Jira ? JiraErrors.Unauthorized() : AdminErrors.Unauthorized();

            RateDecision? eventsRate = null;
            if (route.Key == EventsRouteKey && _eventsBucket != null)
            {
                var d = _eventsBucket.TryTake();
                // The endpoint's own limit is what its responses report (per-minute limit, tokens left, reset).
                eventsRate = new RateDecision { Allowed = d.Allowed, Limit = Options.EventsRateLimitPerMinute, Remaining = d.Remaining, RetryAfterSeconds = d.RetryAfterSeconds, ResetAt = d.ResetAt };
                if (!d.Allowed)
                {
                    Stats.CountRateLimited();
                    var limited = FaultResponder.TooManyRequests(family, d.RetryAfterSeconds, d.ResetAt);
                    RateHeaders.Apply(limited, eventsRate.Value);
                    return limited;
                }
            }

            Stats.CountProcessed(route.Key);
            var ctx = new RequestContext(Store, request.RequestUri, request.Method.Method, route, values, body) { CallerAccountId = caller };
            try
            {
                lock (Store.Sync)
                {
                    // SCIM routes answer an unknown directory in their own error shape.
                    if (route.Auth != AuthKind.Scim) CheckOrgAndDirectory(ctx);
                    // Any request that may write invalidates the store's cached views (reads leave them).
                    if (ctx.Method != "GET" && ctx.Method != "HEAD") Store.Changed();
                    var response = route.Handler(ctx);
                    if (eventsRate.HasValue) RateHeaders.Apply(response, eventsRate.Value);
                    return response;
                }
            }
            catch (SandboxApiException e)
            {
                return e.Response;
            }
            catch (Exception e)
            {
                // A sandbox bug: answer like the real API's internal error, with the exception to help debugging.
                return family == ApiFamily.Jira
                    ? JiraErrors.Error(500, "Internal server error: " + e.Message)
                    : AdminErrors.Error(500, "ADMIN-500-1", "Internal Error", e.GetType().Name + ": " + e.Message);
            }
        }

        /// <summary>The caller's account id, "" for a valid org key, or null when unauthenticated.</summary>
        private string Authenticate(Route route, AuthenticationHeaderValue auth)
        {
            // The SCIM key is the directory's own: the org key is refused there, and the SCIM key everywhere else.
            if (route.Auth == AuthKind.Scim)
                return auth != null && string.Equals(auth.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                       && !string.IsNullOrEmpty(Options.ScimApiKey) && string.Equals(auth.Parameter, Options.ScimApiKey, StringComparison.Ordinal)
                    ? ""
                    : null;
            if (route.Auth == AuthKind.Bearer)
                return auth != null && string.Equals(auth.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                       && string.Equals(auth.Parameter, Options.ApiKey, StringComparison.Ordinal)
                    ? Store.ApiKeyOwnerAccountId
                    : null;
            if (auth == null || !string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || auth.Parameter == null) return null;
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter)); }
            catch (FormatException) { return null; }
            int colon = decoded.IndexOf(':');
            if (colon < 0) return null;
            if (!string.Equals(decoded.Substring(0, colon), Options.JiraEmail, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(decoded.Substring(colon + 1), Options.JiraApiToken, StringComparison.Ordinal)) return null;
            return Store.FindUserByEmail(Options.JiraEmail)?.AccountId ?? Store.ApiKeyOwnerAccountId;
        }

        private static void CheckOrgAndDirectory(RequestContext ctx)
        {
            var orgId = ctx["orgId"];
            if (orgId != null && orgId != ctx.Store.OrgId) throw AdminErrors.OrgNotFound();
            var directoryId = ctx["directoryId"];
            if (directoryId != null && directoryId != "-" && !ctx.Store.DirectoryList.Exists(d => d.Id == directoryId))
                throw AdminErrors.DirectoryNotFound();
        }

        private static HttpResponseMessage ToMessage(HttpRequestMessage request, SandboxResponse r, RateDecision? rate)
        {
            if (rate.HasValue) RateHeaders.Apply(r, rate.Value);
            var msg = new HttpResponseMessage((HttpStatusCode)r.Status) { RequestMessage = request };
            var bytes = r.RawBody ?? (r.Body != null ? Json.Serialize(r.Body) : null);
            msg.Content = new ByteArrayContent(bytes ?? new byte[0]);
            if (bytes != null) msg.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
            foreach (var h in r.Headers)
                if (!msg.Headers.TryAddWithoutValidation(h.Key, h.Value)) msg.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return msg;
        }
    }
}
