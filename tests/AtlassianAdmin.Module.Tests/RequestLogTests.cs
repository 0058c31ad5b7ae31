using System.Linq;
using System.Management.Automation;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The request log (-Verbose) of each cmdlet in a pipeline holds its own requests, not its neighbour's.</summary>
    public class RequestLogTests
    {
        [Fact]
        public void In_a_pipeline_each_cmdlet_logs_its_own_requests()
        {
            using var harness = new PsHarness();
            var setup = harness.Run("Connect-AtlassianOrg -Sandbox -SandboxUserCount 150; New-AtlassianGroup -Name log-target | Out-Null");
            Assert.False(setup.HadErrors, setup.ErrorText);

            using var ps = PowerShell.Create();
            ps.Runspace = harness.Runspace;
            // Listing 120 users takes several pages, read while the downstream cmdlet is already running.
            ps.AddScript("Get-AtlassianUser -Status active -First 120 -Verbose | Add-AtlassianGroupMember -Group log-target -Verbose");
            ps.Invoke();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));

            var lines = ps.Streams.Verbose.Where(v => v.Message.Contains(" -> ")).Select(v => (Command: v.InvocationInfo?.MyCommand?.Name, v.Message)).ToList();
            // Both cmdlets search users (the listing's pages; the member lookups), so attribute by cmdlet: the listing's
            // pages, read while Add-AtlassianGroupMember is already running, must stay in Get-AtlassianUser's log.
            var fromGet = lines.Where(l => l.Command == "Get-AtlassianUser").ToList();
            var writes = lines.Where(l => l.Message.Contains("/memberships")).ToList();
            Assert.True(fromGet.Count >= 2, "expected the listing's pages in Get-AtlassianUser's log:\n" + string.Join("\n", lines));
            Assert.All(fromGet, l => Assert.Contains("/users/search", l.Message));
            Assert.NotEmpty(writes);
            Assert.All(writes, l => Assert.Equal("Add-AtlassianGroupMember", l.Command));
        }
    }
}
