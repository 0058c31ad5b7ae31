using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    [CollectionDefinition("Process-wide proxy", DisableParallelization = true)]
    public sealed class ProcessWideProxyCollection { }

    /// <summary>Credentials never cross a proxy in clear text: plain-HTTP loopback connections bypass every proxy.</summary>
    [Collection("Process-wide proxy")]
    public class ProxyTests
    {
        /// <summary>A proxy on loopback that records every byte it receives and answers 502.</summary>
        private sealed class CaptureProxy : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            public readonly ConcurrentQueue<string> Received = new ConcurrentQueue<string>();
            public int Connections;

            public CaptureProxy()
            {
                _listener.Start();
                _ = AcceptLoop();
            }

            public Uri Address => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

            private async Task AcceptLoop()
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(); }
                    catch (Exception) { return; }
                    Interlocked.Increment(ref Connections);
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            var stream = client.GetStream();
                            var buffer = new byte[16384];
                            var n = await stream.ReadAsync(buffer, 0, buffer.Length);
                            Received.Enqueue(Encoding.ASCII.GetString(buffer, 0, n));
                            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                            await stream.WriteAsync(answer, 0, answer.Length);
                        }
                    });
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
            }
        }

        /// <summary>A system proxy that claims every address (no built-in loopback bypass), like HTTP_PROXY without NO_PROXY.</summary>
        private sealed class EverythingProxy : IWebProxy
        {
            private readonly Uri _proxy;
            public EverythingProxy(Uri proxy) => _proxy = proxy;
            public ICredentials Credentials { get; set; }
            public Uri GetProxy(Uri destination) => _proxy;
            public bool IsBypassed(Uri host) => false;
        }

        [Fact]
        public async Task Plain_http_to_loopback_never_sends_the_authorization_header_to_a_proxy()
        {
            using var proxy = new CaptureProxy();
            await using var api = await TestApi.OverHttpAsync();
            var port = api.Transport.BaseUri.Port;
            var previous = HttpClient.DefaultProxy;
            HttpClient.DefaultProxy = new EverythingProxy(proxy.Address);
            try
            {
                // Control: an ordinary client with the default proxy settings does hand the request to the proxy.
                using (var ordinary = new HttpClient())
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, api.Transport.BaseUri);
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer control-not-a-secret");
                    using var response = await ordinary.SendAsync(request);
                    Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                }
                Assert.Contains(proxy.Received, r => r.Contains("control-not-a-secret"));
                var controlConnections = proxy.Connections;

                foreach (var host in new[] { "127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]" })
                {
                    using var transport = TransportFactory.CreateBearer(new Uri($"http://{host}:{port}/"), TestApi.Secure(TestApi.Key), TestApi.FastRetries);
                    try
                    {
                        var count = await new OrgClient(transport).CountUsersAsync(api.OrgId, api.DirectoryId, null, null, CancellationToken.None);
                        Assert.Equal(api.Sandbox.Store.Users().Count, count);
                    }
                    catch (AtlassianApiException ex) when (ex.IsConnectionFailure)
                    {
                        // The emulator listens on one address family; refused is fine, a proxied request is not.
                    }
                }
                Assert.Equal(controlConnections, proxy.Connections);
                Assert.DoesNotContain(proxy.Received, r => r.Contains(TestApi.Key));
            }
            finally
            {
                HttpClient.DefaultProxy = previous;
            }
        }

        [Fact]
        public void Plain_http_to_any_other_host_is_refused_before_anything_is_sent()
        {
            foreach (var uri in new[] { "http://api.atlassian.com/", "http://10.0.0.5:8080/", "http://localhost.example.com/" })
            {
                var ex = Assert.Throws<ArgumentException>(() => TransportFactory.RequireSecureUri(new Uri(uri), inProcess: false));
                Assert.Contains("not HTTPS", ex.Message);
            }
            foreach (var uri in new[] { "http://127.0.0.1:5080/", "http://localhost:5080/", "http://[::1]:5080/", "http://[::ffff:127.0.0.1]:5080/", "https://api.atlassian.com/" })
                TransportFactory.RequireSecureUri(new Uri(uri), inProcess: false);
            Assert.False(TransportFactory.CreateSocketHandler(new Uri("http://127.0.0.1:5080/")).UseProxy);
            Assert.True(TransportFactory.CreateSocketHandler(new Uri("https://api.atlassian.com/")).UseProxy);
            Assert.Throws<ArgumentException>(() => TransportFactory.CreateSocketHandler(new Uri("http://api.atlassian.com/")));
        }
    }
}
