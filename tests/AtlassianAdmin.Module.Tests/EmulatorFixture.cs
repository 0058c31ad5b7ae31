using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>A Kestrel emulator on 127.0.0.1 plus a PowerShell runspace connected to it.</summary>
    public sealed class ConnectedSession : IAsyncDisposable
    {
        public const string Key = "module-test-key-71c2e9";
        public EmulatorServer Server { get; private set; }
        public SandboxHandler Emulator => Server.Handler;
        public PsHarness Ps { get; private set; }

        /// <param name="seed">Changes the store before Connect, so Connect's background listings see them
        /// (a directory added after Connect may or may not be in its cache, depending on timing).</param>
        public static async Task<ConnectedSession> StartAsync(SandboxOptions options = null, string name = null, Action<SandboxStore> seed = null)
        {
            options ??= new SandboxOptions();
            options.ApiKey = Key;
            var s = new ConnectedSession { Server = await EmulatorServer.StartAsync(options), Ps = new PsHarness() };
            seed?.Invoke(s.Emulator.Store);
            var connect = s.Ps.Run("Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri" + (name != null ? $" -Name '{name}'" : ""),
                new Dictionary<string, object> { ["key"] = PsHarness.Secure(Key), ["uri"] = s.Server.BaseAddress });
            if (connect.HadErrors) throw new InvalidOperationException(connect.ErrorText);
            return s;
        }

        /// <summary>A site-only connection: -SiteUrl + -Credential (email / API token), no org key.</summary>
        public static async Task<ConnectedSession> StartSiteAsync(SandboxOptions options = null, string extra = " -RequestProject ACCESS", Action<SandboxStore> seed = null)
        {
            options ??= new SandboxOptions();
            options.ApiKey = Key;
            var s = new ConnectedSession { Server = await EmulatorServer.StartAsync(options), Ps = new PsHarness() };
            seed?.Invoke(s.Emulator.Store);
            var credential = new System.Management.Automation.PSCredential(options.JiraEmail, PsHarness.Secure(options.JiraApiToken));
            var connect = s.Ps.Run("Connect-AtlassianOrg -SiteUrl $uri -Credential $cred" + extra,
                new Dictionary<string, object> { ["cred"] = credential, ["uri"] = s.Server.BaseAddress });
            if (connect.HadErrors) throw new InvalidOperationException(connect.ErrorText);
            return s;
        }

        public PsResult Run(string script, IDictionary<string, object> variables = null) => Ps.Run(script, variables);

        public async ValueTask DisposeAsync()
        {
            Ps?.Dispose();
            if (Server != null) await Server.DisposeAsync();
        }
    }
}
