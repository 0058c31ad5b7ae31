using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace AtlassianAdmin.Bench
{
    /// <summary>A hosted PowerShell engine with the built module imported and connected to the emulator.</summary>
    internal sealed class Engine : IDisposable
    {
        public Runspace Runspace { get; }

        /// <param name="site">Also connect the emulator's Jira site (email + API token), for -Site listings and project roles.</param>
        public Engine(Uri emulator = null, bool import = true, bool site = false)
        {
            Runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            Runspace.Open();
            if (import) Run($"Import-Module '{Paths.Module}' -ErrorAction Stop");
            if (emulator != null)
            {
                var key = new SecureString();
                foreach (var c in EmulatorProcess.Key) key.AppendChar(c);
                var token = new SecureString();
                foreach (var c in EmulatorProcess.JiraToken) token.AppendChar(c);
                var variables = new Dictionary<string, object> { ["k"] = key, ["u"] = emulator, ["c"] = new PSCredential(EmulatorProcess.JiraEmail, token) };
                Run("Connect-AtlassianOrg -ApiKey $k -ApiBaseUri $u" + (site ? " -SiteUrl $u -Credential $c" : ""), variables);
            }
        }

        public IList<PSObject> Run(string script, IDictionary<string, object> variables = null)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = Runspace;
            if (variables != null) foreach (var kv in variables) Runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);
            ps.AddScript(script);
            var result = ps.Invoke();
            if (ps.Streams.Error.Count > 0) throw new InvalidOperationException("Script failed: " + ps.Streams.Error[0]);
            return result;
        }

        public void Dispose() => Runspace.Dispose();
    }
}
