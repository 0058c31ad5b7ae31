using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Tests.Time;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>A dead API fails fast: connection-level failures are retried once, then the connection's breaker opens.</summary>
    public class ConnectionBreakerTests
    {
        /// <summary>A primary handler that refuses every connection (as a stopped server does) and counts the attempts.</summary>
        private sealed class RefusingHandler : HttpMessageHandler
        {
            public int Attempts;
            public bool Up;
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Attempts);
                if (Up) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"data\":[]}") });
                throw new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused));
            }
        }

        private static int ClosedPort()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        [Fact]
        public async Task A_closed_port_is_tried_twice_not_seven_times_and_says_nothing_was_sent()
        {
            using var transport = TransportFactory.CreateBearer(new Uri($"http://127.0.0.1:{ClosedPort()}/"), TestApi.Secure(TestApi.Key), TestApi.FastRetries);
            var org = new OrgClient(transport);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => org.CountUsersAsync("o", "d", null, null, CancellationToken.None));
            Assert.True(ex.IsConnectionFailure);
            Assert.False(ex.IsCircuitOpen);
            Assert.Equal(1, ex.RetryCount);                     // MaxConnectRetries, not MaxRetries
            Assert.Contains("connection refused", ex.Message);
            Assert.Contains("Nothing was sent", ex.Message);
        }

        [Fact]
        public async Task Writes_are_retried_after_a_refused_connection_but_not_after_an_ambiguous_failure()
        {
            var refusing = new RefusingHandler();
            using var transport = TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure(TestApi.Key), TestApi.FastRetries, refusing);
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => transport.SendAsync(HttpMethod.Post, "admin/v1/x", new { a = 1 }, idempotent: false, CancellationToken.None));
            Assert.True(ex.IsConnectionFailure);
            Assert.Equal(2, refusing.Attempts); // refused = nothing sent, so even a non-idempotent write may go again, once

            // A reset after sending is ambiguous: a non-idempotent write is not sent again.
            Assert.False(ResilienceHandler.ShouldRetry(Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset", new System.IO.IOException("Connection reset by peer"))), idempotent: false));
            Assert.True(ResilienceHandler.ShouldRetry(Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset", new System.IO.IOException("Connection reset by peer"))), idempotent: true));
            Assert.False(ResilienceHandler.ShouldRetry(Polly.Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))), idempotent: false, attemptNumber: 1, maxConnectRetries: 1));
        }

        [Fact]
        public async Task After_consecutive_connection_failures_the_breaker_fails_requests_unsent_then_probes_after_the_cooldown()
        {
            var clock = new ManualClock();
            var refusing = new RefusingHandler();
            var options = new ResilienceOptions { MaxConnectRetries = 0, BreakerThreshold = 3, BreakerWindow = TimeSpan.FromSeconds(30), BreakerCooldown = TimeSpan.FromSeconds(30), TimeProvider = clock };
            using var transport = TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure(TestApi.Key), options, refusing);
            for (var i = 0; i < 3; i++)
            {
                var failed = await Assert.ThrowsAsync<AtlassianApiException>(() => transport.GetAsync<object>("admin/v1/orgs", CancellationToken.None));
                Assert.False(failed.IsCircuitOpen);
            }
            Assert.True(transport.Breaker.IsOpen);

            // Open: nothing reaches the network, and the error says why.
            var open = await Assert.ThrowsAsync<AtlassianApiException>(() => transport.GetAsync<object>("admin/v1/orgs", CancellationToken.None));
            Assert.True(open.IsCircuitOpen);
            Assert.True(open.IsConnectionFailure);
            Assert.Equal(3, refusing.Attempts);
            Assert.Contains("was not sent", open.Message);
            Assert.Contains("connection refused", open.Message);

            // After the cool-down one probe goes; the API is back, so the breaker closes.
            refusing.Up = true;
            clock.Advance(TimeSpan.FromSeconds(30));
            await transport.GetAsync<object>("admin/v1/orgs", CancellationToken.None);
            Assert.False(transport.Breaker.IsOpen);
            Assert.Equal(4, refusing.Attempts);
        }

        [Fact]
        public async Task Failures_spread_wider_than_the_window_do_not_open_the_breaker()
        {
            var clock = new ManualClock();
            var refusing = new RefusingHandler();
            var options = new ResilienceOptions { MaxConnectRetries = 0, BreakerThreshold = 3, BreakerWindow = TimeSpan.FromSeconds(10), TimeProvider = clock };
            using var transport = TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure(TestApi.Key), options, refusing);
            for (var i = 0; i < 5; i++)
            {
                await Assert.ThrowsAsync<AtlassianApiException>(() => transport.GetAsync<object>("admin/v1/orgs", CancellationToken.None));
                clock.Advance(TimeSpan.FromSeconds(6)); // two failures per window at most
            }
            Assert.False(transport.Breaker.IsOpen);
            Assert.Equal(5, refusing.Attempts);
        }
    }
}
