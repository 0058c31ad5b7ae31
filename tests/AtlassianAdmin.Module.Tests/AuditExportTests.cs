using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class AuditExportTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static List<string> Ids(PsResult r) => r.Output.Select(o => (string)o.Properties["Id"].Value).ToList();

        private static string TempCheckpoint() => Path.Combine(Path.GetTempPath(), "audit-checkpoint-" + Guid.NewGuid().ToString("N") + ".json");

        [Fact]
        public async Task Export_reads_the_stream_page_by_page_with_names_and_never_the_rate_limited_events_endpoint()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 15 });
            var store = s.Emulator.Store;
            var target = store.Users().First(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId);
            Assert.False(s.Run("Suspend-AtlassianDirectoryUser -AccountId $id -Force", Vars(("id", target.AccountId))).HadErrors);
            s.Emulator.Stats.Reset();
            var r = s.Run("Export-AtlassianAuditEvent -PageSize 4");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(store.Events().Select(e => e.Id).OrderBy(x => x), Ids(r).OrderBy(x => x));
            Assert.Equal(Ids(r).Distinct().Count(), r.Output.Count);
            var suspended = r.Output.Last();
            Assert.Equal("user_suspended", suspended.Properties["Action"].Value);
            Assert.Equal(target.Name, suspended.Properties["TargetUserName"].Value);
            Assert.Equal(target.Email, suspended.Properties["TargetUserEmail"].Value);
            Assert.NotNull(suspended.Properties["ProcessedAt"].Value);
            var routes = s.Emulator.Stats.ByRoute();
            Assert.True(routes["GET /admin/v1/orgs/{orgId}/events-stream"] >= 3);
            Assert.False(routes.ContainsKey("GET /admin/v1/orgs/{orgId}/events"));

            // -From/-To bound by processing time.
            var mid = store.Events().OrderBy(e => e.Time).ElementAt(5).Time;
            var bounded = s.Run("Export-AtlassianAuditEvent -From $from", Vars(("from", mid.UtcDateTime)));
            Assert.Equal(store.Events().Count(e => e.Time >= mid), bounded.Output.Count);
            var bad = s.Run("Export-AtlassianAuditEvent -From ([DateTime]::Now) -To ([DateTime]::Now.AddDays(-1))");
            Assert.Equal("InvalidTimeRange", bad.Error.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async Task A_checkpoint_resumes_scheduled_runs_without_duplicates_or_gaps_even_after_a_stop()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 15 });
            var store = s.Emulator.Store;
            var path = TempCheckpoint();
            try
            {
                var v = Vars(("cp", path));
                // A run that stops part-way through a page (Select-Object -First is tested in Pester).
                var first = s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp -PageSize 3 -MaxEvents 5", v);
                Assert.False(first.HadErrors, first.ErrorText);
                Assert.Equal(5, first.Output.Count);
                Assert.True(File.Exists(path));

                var second = s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp -PageSize 3", v);
                Assert.False(second.HadErrors, second.ErrorText);
                var seen = Ids(first).Concat(Ids(second)).ToList();
                Assert.Equal(store.Events().Select(e => e.Id).OrderBy(x => x), seen.OrderBy(x => x));

                // Nothing new: nothing written. New events: only those.
                Assert.Empty(s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp", v).Output);
                var users = store.Users().Where(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId).Take(2).Select(u => u.AccountId).ToArray();
                Assert.False(s.Run("$ids | Suspend-AtlassianDirectoryUser -Force", Vars(("ids", users))).HadErrors);
                var third = s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp -AsJsonLines", v);
                Assert.False(third.HadErrors, third.ErrorText);
                Assert.Equal(2, third.Output.Count);
                var lines = third.Output.Select(o => JsonDocument.Parse((string)o.BaseObject).RootElement).ToList();
                Assert.All(lines, l => Assert.Equal("user_suspended", l.GetProperty("action").GetString()));
                Assert.Equal(users.OrderBy(x => x), lines.Select(l => l.GetProperty("targetUserId").GetString()).OrderBy(x => x));
                Assert.DoesNotContain(seen, id => lines.Any(l => l.GetProperty("id").GetString() == id));
                var checkpoint = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
                Assert.Equal(store.OrgId, checkpoint.GetProperty("orgId").GetString());
                Assert.Equal(store.Events().Count, checkpoint.GetProperty("exported").GetInt32());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task A_checkpoint_of_another_org_or_garbage_stops_with_a_clear_error()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 5 });
            var path = TempCheckpoint();
            try
            {
                File.WriteAllText(path, "{\"version\":1,\"orgId\":\"someone-else\",\"skip\":0}");
                var other = s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp", Vars(("cp", path)));
                Assert.Equal("CheckpointOrgMismatch", other.Error.FullyQualifiedErrorId.Split(',')[0]);
                File.WriteAllText(path, "not json");
                var garbage = s.Run("Export-AtlassianAuditEvent -CheckpointPath $cp", Vars(("cp", path)));
                Assert.Equal("CheckpointUnreadable", garbage.Error.FullyQualifiedErrorId.Split(',')[0]);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
