using System;
using System.Security;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>A client wired to the emulator, either over real loopback HTTP (Kestrel) or in-process.</summary>
    public sealed class TestApi : IAsyncDisposable
    {
        public const string Key = "test-key-3f9a7c1e5b";
        public static readonly ResilienceOptions FastRetries = new ResilienceOptions
        {
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(30),
        };

        private EmulatorServer _server;
        public SandboxHandler Sandbox { get; private set; }
        public OrgClient Org { get; private set; }
        public ApiTransport Transport { get; private set; }
        public string OrgId => Sandbox.Store.OrgId;
        public string DirectoryId => Sandbox.Store.DirectoryId;

        public static async Task<TestApi> OverHttpAsync(SandboxOptions options = null, ResilienceOptions resilience = null, string key = Key)
        {
            options ??= new SandboxOptions();
            options.ApiKey = Key;
            var api = new TestApi { _server = await EmulatorServer.StartAsync(options) };
            api.Sandbox = api._server.Handler;
            api.Transport = TransportFactory.CreateBearer(api._server.BaseAddress, Secure(key), resilience ?? FastRetries);
            api.Org = new OrgClient(api.Transport);
            return api;
        }

        public static TestApi InProcess(SandboxOptions options = null, ResilienceOptions resilience = null, string key = Key)
        {
            options ??= new SandboxOptions();
            options.ApiKey = Key;
            var api = new TestApi { Sandbox = new SandboxHandler(options) };
            api.Transport = TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), Secure(key), resilience ?? FastRetries, api.Sandbox);
            api.Org = new OrgClient(api.Transport);
            return api;
        }

        public static SecureString Secure(string s)
        {
            var ss = new SecureString();
            foreach (var c in s) ss.AppendChar(c);
            ss.MakeReadOnly();
            return ss;
        }

        public async ValueTask DisposeAsync()
        {
            Transport?.Dispose();
            if (_server != null) await _server.DisposeAsync();
            else Sandbox?.Dispose();
        }
    }
}
