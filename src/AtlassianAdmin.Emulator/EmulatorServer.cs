using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtlassianAdmin.Emulator
{
    /// <summary>
    /// Serves a <see cref="SandboxHandler"/> over real HTTP with Kestrel: every request is copied into an
    /// HttpRequestMessage, sent through the handler, and the answer copied back. Injected connection faults abort the connection.
    /// </summary>
    public sealed class EmulatorServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpMessageInvoker _invoker;

        private EmulatorServer(WebApplication app, SandboxHandler handler)
        {
            _app = app;
            Handler = handler;
            _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        }

        public SandboxHandler Handler { get; }

        /// <summary>The bound address (with the real port when started on port 0), e.g. http://127.0.0.1:51234/.</summary>
        public Uri BaseAddress { get; private set; }

        public static async Task<EmulatorServer> StartAsync(SandboxOptions options, string url = "http://127.0.0.1:0")
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(url);
            var app = builder.Build();
            var server = new EmulatorServer(app, new SandboxHandler(options));
            app.Run(server.ForwardAsync);
            await app.StartAsync().ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            server.BaseAddress = new Uri(address.EndsWith("/", StringComparison.Ordinal) ? address : address + "/");
            return server;
        }

        public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _invoker.Dispose();
            Handler.Dispose();
        }

        private async Task ForwardAsync(HttpContext ctx)
        {
            var req = ctx.Request;
            var uri = new Uri(req.Scheme + "://" + req.Host.ToUriComponent() + req.PathBase.ToUriComponent() + req.Path.ToUriComponent() + req.QueryString.ToUriComponent());
            using var message = new HttpRequestMessage(new HttpMethod(req.Method), uri);
            if (req.ContentLength > 0 || req.Headers.ContainsKey("Transfer-Encoding"))
            {
                var buffer = new MemoryStream();
                await req.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
                message.Content = new ByteArrayContent(buffer.ToArray());
            }
            foreach (var h in req.Headers)
            {
                if (string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)) continue;
                if (!message.Headers.TryAddWithoutValidation(h.Key, h.Value.ToArray()))
                    message.Content?.Headers.TryAddWithoutValidation(h.Key, h.Value.ToArray());
            }

            HttpResponseMessage response;
            try
            {
                response = await _invoker.SendAsync(message, ctx.RequestAborted).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                ctx.Abort();   // ConnectionReset / ResponseLost faults: the client sees a dropped connection
                return;
            }
            catch (OperationCanceledException)
            {
                ctx.Abort();
                return;
            }

            using (response)
            {
                ctx.Response.StatusCode = (int)response.StatusCode;
                foreach (var h in response.Headers.Concat(response.Content.Headers))
                {
                    if (string.Equals(h.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
                    ctx.Response.Headers[h.Key] = h.Value.ToArray();
                }
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (body.Length > 0) await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
