using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Progress on long work where a person can see it; none where it only costs time.</summary>
    public class ProgressTests
    {
        private const string Script = @"
            Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri
            $rows | Add-AtlassianGroupMember";

        private static async Task<(PSDataCollection<ProgressRecord> progress, bool hadErrors)> RunAsync(System.Management.Automation.Host.PSHost host, string prelude = "")
        {
            await using var server = await AtlassianAdmin.Emulator.EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "progress-key", UserCount = 120, Latency = TimeSpan.FromMilliseconds(15) });
            var group = server.Handler.Store.AddGroup("progress-target");
            var rows = server.Handler.Store.Users().Where(u => u.Status == "active").Take(80)
                .Select(u => PsHarness.Row(("group", group.Name), ("email", u.Email))).ToArray();
            var iss = InitialSessionState.CreateDefault2();
            using var runspace = host == null ? RunspaceFactory.CreateRunspace(iss) : RunspaceFactory.CreateRunspace(host, iss);
            runspace.Open();
            runspace.SessionStateProxy.SetVariable("key", PsHarness.Secure("progress-key"));
            runspace.SessionStateProxy.SetVariable("uri", server.BaseAddress);
            runspace.SessionStateProxy.SetVariable("rows", rows);
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript($"Import-Module '{PsHarness.ModuleManifest}'; {prelude}; {Script}; Disconnect-AtlassianOrg -All");
            ps.Invoke();
            return (ps.Streams.Progress, ps.HadErrors);
        }

        [Fact]
        public async Task A_host_with_a_UI_gets_progress_for_long_work_ending_in_completed()
        {
            var (progress, hadErrors) = await RunAsync(new UiHost());
            Assert.False(hadErrors);
            var mine = progress.Where(p => p.Activity == "Add-AtlassianGroupMember").ToList();
            Assert.NotEmpty(mine);
            Assert.Contains("done", mine.First().StatusDescription);
            Assert.Equal(ProgressRecordType.Completed, mine.Last().RecordType);
        }

        [Fact]
        public async Task Headless_runspaces_and_SilentlyContinue_get_no_progress()
        {
            var (headless, e1) = await RunAsync(null);
            Assert.False(e1);
            Assert.DoesNotContain(headless, p => p.Activity == "Add-AtlassianGroupMember");

            var (silenced, e2) = await RunAsync(new UiHost(), "$ProgressPreference = 'SilentlyContinue'");
            Assert.False(e2);
            Assert.DoesNotContain(silenced, p => p.Activity == "Add-AtlassianGroupMember");
        }
    }
}
