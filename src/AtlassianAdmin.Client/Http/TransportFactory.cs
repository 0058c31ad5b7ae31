#nullable enable
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
        public static ApiTransport CreateBearer(Uri baseUri, SecureString apiKey, ResilienceOptions? resilience = null, HttpMessageHandler? primary = null) =>
            Create(baseUri, () => AuthenticationHandler.Bearer(apiKey), resilience, primary);

        public static ApiTransport CreateBasic(Uri baseUri, string email, SecureString apiToken, ResilienceOptions? resilience = null, HttpMessageHandler? primary = null) =>
            Create(baseUri, () => AuthenticationHandler.Basic(email, apiToken), resilience, primary);

        private static ApiTransport Create(Uri baseUri, Func<DelegatingHandler> auth, ResilienceOptions? resilience, HttpMessageHandler? primary)
        {
            RequireSecureUri(baseUri, primary != null);
            resilience = resilience ?? new ResilienceOptions();
            var gates = new RateLimitGates(resilience.TimeProvider, resilience.MaxRetryAfter);
            var breaker = new ConnectionBreaker(resilience);
            var name = "atlassian-" + Guid.NewGuid().ToString("N");
            var services = new ServiceCollection();
            services.AddHttpClient(name, c =>
                {
                    c.BaseAddress = baseUri;
                    c.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler owns timeouts
                })
                .ConfigurePrimaryHttpMessageHandler(() => primary != null ? new NonDisposingHandler(primary) : (HttpMessageHandler)CreateSocketHandler(baseUri))
                .AddHttpMessageHandler(() => new UserAgentHandler())
                .AddHttpMessageHandler(() => new ResilienceHandler(resilience, gates, breaker))
                .AddHttpMessageHandler(auth)
                // One long-lived pipeline per connection: reuses TCP/TLS connections, and keeps the sandbox's state.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            return new ApiTransport(EnsureTrailingSlash(baseUri), client, gates, provider, resilience.TimeProvider) { Breaker = breaker, Resilience = resilience };
        }

        internal static HttpClientHandler CreateSocketHandler(Uri baseUri)
        {
            // Plain HTTP only ever goes to loopback (the emulator), and it never goes through a proxy: HTTP_PROXY,
            // ALL_PROXY or a system proxy would otherwise receive the Authorization header in clear text. HTTPS keeps the
            // proxy (the header is inside the TLS tunnel).
            var plain = baseUri.Scheme == Uri.UriSchemeHttp;
            if (plain && !IsLoopback(baseUri))
                throw new ArgumentException($"'{baseUri}' is plain HTTP to a host that is not loopback: the credentials would cross the network (and any proxy) in clear text. Use HTTPS.", nameof(baseUri));
            return new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = 64,
                UseCookies = false,
                UseProxy = !plain,
            };
        }

        /// <summary>127.0.0.0/8, ::1, IPv4-mapped loopback (::ffff:127.0.0.1) and "localhost".</summary>
        internal static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || (ip.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(ip.MapToIPv4())));
        }

        /// <summary>Credentials only travel over HTTPS; plain HTTP is allowed to loopback (the emulator, bypassing any proxy) and in-process handlers.</summary>
        public static void RequireSecureUri(Uri uri, bool inProcess)
        {
            if (uri == null || !uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URI.", nameof(uri));
            if (inProcess || uri.Scheme == Uri.UriSchemeHttps) return;
            if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return;
            throw new ArgumentException($"'{uri}' is not HTTPS. Credentials are only sent over HTTPS (plain HTTP is allowed to loopback addresses such as the local emulator, and then never through a proxy).", nameof(uri));
        }

        private static Uri EnsureTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith("/") ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
