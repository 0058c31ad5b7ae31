using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// Retries what is safe to retry (Polly v8):
    /// <list type="bullet">
    /// <item>429 always: the server refused it unprocessed. Retry-After is honoured in full; a longer wait than
    /// <see cref="ResilienceOptions.MaxRetryAfter"/> fails instead of retrying early.</item>
    /// <item>connection-level failures (refused, DNS, unreachable, TLS) for any request, since nothing was sent, but only
    /// <see cref="ResilienceOptions.MaxConnectRetries"/> times; the connection's <see cref="ConnectionBreaker"/> then fails
    /// the rest unsent.</item>
    /// <item>ambiguous failures (408/502/503/504, timeouts, resets, lost responses, malformed JSON) only for idempotent
    /// requests (<see cref="RequestOptions.IsIdempotent"/>), because for those a second send cannot apply an effect twice.</item>
    /// </list>
    /// Otherwise exponential backoff with jitter. Also writes the request log (one line per attempt).
    /// </summary>
    internal sealed class ResilienceHandler : DelegatingHandler
    {
        private static readonly ResiliencePropertyKey<bool> IdempotentKey = new ResiliencePropertyKey<bool>("AtlassianAdmin.Idempotent");
        private static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new ResiliencePropertyKey<TimeSpan>("AtlassianAdmin.AttemptTimeout");
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly RateLimitGates _gates;
        private readonly ResilienceOptions _options;
        private readonly TimeProvider _time;
        private readonly ConnectionBreaker _breaker;

        public ResilienceHandler(ResilienceOptions options, RateLimitGates gates, ConnectionBreaker breaker)
        {
            _breaker = breaker;
            _options = options;
            _gates = gates;
            _time = options.TimeProvider ?? TimeProvider.System;
            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
                .AddTimeout(options.TotalTimeout)
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context.Properties.GetValue(IdempotentKey, true), args.AttemptNumber, options.MaxConnectRetries)
                                                               && !(args.Outcome.Result != null && (int)args.Outcome.Result.StatusCode == 429 && WaitTooLong(args.Outcome.Result))),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(ServerRequestedDelay(args.Outcome)),
                    OnRetry = args =>
                    {
                        HttpLog.Write(new HttpLogEntry
                        {
                            Method = "retry",
                            Path = "",
                            Status = args.Outcome.Result != null ? (int)args.Outcome.Result.StatusCode : (int?)null,
                            Duration = args.RetryDelay,
                            Attempt = args.AttemptNumber + 2,
                            Note = $"waiting {args.RetryDelay.TotalSeconds:0.###} s before attempt {args.AttemptNumber + 2} ({Describe(args.Outcome)})",
                        });
                        return default;
                    },
                })
                .AddTimeout(new TimeoutStrategyOptions
                {
                    // A caller's AttemptTimeoutScope (the change engine's writes) wins over the connection's default.
                    TimeoutGenerator = args => new ValueTask<TimeSpan>(args.Context.Properties.GetValue(AttemptTimeoutKey, options.AttemptTimeout)),
                })
                .Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Buffer the body once so every attempt sends an identical fresh request.
            var body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var idempotent = RequestOptions.IsIdempotent(request);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(IdempotentKey, idempotent);
            if (AttemptTimeoutScope.Value is TimeSpan attemptTimeout) context.Properties.Set(AttemptTimeoutKey, attemptTimeout);
            var attempt = 0;
            try
            {
                var outcome = await _pipeline.ExecuteOutcomeAsync(async (ctx, state) =>
                {
                    attempt++;
                    RequestOptions.SetAttempts(request, attempt);
                    var started = _time.GetTimestamp();
                    HttpResponseMessage response = null;
                    try
                    {
                        if (!_breaker.Allow()) throw new CircuitOpenException(request.RequestUri.Host, _breaker.ConsecutiveFailures, _breaker.LastFailure);
                        // Chosen per attempt: a 429 may have shown that this family spends the host's bucket.
                        var gate = RequestOptions.GetGate(request) ?? _gates.For(request.Method, request.RequestUri);
                        var seq = await gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                        started = _time.GetTimestamp();
                        try
                        {
                            response = await base.SendAsync(Clone(request, body), ctx.CancellationToken).ConfigureAwait(false);
                            _breaker.Succeeded();
                        }
                        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                        {
                            _breaker.Failed(ex);
                            throw;
                        }
                        finally
                        {
                            gate.Completed(seq, response);
                        }
                        if (idempotent && response.IsSuccessStatusCode && await IsMalformedJsonAsync(response).ConfigureAwait(false))
                        {
                            response.Dispose();
                            throw new MalformedResponseException((int)response.StatusCode);
                        }
                        Log(request, (int)response.StatusCode, _time.GetElapsedTime(started), attempt, null);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        Log(request, null, _time.GetElapsedTime(started), attempt, Describe(Outcome.FromException<HttpResponseMessage>(ex)));
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                }, context, 0).ConfigureAwait(false);

                outcome.ThrowIfException();
                var result = outcome.Result;
                result.RequestMessage = request;
                return result;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool idempotent, int attemptNumber = 0, int maxConnectRetries = 1)
        {
            switch (outcome.Exception)
            {
                case CircuitOpenException _:
                    return false; // the host is down: fail unsent, at once
                case RateLimitWaitTooLongException _:
                    return false; // the server asked for a longer wait than the run may spend
                case null:
                    var status = (int)outcome.Result.StatusCode;
                    if (status == 429) return true;
                    return idempotent && (status == 408 || status == 502 || status == 503 || status == 504);
                case TimeoutRejectedException _:
                case MalformedResponseException _:
                    return idempotent;
                case HttpRequestException hre when ConnectionBreaker.ConnectionFailure(hre) != null:
                    return attemptNumber < maxConnectRetries; // nothing was sent: safe for writes, but a dead host fails fast
                case HttpRequestException _:
                    return idempotent;
                case OperationCanceledException _:
                    return false; // the caller cancelled (Ctrl+C); timeouts arrive as TimeoutRejectedException
                default:
                    return idempotent && outcome.Exception is System.IO.IOException;
            }
        }

        private TimeSpan? ServerRequestedDelay(Outcome<HttpResponseMessage> outcome)
        {
            var requested = RetryAfter.From(outcome.Result, _time.GetUtcNow());
            if (!requested.HasValue) return null; // Polly's exponential backoff with jitter
            // Never sooner than the server asked; a little jitter spreads concurrent callers.
            var jitter = TimeSpan.FromMilliseconds(ThreadSafeRandom.Next(0, 100));
            return requested.Value + jitter;
        }

        /// <summary>The server asks for a longer wait than the run may spend: no retry (retrying early only earns a longer
        /// one); the 429 is surfaced with its Retry-After.</summary>
        private bool WaitTooLong(HttpResponseMessage response)
        {
            var requested = RetryAfter.From(response, _time.GetUtcNow());
            return requested.HasValue && requested.Value > _options.MaxRetryAfter;
        }

        private static async Task<bool> IsMalformedJsonAsync(HttpResponseMessage response)
        {
            var media = response.Content?.Headers.ContentType?.MediaType;
            if (media == null || media.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) return false;
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (bytes.Length == 0) return false;
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                while (reader.Read()) { }
                return false;
            }
            catch (JsonException)
            {
                return true;
            }
        }

        private static HttpRequestMessage Clone(HttpRequestMessage request, byte[] body)
        {
            var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var h in request.Headers) clone.Headers.TryAddWithoutValidation(h.Key, h.Value);
            foreach (var p in request.Properties) clone.Properties[p.Key] = p.Value;
            if (body != null)
            {
                clone.Content = new ByteArrayContent(body);
                foreach (var h in request.Content.Headers) clone.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }
            return clone;
        }

        private static void Log(HttpRequestMessage request, int? status, TimeSpan duration, int attempt, string note) =>
            HttpLog.Write(new HttpLogEntry { Method = request.Method.Method, Path = request.RequestUri.PathAndQuery, Status = status, Duration = duration, Attempt = attempt, Note = note });

        private static string Describe(Outcome<HttpResponseMessage> outcome)
        {
            if (outcome.Exception is TimeoutRejectedException) return "timed out";
            if (outcome.Exception is MalformedResponseException) return "malformed JSON";
            if (outcome.Exception != null) return outcome.Exception.GetType().Name + ": " + outcome.Exception.Message;
            var r = outcome.Result;
            return $"{(int)r.StatusCode} {r.ReasonPhrase}";
        }
    }

    /// <summary>A 2xx response whose JSON body does not parse; retried for idempotent requests.</summary>
    internal sealed class MalformedResponseException : Exception
    {
        public MalformedResponseException(int status) : base($"The server answered {status} with a body that is not valid JSON.") => Status = status;
        public int Status { get; }
    }

    internal static class ThreadSafeRandom
    {
        [ThreadStatic] private static Random _local;
        public static int Next(int min, int max) => (_local ?? (_local = new Random(Guid.NewGuid().GetHashCode()))).Next(min, max);
    }
}
