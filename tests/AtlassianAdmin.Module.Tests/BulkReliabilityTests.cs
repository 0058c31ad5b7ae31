using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using AtlassianAdmin.Tests.Time;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Bulk work under faults and cancellation: every row accounted for, no effect applied twice.</summary>
    public class BulkReliabilityTests
    {
        private static readonly SandboxFault[] AmbiguousAndTransient =
        {
            SandboxFault.ServiceUnavailable, SandboxFault.BadGateway, SandboxFault.ConnectionReset,
            SandboxFault.Timeout, SandboxFault.MalformedJson, SandboxFault.ResponseLost,
        };

        private static List<PSObject> Rows(string group, IEnumerable<string> emails) =>
            emails.Select(e => PsHarness.Row(("group", group), ("email", e))).ToList();

        [Fact]
        public async Task Rows_past_the_change_window_share_their_user_lookups()
        {
            // Past the first 2,048 rows, items are admitted as earlier ones finish. Admitted one at a time (a write every
            // 4 ms at this rate limit, longer than the lookups' 3 ms linger), each row's email lookup went alone: a
            // rate-limited 5,000-row run spent more than half its tokens on searches.
            const int rowCount = 2600;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions
            {
                UserCount = rowCount * 5 / 4 + 50, Latency = TimeSpan.FromMilliseconds(5), RateLimitPerSecond = 250, RateLimitBurst = 25,
            });
            var store = s.Emulator.Store;
            store.AddGroup("window-target");
            var emails = store.Users().Where(u => u.Status == "active").Take(rowCount).Select(u => u.Email).ToList();
            Assert.Equal(rowCount, emails.Count);
            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", new Dictionary<string, object> { ["rows"] = Rows("window-target", emails) });
            Assert.Empty(r.Errors);
            Assert.Equal(rowCount, r.Output.Count(o => o.Properties["Outcome"].Value.ToString() == "Changed"));
            var searches = s.Emulator.Stats.ByRoute().Where(kv => kv.Key.EndsWith("/users/search", StringComparison.Ordinal)).Sum(kv => kv.Value);
            // 30 searches if every batch were full; one per 25 rows leaves room for the partial batches at chunk edges.
            Assert.True(searches <= rowCount / 25, $"{searches} user searches for {rowCount} rows");
        }

        [Fact]
        public async Task A_bulk_role_grant_reads_its_users_roles_without_a_pool_thread_each()
        {
            // Each row reads its user's role assignments (a cursor listing). Read by enumerating on a pool thread, every
            // row held a thread while its page was on its way, and the pool had to grow by about a thread per waiting row
            // before the HTTP continuations could run (a 2,000-row run sent nothing for 18 s). Every answer is held on a
            // fake clock and released a round at a time, so 300 reads wait at once; read asynchronously they hold no
            // thread. Measured here: the pool grew by about 18 threads (PowerShell, the emulator, timers), by about 77
            // when each read held one. The count is what is asserted, never how long the run took.
            const int rowCount = 300;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = rowCount * 5 / 4 + 50 });
            var store = s.Emulator.Store;
            var rows = store.Users().Where(u => u.Status == "active").Skip(1).Take(rowCount)
                .Select(u => PsHarness.Row(("account_id", u.AccountId), ("workspace", store.JiraResourceId), ("role", "atlassian/user"))).ToList();
            Assert.Equal(rowCount, rows.Count);
            var clock = new ManualClock();
            s.Emulator.Options.TimeProvider = clock;
            s.Emulator.Options.Latency = TimeSpan.FromSeconds(1);
            s.Emulator.Stats.Reset();
            int threadsAtStart = ThreadPool.ThreadCount, mostThreads = threadsAtStart, rounds = 0;

            var run = Task.Factory.StartNew(() => s.Run("$rows | Grant-AtlassianUserRole -PassThru", new Dictionary<string, object> { ["rows"] = rows }),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            while (!run.IsCompleted)
            {
                // A round: the requests the last answers let out, once no more arrive; then they are answered together.
                int held = -1;
                while (!run.IsCompleted && (held != clock.Pending.Count || held == 0))
                {
                    held = clock.Pending.Count;
                    mostThreads = Math.Max(mostThreads, ThreadPool.ThreadCount);
                    await Task.Delay(100);
                }
                clock.Advance(TimeSpan.FromSeconds(1));
                Assert.True(++rounds < 200, "the run did not finish");
            }
            var r = await run;

            Assert.Empty(r.Errors);
            Assert.Equal(rowCount, r.Output.Count); // Changed, or Unchanged for the seeded users who had the role
            Assert.Equal(rowCount, s.Emulator.Stats.ByRoute().Where(kv => kv.Key.EndsWith("/role-assignments", StringComparison.Ordinal)).Sum(kv => kv.Value));
            Assert.True(mostThreads - threadsAtStart < 48, $"the thread pool grew from {threadsAtStart} to {mostThreads} threads while {rowCount} role reads waited");
        }

        [Fact]
        public async Task Thousands_of_rows_under_ten_percent_faults_each_get_exactly_one_outcome_and_a_rerun_finishes()
        {
            const int rowCount = 1500;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions
            {
                UserCount = rowCount + 400, TimeoutFaultDelay = TimeSpan.FromMilliseconds(200), RetryAfterSeconds = 1, RandomSeedForFaults = 7,
            });
            var store = s.Emulator.Store;
            var group = store.AddGroup("bulk-target");
            var emails = store.Users().Where(u => u.Status == "active").Take(rowCount).Select(u => u.Email).ToList();
            Assert.Equal(rowCount, emails.Count);
            var rows = Rows("bulk-target", emails);

            // ~10% of requests fail in every way the client must survive, plus a few 429s with Retry-After.
            s.Emulator.Faults.Rate = 0.10;
            s.Emulator.Options.FaultKinds = AmbiguousAndTransient;
            s.Emulator.Faults.InjectNext(SandboxFault.TooManyRequests, 4);
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", new Dictionary<string, object> { ["rows"] = rows });
            var injected = s.Emulator.Faults.Injected;
            s.Emulator.Faults.Rate = 0;
            s.Emulator.Faults.Clear();
            Assert.True(injected > rowCount / 20, $"only {injected} faults were injected");

            // Exactly one outcome per row, in input order.
            Assert.Equal(Enumerable.Range(1, rowCount), r.Output.Select(o => (int)o.Properties["Index"].Value));
            var outcomes = r.Output.Select(o => o.Properties["Outcome"].Value.ToString()).ToList();
            Assert.All(outcomes, o => Assert.Contains(o, new[] { "Changed", "Failed" }));
            var failed = outcomes.Count(o => o == "Failed");
            Assert.Equal(failed, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.IsType<PSObject>(e.TargetObject));

            // The emulator holds exactly the rows reported Changed (an ambiguous failure may have landed: then it is a member
            // although reported Failed, and the re-run reports it Unchanged).
            var members = store.GroupMembers(group.Id).ToHashSet();
            var changedIds = r.Output.Where(o => o.Properties["Outcome"].Value.ToString() == "Changed").Select(o => (string)o.Properties["AccountId"].Value).ToList();
            Assert.All(changedIds, id => Assert.Contains(id, members));
            // No effect applied twice: one audit event per added member, however often requests were retried.
            var addEvents = store.Events().Where(e => e.Action == "user_added_to_group" && e.Context.Any(c => c.Key == group.Id)).ToList();
            Assert.Equal(members.Count, addEvents.Count);

            // Re-running the same input finishes the job: nothing fails, and only the rows missing before are written.
            var again = s.Run("$rows | Add-AtlassianGroupMember -PassThru", new Dictionary<string, object> { ["rows"] = rows });
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Equal(rowCount - members.Count, again.Output.Count(o => o.Properties["Outcome"].Value.ToString() == "Changed"));
            var expected = emails.Select(e => store.FindUserByEmail(e).AccountId).OrderBy(x => x);
            Assert.Equal(expected, store.GroupMembers(group.Id).OrderBy(x => x));
        }

        [Fact]
        public async Task Stopping_mid_run_is_prompt_and_reports_only_finished_rows()
        {
            const int rowCount = 2000;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = rowCount + 400, Latency = TimeSpan.FromMilliseconds(40) });
            var store = s.Emulator.Store;
            var group = store.AddGroup("stop-target");
            var emails = store.Users().Where(u => u.Status == "active").Take(rowCount).Select(u => u.Email).ToList();
            var rows = Rows("stop-target", emails);

            using var ps = PowerShell.Create();
            ps.Runspace = s.Ps.Runspace;
            s.Ps.Runspace.SessionStateProxy.SetVariable("rows", rows);
            ps.AddScript("$rows | Add-AtlassianGroupMember -PassThru -ThrottleLimit 4");
            var output = new PSDataCollection<PSObject>();
            var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
            await Eventually.Until(() => output.Count >= 20, "the run started");

            // From now on every request hangs for an hour: Stop can only return promptly by cancelling them.
            s.Emulator.Options.Latency = TimeSpan.FromHours(1);
            var requestsBefore = s.Emulator.Stats.Requests;
            await Eventually.Until(() => s.Emulator.Stats.Requests > requestsBefore, "a request is hanging");
            Eventually.Returns(ps.Stop, "Stop (with requests hanging for an hour)");
            Assert.True(ps.InvocationStateInfo.State == PSInvocationState.Stopped, ps.InvocationStateInfo.State.ToString());
            var membersAtStop = store.GroupMembers(group.Id).Count;
            var requestsAtStop = s.Emulator.Stats.Requests;
            s.Emulator.Options.Latency = TimeSpan.Zero;

            // Nothing half-reported: every reported result is complete and true of the emulator; most rows never ran.
            var reported = output.ToList();
            Assert.InRange(reported.Count, 20, rowCount - 1);
            var members = store.GroupMembers(group.Id).ToHashSet();
            foreach (var o in reported)
            {
                Assert.Equal("Changed", o.Properties["Outcome"].Value.ToString());
                Assert.Contains((string)o.Properties["AccountId"].Value, members);
            }
            Assert.Equal(Enumerable.Range(1, reported.Count), reported.Select(o => (int)o.Properties["Index"].Value));
            // Nothing goes on after Stop: a later command on the same connection finishes, and meanwhile the stopped run
            // sent nothing new (its own one request, plus at most the few sends already on the wire at Stop, -ThrottleLimit
            // 4); at most those few writes landed after Stop. A run that went on would add hundreds.
            var later = s.Run("Get-AtlassianUserCount");
            Assert.False(later.HadErrors, later.ErrorText);
            Assert.InRange(s.Emulator.Stats.Requests - requestsAtStop, 1, 1 + 4);
            Assert.InRange(store.GroupMembers(group.Id).Count - membersAtStop, 0, 4);
        }
    }
}
