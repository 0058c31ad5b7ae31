using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The report is the truth: after Stop every sent write is accounted for; a duplicate row names its twin.</summary>
    public class StopReportTests
    {
        [Fact]
        public async Task After_Stop_every_write_that_reached_the_server_is_in_the_report()
        {
            const int rowCount = 2000;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = rowCount + 400, Latency = TimeSpan.FromMilliseconds(40) });
            var store = s.Emulator.Store;
            var group = store.AddGroup("stop-report");
            var rows = store.Users().Where(u => u.Status == "active").Take(rowCount)
                .Select(u => PsHarness.Row(("group", "stop-report"), ("email", u.Email))).ToList();

            using var ps = PowerShell.Create();
            ps.Runspace = s.Ps.Runspace;
            s.Ps.Runspace.SessionStateProxy.SetVariable("rows", rows);
            ps.AddScript("$rows | Add-AtlassianGroupMember -PassThru -ThrottleLimit 8");
            var output = new PSDataCollection<PSObject>();
            var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
            var deadline = DateTime.UtcNow.AddSeconds(60); // guards against a hang only
            while (output.Count < 40 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.True(output.Count >= 40, "the run did not start");
            ps.Stop();
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

            var streamed = output.Select(o => (int)o.Properties["Index"].Value).ToList();
            var report = s.Run("$AtlassianChangeReport").Output.Select(o => (Index: (int)o.Properties["Index"].Value,
                Outcome: o.Properties["Outcome"].Value.ToString(), AccountId: (string)o.Properties["AccountId"].Value)).ToList();
            // What was written before the stop is the start of the report; nothing is reported twice.
            Assert.Equal(streamed, report.Take(streamed.Count).Select(r => r.Index));
            Assert.Equal(report.Count, report.Select(r => r.Index).Distinct().Count());
            Assert.True(report.Count < rowCount, "the run did not stop");
            // Every member the emulator holds was reported Changed, or Interrupted (sent, answer never came); every
            // Changed row is a member. This holds however late a cancelled request lands.
            var accounted = report.Where(r => r.Outcome == "Changed" || r.Outcome == "Interrupted").Select(r => r.AccountId).ToHashSet();
            var members = store.GroupMembers(group.Id).ToList();
            Assert.All(members, m => Assert.Contains(m, accounted));
            Assert.All(report.Where(r => r.Outcome == "Changed"), r => Assert.Contains(r.AccountId, store.GroupMembers(group.Id)));
            Assert.All(report, r => Assert.Contains(r.Outcome, new[] { "Changed", "Interrupted" }));
        }

        [Fact]
        public async Task A_duplicate_row_is_sent_once_and_says_which_row_it_duplicates()
        {
            await using var s = await ConnectedSession.StartAsync();
            var store = s.Emulator.Store;
            var group = store.AddGroup("dup-rows");
            var users = store.Users().Where(u => u.Status == "active").Take(2).ToList();
            var rows = new[] { users[0], users[1], users[0] }.Select(u => PsHarness.Row(("group", "dup-rows"), ("email", u.Email))).ToList();
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", new Dictionary<string, object> { ["rows"] = rows });
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Unchanged" }, r.Output.Select(o => o.Properties["Outcome"].Value.ToString()));
            Assert.StartsWith("Duplicate of row 1", (string)r.Output[2].Properties["Message"].Value);
            Assert.Equal(2, store.GroupMembers(group.Id).Count);
            Assert.Equal(2, store.Events().Count(e => e.Action == "user_added_to_group" && e.Context.Any(c => c.Key == group.Id)));
        }
    }
}
