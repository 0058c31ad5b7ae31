using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>One hung write does not stall a bulk run: the rest is dispatched and finished while it hangs; output stays in input order.</summary>
    public class HeadOfLineTests
    {
        [Fact]
        public async Task A_hung_first_write_does_not_hold_back_the_other_rows_and_output_stays_in_input_order()
        {
            const int rowCount = 900; // more than the engine's old fixed window of 512 reported-or-not items
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = rowCount + 300, TimeoutFaultDelay = TimeSpan.FromMinutes(10) });
            var store = s.Emulator.Store;
            var group = store.AddGroup("head-of-line");
            var users = store.Users().Where(u => u.Status == "active").Take(rowCount).ToList();
            var rows = users.Select(u => PsHarness.Row(("group", "head-of-line"), ("email", u.Email))).ToList();
            // The first membership write hangs (10 minutes, far past any timeout) until the client gives up on it. The
            // write timeout (2 min) must outlast writing the other 899 rows: seconds on a quiet machine, up to half a
            // minute on a loaded 2-core one (3 s and 30 s timeouts both let the retry land first there).
            // Only a write (POST): the plan's read of the group's members goes to the same path.
            s.Emulator.Faults.InjectNext(SandboxFault.Timeout, 1, "/memberships", "POST");
            s.Run("[AtlassianAdmin.Engine.InternalHooks]::SetTestHook('EngineSettings.WriteAttemptTimeout', [timespan]'00:02:00')");
            try
            {
                using var ps = PowerShell.Create();
                ps.Runspace = s.Ps.Runspace;
                s.Ps.Runspace.SessionStateProxy.SetVariable("rows", rows);
                ps.AddScript("$rows | Add-AtlassianGroupMember -PassThru");
                var output = new PSDataCollection<PSObject>();
                var run = ps.BeginInvoke<PSObject, PSObject>(null, output);

                // While the head write hangs, every other row is written (the guard below only stops a hang).
                var deadline = DateTime.UtcNow.AddSeconds(100); // a hang guard, inside the 2 min write timeout
                while (store.GroupMembers(group.Id).Count < rowCount - 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
                var membersWhileHung = store.GroupMembers(group.Id).Count;
                var reportedWhileHung = output.Count;
                Assert.Equal(rowCount - 1, membersWhileHung);
                // Whichever row's write hung (rows are dispatched as their plans finish, so not always the first), nothing at
                // or after it is reported before it: output stays in input order.
                var members = store.GroupMembers(group.Id).ToHashSet();
                var hungRow = users.FindIndex(u => !members.Contains(u.AccountId)) + 1;
                Assert.InRange(hungRow, 1, rowCount);
                Assert.True(reportedWhileHung < hungRow, $"{reportedWhileHung} rows reported while row {hungRow} hung");

                // The write's own timeout (not the 100 s read default) ends the hang; the retry lands; all in input order.
                await Task.Factory.FromAsync(run, _ => { });
                Assert.Equal(Enumerable.Range(1, rowCount), output.Select(o => (int)o.Properties["Index"].Value));
                Assert.All(output, o => Assert.Equal("Changed", o.Properties["Outcome"].Value.ToString()));
                Assert.Equal(rowCount, store.GroupMembers(group.Id).Count);
            }
            finally
            {
                s.Run("[AtlassianAdmin.Engine.InternalHooks]::SetTestHook('EngineSettings.WriteAttemptTimeout', [timespan]'00:00:10')");
            }
        }
    }
}
