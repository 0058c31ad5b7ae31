using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Project-role grants coalesce into array requests (and shared reads): counted through the emulator's request
    /// statistics, never timed. Every row keeps its own outcome, in input order.
    /// </summary>
    public class ProjectRoleBatchTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static bool InRole(SandboxStore store, string project, string role, string accountId) =>
            store.ProjectRoleActors(project, role).Any(a => a.AccountId == accountId);

        private static List<SandboxUser> Candidates(SandboxStore store, string project, string role) =>
            JiraSiteTests.JiraUsers(store).Where(u => !InRole(store, project, role, u.AccountId)).ToList();

        private static long Requests(SandboxHandler emulator, string method = null) =>
            emulator.Stats.ByRoute().Where(kv => method == null || kv.Key.StartsWith(method + " ")).Sum(kv => kv.Value);

        [Fact]
        public async Task A_one_role_csv_of_account_ids_costs_at_most_a_tenth_of_a_request_per_row()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 400 });
            var store = s.Emulator.Store;
            var users = Candidates(store, "ACME", "Developers").Take(300).ToList();
            Assert.Equal(300, users.Count);
            var rows = users.Select(u => (object)PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("accountId", u.AccountId))).ToArray();

            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Grant-AtlassianProjectRole -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(users.Select(u => u.AccountId), r.Output.Select(o => (string)o.Properties["AccountId"].Value)); // input order
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.All(users, u => Assert.True(InRole(store, "ACME", "Developers", u.AccountId)));
            var requests = Requests(s.Emulator);
            Assert.True(requests <= rows.Length / 10, $"{requests} requests for {rows.Length} rows");
            Assert.True(Requests(s.Emulator, "POST") <= rows.Length / 25, string.Join(", ", s.Emulator.Stats.ByRoute().Select(kv => kv.Key + "=" + kv.Value)));
        }

        [Fact]
        public async Task A_one_role_csv_of_emails_resolves_them_through_the_org_directory_in_batches()
        {
            var options = new SandboxOptions { UserCount = 400, ApiKey = ConnectedSession.Key };
            await using var server = await EmulatorServer.StartAsync(options);
            using var ps = new PsHarness();
            var cred = new PSCredential(options.JiraEmail, PsHarness.Secure(options.JiraApiToken));
            var connect = ps.Run("Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("uri", server.BaseAddress), ("cred", cred)));
            Assert.False(connect.HadErrors, connect.ErrorText);
            var store = server.Handler.Store;
            var users = Candidates(store, "OPS", "Users").Take(200).ToList();
            var rows = users.Select(u => (object)PsHarness.Row(("project", "OPS"), ("role", "Users"), ("email", u.Email))).ToArray();

            server.Handler.Stats.Reset();
            var r = ps.Run("$rows | Grant-AtlassianProjectRole -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(users.Select(u => u.Email), r.Output.Select(o => (string)o.Properties["Email"].Value));
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.All(users, u => Assert.True(InRole(store, "OPS", "Users", u.AccountId)));
            var byRoute = server.Handler.Stats.ByRoute();
            Assert.DoesNotContain(byRoute.Keys, k => k.Contains("/user/search")); // no per-email site search
            var requests = byRoute.Values.Sum();
            Assert.True(requests <= rows.Length / 10, $"{requests} requests for {rows.Length} rows: {string.Join(", ", byRoute.Select(kv => kv.Key + "=" + kv.Value))}");
        }

        [Fact]
        public async Task A_refused_batch_is_sent_again_row_by_row_and_each_row_keeps_its_outcome()
        {
            // The emulator refuses more than 3 actors per request, so every batch of this run is refused first.
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 120, MaxRoleActorsPerRequest = 3 });
            var store = s.Emulator.Store;
            var users = Candidates(store, "WEB", "Users").Take(8).ToList();
            var already = store.ProjectRoleActors("WEB", "Developers").First(a => a.AccountId != null).AccountId;
            var rows = new List<object>();
            rows.AddRange(users.Take(4).Select(u => PsHarness.Row(("project", "WEB"), ("role", "Users"), ("accountId", u.AccountId))));
            rows.Add(PsHarness.Row(("project", "WEB"), ("role", "Users"), ("accountId", users[1].AccountId)));        // a repeat
            rows.Add(PsHarness.Row(("project", "WEB"), ("role", "Users"), ("accountId", "557058:00000000-0000-0000-0000-000000000000"))); // unknown
            rows.AddRange(users.Skip(4).Select(u => PsHarness.Row(("project", "WEB"), ("role", "Users"), ("accountId", u.AccountId))));
            rows.Add(PsHarness.Row(("project", "WEB"), ("role", "Developers"), ("accountId", already)));               // already there
            rows.Add(PsHarness.Row(("project", "WEB"), ("role", "Users"), ("group", "marketing")));

            var r = s.Run("$rows | Grant-AtlassianProjectRole -PassThru", Vars(("rows", rows.ToArray())));
            Assert.Equal(new[] { "Changed", "Changed", "Changed", "Changed", "Unchanged", "Failed", "Changed", "Changed", "Changed", "Changed", "Unchanged", "Changed" },
                r.Output.Select(Outcome));
            Assert.Equal("UserNotFound", r.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Same(rows[5], r.Errors.Single().TargetObject);
            Assert.All(users, u => Assert.True(InRole(store, "WEB", "Users", u.AccountId)));
            Assert.Contains(store.ProjectRoleActors("WEB", "Users"), a => a.GroupName == "marketing");
        }

        [Fact]
        public async Task Revokes_read_each_role_once_and_send_one_delete_per_actor()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 120 });
            var store = s.Emulator.Store;
            var users = Candidates(store, "ACME", "Users").Take(30).ToList();
            var rows = users.Select(u => (object)PsHarness.Row(("project", "ACME"), ("role", "Users"), ("accountId", u.AccountId))).ToArray();
            Assert.False(s.Run("$rows | Grant-AtlassianProjectRole", Vars(("rows", rows))).HadErrors);

            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Revoke-AtlassianProjectRole -Force -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.All(users, u => Assert.False(InRole(store, "ACME", "Users", u.AccountId)));
            var byRoute = s.Emulator.Stats.ByRoute();
            Assert.Equal(1, byRoute.Where(kv => kv.Key.StartsWith("GET ") && kv.Key.EndsWith("/role/{id}")).Sum(kv => kv.Value));
            Assert.Equal(rows.Length, Requests(s.Emulator, "DELETE")); // Jira's DELETE takes one actor
        }
    }
}
