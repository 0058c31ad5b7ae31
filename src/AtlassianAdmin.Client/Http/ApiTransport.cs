#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Json;
using Polly.Timeout;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// JSON over one API host (api.atlassian.com or a Jira site) through the connection's handler pipeline.
    /// Turns every failure into an <see cref="AtlassianApiException"/>.
    /// </summary>
    public sealed class ApiTransport : IDisposable
    {
        private static readonly MediaTypeHeaderValue JsonMediaType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        private readonly HttpClient _http;
        private readonly IDisposable? _owner;
        private readonly TimeProvider _time;

        internal ApiTransport(Uri baseUri, HttpClient http, RateLimitGates gates, IDisposable? owner, TimeProvider? time = null)
        {
            _time = time ?? TimeProvider.System;
            BaseUri = baseUri;
            _http = http;
            Gates = gates;
            _owner = owner;
        }

        public Uri BaseUri { get; }
        /// <summary>The host's rate-limit gates, one per endpoint family.</summary>
        public RateLimitGates Gates { get; }
        /// <summary>The connection's circuit breaker for this host (open: requests fail unsent).</summary>
        public ConnectionBreaker? Breaker { get; internal set; }
        public ResilienceOptions? Resilience { get; internal set; }

        public Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) =>
            SendAsync<T>(HttpMethod.Get, path, null, idempotent: true, cancellationToken);

        /// <summary>A GET paced by its own <paramref name="gate"/> instead of the host's shared one (an endpoint with its own limit).</summary>
        public Task<T?> GetAsync<T>(string path, IRequestGate gate, CancellationToken cancellationToken) =>
            SendAsync<T>(HttpMethod.Get, path, null, idempotent: true, cancellationToken, gate);

        public async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, bool idempotent, CancellationToken cancellationToken) =>
            await SendAsync<T>(method, path, body, idempotent, cancellationToken, null).ConfigureAwait(false);

        private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, bool idempotent, CancellationToken cancellationToken, IRequestGate? gate)
        {
            using var response = await SendCoreAsync(method, path, body, idempotent, cancellationToken, gate).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent || response.Content == null) return default;
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (bytes.Length == 0) return default;
            try
            {
                return JsonSerializer.Deserialize<T>(bytes, JsonDefaults.Options);
            }
            catch (JsonException ex)
            {
                throw Malformed(method, path, (int)response.StatusCode, RequestOptions.GetAttempts(response.RequestMessage) - 1, ex);
            }
        }

        /// <summary>Sends a request whose response body is not needed (204 actions).</summary>
        public async Task SendAsync(HttpMethod method, string path, object? body, bool idempotent, CancellationToken cancellationToken)
        {
            using var _ = await SendCoreAsync(method, path, body, idempotent, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, bool idempotent, CancellationToken cancellationToken, IRequestGate? gate = null)
        {
            var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
            RequestOptions.SetIdempotent(request, idempotent);
            RequestOptions.SetGate(request, gate);
            if (body != null)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonDefaults.Options);
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = JsonMediaType;
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (MalformedResponseException ex)
            {
                throw Malformed(method, path, ex.Status, RequestOptions.GetAttempts(request) - 1, ex);
            }
            catch (TimeoutRejectedException ex)
            {
                var retries = RequestOptions.GetAttempts(request) - 1;
                throw new AtlassianApiException(
                    $"{method} {Display(path)} timed out after {ex.Timeout.TotalSeconds:0.#} s{RetriedText(retries)}. The Atlassian API did not answer in time; try again later.",
                    null, method.Method, Display(path), retryCount: retries, inner: ex) { IsTimeout = true };
            }
            catch (RateLimitWaitTooLongException ex)
            {
                throw new AtlassianApiException($"{method} {Display(path)} was not sent: {ex.Message}", (HttpStatusCode)429, method.Method, Display(path), retryAfter: ex.Wait, inner: ex);
            }
            catch (CircuitOpenException ex)
            {
                throw new AtlassianApiException(
                    $"{method} {Display(path)} was not sent: {BaseUri.Host} failed the last {ex.Failures} connection attempts ({ex.LastFailure}). Check that the address is right and the API is reachable, then run again.",
                    null, method.Method, Display(path), inner: ex) { IsConnectionFailure = true, IsCircuitOpen = true, Breaker = Breaker };
            }
            catch (Exception ex) when (ex is HttpRequestException && ConnectionBreaker.ConnectionFailure(ex) != null)
            {
                var retries = RequestOptions.GetAttempts(request) - 1;
                throw new AtlassianApiException(
                    $"{method} {Display(path)} failed: could not connect to {BaseUri.Host} ({ConnectionBreaker.ConnectionFailure(ex)}: {Innermost(ex).Message}){RetriedText(retries)}. Nothing was sent.",
                    null, method.Method, Display(path), retryCount: retries, inner: ex) { IsConnectionFailure = true, Breaker = Breaker };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException)
            {
                var retries = RequestOptions.GetAttempts(request) - 1;
                throw new AtlassianApiException(
                    $"{method} {Display(path)} failed: could not reach {BaseUri.Host} ({Innermost(ex).Message}){RetriedText(retries)}.",
                    null, method.Method, Display(path), retryCount: retries, inner: ex);
            }

            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var text = response.Content == null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var errors = ErrorBodyParser.Parse(text);
                var retries = RequestOptions.GetAttempts(response.RequestMessage ?? request) - 1;
                var retryAfter = RetryAfter.From(response, _time.GetUtcNow());
                var status = (int)response.StatusCode;
                var what = errors.Count > 0 ? string.Join("; ", errors.Select(e => e.ToString())) : response.ReasonPhrase;
                var longWait = status == 429 && retryAfter.HasValue && Resilience != null && retryAfter.Value > Resilience.MaxRetryAfter
                    ? $" The server asks to wait {retryAfter.Value.TotalSeconds:0} s, longer than the {Resilience.MaxRetryAfter.TotalSeconds:0} s this connection may wait (MaxRetryAfter); not retried early, which only earns a longer wait."
                    : "";
                var message = $"Atlassian API returned {status} ({response.ReasonPhrase}) for {method} {Display(path)}: {what}{RetriedText(retries)}.{longWait}{Hint(status)}";
                throw new AtlassianApiException(message, response.StatusCode, method.Method, Display(path), errors, retries, retryAfter);
            }
        }

        private static string Hint(int status)
        {
            switch (status)
            {
                case 401: return " Check that the API key or API token is valid and not expired (Connect-AtlassianOrg again).";
                case 403: return " The credential is valid but not allowed to do this (a scoped key, or not an admin of this org/site).";
                case 429: return " The API rate limit was exceeded; retry later or lower -ThrottleLimit.";
                default: return "";
            }
        }

        private AtlassianApiException Malformed(HttpMethod method, string path, int status, int retries, Exception inner) =>
            new AtlassianApiException(
                $"Atlassian API answered {method} {Display(path)} with {status} but the body is not valid JSON{RetriedText(retries)}. This is usually a transient proxy or gateway fault; try again.",
                (HttpStatusCode)status, method.Method, Display(path), retryCount: retries, inner: inner) { IsMalformedResponse = true };

        /// <summary>
        /// The error for a success answer without the object the endpoint promises (no body, or no <c>data</c>): a clear
        /// error the cmdlet reports for its row, instead of a null the caller would trip over.
        /// </summary>
        internal AtlassianApiException NoData(HttpMethod method, string path) =>
            new AtlassianApiException(
                $"Atlassian API answered {method} {Display(path)} with success but without the object it returns (empty body or no data). This is usually a transient proxy or gateway fault; try again.",
                HttpStatusCode.OK, method.Method, Display(path)) { IsMalformedResponse = true };

        private string Display(string path) => new Uri(BaseUri, path).PathAndQuery;
        private static string RetriedText(int retries) => retries > 0 ? $" (after {retries} {(retries == 1 ? "retry" : "retries")})" : "";

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        public void Dispose() => _owner?.Dispose();
    }
}
