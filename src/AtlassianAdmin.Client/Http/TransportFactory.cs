using System;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// Builds one handler pipeline per connection and API host with Microsoft.Extensions.Http:
    /// User-Agent → resilience (retries, timeouts, shared rate-limit gate, request log) → auth → primary handler.
    /// </summary>
    public static class TransportFactory
    {
        public static ApiTransport CreateBearer(Uri baseUri, SecureString apiKey, ResilienceOptions resilience = null, HttpMessageHandler primary = null) =>
            Create(baseUri, () => AuthenticationHandler.Bearer(apiKey), resilience, primary);

        public static ApiTransport CreateBasic(Uri baseUri, string email, SecureString apiToken, ResilienceOptions resilience = null, HttpMessageHandler primary = null) =>
            Create(baseUri, () => AuthenticationHandler.Basic(email, apiToken), resilience, primary);

        private static ApiTransport Create(Uri baseUri, Func<DelegatingHandler> auth, ResilienceOptions resilience, HttpMessageHandler primary)
        {
            RequireSecureUri(baseUri, primary != null);
            resilience = resilience ?? new ResilienceOptions();
            var gate = new RateLimitGate(resilience.TimeProvider);
            var breaker = new ConnectionBreaker(resilience);
            var name = "atlassian-" + Guid.NewGuid().ToString("N");
            var services = new ServiceCollection();
            services.AddHttpClient(name, c =>
                {
                    c.BaseAddress = baseUri;
                    c.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler owns timeouts
                })
                .ConfigurePrimaryHttpMessageHandler(() => primary != null ? new NonDisposingHandler(primary) : (HttpMessageHandler)CreateSocketHandler())
                .AddHttpMessageHandler(() => new UserAgentHandler())
                .AddHttpMessageHandler(() => new ResilienceHandler(resilience, gate, breaker))
                .AddHttpMessageHandler(auth)
                // One long-lived pipeline per connection: reuses TCP/TLS connections, and keeps the sandbox's state.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            return new ApiTransport(EnsureTrailingSlash(baseUri), client, gate, provider, resilience.TimeProvider) { Breaker = breaker, Resilience = resilience };
        }

        private static HttpMessageHandler CreateSocketHandler() => new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = 64,
            UseCookies = false,
        };

        /// <summary>Credentials only travel over HTTPS; plain HTTP is allowed to loopback (the emulator) and in-process handlers.</summary>
        public static void RequireSecureUri(Uri uri, bool inProcess)
        {
            if (uri == null || !uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URI.", nameof(uri));
            if (inProcess || uri.Scheme == Uri.UriSchemeHttps) return;
            if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) return;
            throw new ArgumentException($"'{uri}' is not HTTPS. Credentials are only sent over HTTPS (plain HTTP is allowed to loopback addresses such as the local emulator).", nameof(uri));
        }

        private static Uri EnsureTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith("/") ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
