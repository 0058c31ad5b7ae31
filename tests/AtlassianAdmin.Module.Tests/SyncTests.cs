using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Desired-state group membership: plan, apply through the shared engine, idempotence, malformed rows, removal threshold.</summary>
    public class SyncTests
    {
        private const string Memberships = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships";
        private const string Unmemberships = "DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}";
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string S(PSObject o, string name) => o.Properties[name].Value?.ToString();

        private sealed class Fixture
        {
            public SandboxGroup Developers, Marketing, Jira;
            public List<SandboxUser> DevMembers, Outsiders, MarketingMembers;
            public object[] Rows;
        }

        /// <summary>developers: 2 members kept + 2 outsiders added (by email and by accountId); marketing: 1 member kept.</summary>
        private static Fixture Desired(SandboxStore store)
        {
            var f = new Fixture
            {
                Developers = store.FindGroupByName("developers"),
                Marketing = store.FindGroupByName("marketing"),
                Jira = store.FindGroupByName("jira-software-users"),
            };
            var dev = store.GroupMembers(f.Developers.Id).ToHashSet();
            f.DevMembers = dev.Select(store.FindUser).Where(u => u.Email != null).Take(2).ToList();
            f.Outsiders = store.Users().Where(u => !dev.Contains(u.AccountId) && u.Status == "active").Take(2).ToList();
            f.MarketingMembers = store.GroupMembers(f.Marketing.Id).Select(store.FindUser).Take(1).ToList();
            f.Rows = new object[]
            {
                PsHarness.Row(("group", "developers"), ("email", f.DevMembers[0].Email)),
                PsHarness.Row(("group", "developers"), ("email", f.Outsiders[0].Email)),
                PsHarness.Row(("group", "Developers"), ("accountId", f.Outsiders[1].AccountId), ("email", "")),
                PsHarness.Row(("group", "developers"), ("email", f.DevMembers[1].Email.ToUpperInvariant())),
                PsHarness.Row(("group", "marketing"), ("email", f.MarketingMembers[0].Email)),
            };
            return f;
        }

        [Fact]
        public async Task Compare_plans_adds_and_only_with_RemoveUnlisted_removals_in_named_groups()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 40, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var f = Desired(store);
            var v = Vars(("rows", f.Rows));

            var adds = s.Run("$rows | Compare-AtlassianGroupMembership", v);
            Assert.False(adds.HadErrors, adds.ErrorText);
            Assert.All(adds.Output, o => Assert.Equal("Add", S(o, "Action")));
            Assert.Equal(f.Outsiders.Select(u => u.AccountId), adds.Output.Select(o => S(o, "AccountId")));
            Assert.Equal(new[] { "2", "3" }, adds.Output.Select(o => S(o, "Row")));

            var withKeep = s.Run("$rows | Compare-AtlassianGroupMembership -IncludeKeep", v);
            Assert.Equal(new[] { "Keep", "Add", "Add", "Keep", "Keep" }, withKeep.Output.Select(o => S(o, "Action")));

            var full = s.Run("$rows | Compare-AtlassianGroupMembership -RemoveUnlisted", v);
            Assert.False(full.HadErrors, full.ErrorText);
            var removals = full.Output.Where(o => S(o, "Action") == "Remove").ToList();
            var expectedRemovals = store.GroupMembers(f.Developers.Id).Except(f.DevMembers.Select(u => u.AccountId))
                .Concat(store.GroupMembers(f.Marketing.Id).Except(f.MarketingMembers.Select(u => u.AccountId))).OrderBy(x => x);
            Assert.Equal(expectedRemovals, removals.Select(o => S(o, "AccountId")).OrderBy(x => x));
            Assert.DoesNotContain(full.Output, o => S(o, "Group") == "jira-software-users");   // groups not named are never touched
            Assert.All(removals, o => Assert.Null(o.Properties["Row"].Value));
        }

        [Fact]
        public async Task Sync_applies_the_plan_through_the_engine_and_a_rerun_has_nothing_to_do()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 40, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var f = Desired(store);
            var v = Vars(("rows", f.Rows));
            var jiraBefore = store.GroupMembers(f.Jira.Id).OrderBy(x => x).ToList();
            var planned = s.Run("$rows | Compare-AtlassianGroupMembership -RemoveUnlisted", v).Output.Count;

            var whatIf = s.Run("$rows | Sync-AtlassianGroupMembership -RemoveUnlisted -WhatIf -PassThru", v);
            Assert.All(whatIf.Output, o => Assert.Equal("WhatIf", S(o, "Outcome")));
            Assert.Equal(planned, whatIf.Output.Count);
            Assert.DoesNotContain(f.Outsiders[0].AccountId, store.GroupMembers(f.Developers.Id));   // nothing sent

            var r = s.Run("$rows | Sync-AtlassianGroupMembership -RemoveUnlisted -Force -PassThru", v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(planned, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", S(o, "Outcome")));
            Assert.Equal(f.DevMembers.Concat(f.Outsiders).Select(u => u.AccountId).OrderBy(x => x), store.GroupMembers(f.Developers.Id).OrderBy(x => x));
            Assert.Equal(f.MarketingMembers.Select(u => u.AccountId), store.GroupMembers(f.Marketing.Id));
            Assert.Equal(jiraBefore, store.GroupMembers(f.Jira.Id).OrderBy(x => x).ToList());

            s.Emulator.Stats.Reset();
            Assert.Empty(s.Run("$rows | Compare-AtlassianGroupMembership -RemoveUnlisted", v).Output);
            var again = s.Run("$rows | Sync-AtlassianGroupMembership -RemoveUnlisted -Force -PassThru", v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Empty(again.Output);
            var routes = s.Emulator.Stats.ByRoute();
            Assert.False(routes.ContainsKey(Memberships) || routes.ContainsKey(Unmemberships));
        }

        [Fact]
        public async Task Malformed_rows_are_reported_with_their_row_and_the_others_go_on()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 40, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var f = Desired(store);
            var hr = store.Groups().Single(g => g.ExternalSynced);
            var bad = new Dictionary<string, PSObject>
            {
                ["UnknownColumn"] = PsHarness.Row(("group", "developers"), ("email", f.Outsiders[0].Email), ("dept", "R&D")),
                ["UserIdentityMissing"] = PsHarness.Row(("group", "marketing"), ("email", " ")),
                ["GroupNotFound"] = PsHarness.Row(("group", "no-such-group"), ("email", f.Outsiders[0].Email)),
                ["UserNotFound"] = PsHarness.Row(("group", "developers"), ("email", "ghost@acme-sandbox.example")),
                ["InvalidEmail"] = PsHarness.Row(("group", "developers"), ("email", "not-an-email")),
                ["GroupExternallyManaged"] = PsHarness.Row(("group", hr.Name), ("email", f.Outsiders[0].Email)),
                ["GroupMissing"] = PsHarness.Row(("email", f.Outsiders[0].Email), ("group", "")),
            };
            var good = PsHarness.Row(("group", "marketing"), ("email", f.Outsiders[1].Email));
            var rows = bad.Values.Cast<object>().Concat(new object[] { good }).ToArray();
            var marketingBefore = store.GroupMembers(f.Marketing.Id).Count;

            var r = s.Run("$rows | Sync-AtlassianGroupMembership -RemoveUnlisted -Force -PassThru", Vars(("rows", rows)));
            Assert.Null(r.Terminating);
            Assert.Equal(bad.Count, r.Errors.Count);
            foreach (var (id, row) in bad)
            {
                var e = r.Errors.Single(x => x.FullyQualifiedErrorId.StartsWith(id + ",") || x.FullyQualifiedErrorId == id);
                Assert.Same(row.BaseObject, ((PSObject)e.TargetObject).BaseObject);
            }
            // The good row was applied; marketing had a malformed row, so its unlisted members were kept (with a warning).
            Assert.Contains(f.Outsiders[1].AccountId, store.GroupMembers(f.Marketing.Id));
            Assert.Equal(marketingBefore + 1, store.GroupMembers(f.Marketing.Id).Count);
            Assert.Contains(r.Warnings, w => w.Contains("marketing") && w.Contains("malformed"));
            Assert.Single(r.Output);
            // -IgnoreColumn accepts extra columns.
            var ignored = s.Run("$row | Compare-AtlassianGroupMembership -IgnoreColumn dept", Vars(("row", bad["UnknownColumn"])));
            Assert.False(ignored.HadErrors, ignored.ErrorText);
            Assert.Equal("Add", S(ignored.Output.Single(), "Action"));
        }

        [Fact]
        public async Task A_large_removal_asks_even_with_Confirm_false_and_stops_unattended_unless_Force()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 40, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var jira = store.FindGroupByName("jira-software-users");
            var members = store.GroupMembers(jira.Id).ToList();
            Assert.True(members.Count > 20);
            var keep = store.FindUser(members[0]);
            var v = Vars(("row", PsHarness.Row(("group", "jira-software-users"), ("email", keep.Email))));

            var stopped = s.Run("$row | Sync-AtlassianGroupMembership -RemoveUnlisted -Confirm:$false -PassThru", v);
            Assert.True(stopped.HadErrors);
            Assert.Empty(stopped.Output);
            Assert.StartsWith("RemovalThresholdExceeded", stopped.Error.FullyQualifiedErrorId);
            Assert.Contains("-MaxRemovals", stopped.Error.Exception.Message);
            Assert.Equal(members.Count, store.GroupMembers(jira.Id).Count);

            // Raising the thresholds is a deliberate choice too; -Force applies.
            var forced = s.Run("$row | Sync-AtlassianGroupMembership -RemoveUnlisted -Force -PassThru", v);
            Assert.False(forced.HadErrors, forced.ErrorText);
            Assert.Equal(members.Count - 1, forced.Output.Count);
            Assert.Equal(new[] { keep.AccountId }, store.GroupMembers(jira.Id));
        }
    }
}

namespace AtlassianAdmin.Module.Tests
{
    public class RunbookTests
    {
        [Fact]
        public void Nightly_access_sync_runbook_parses_and_uses_only_exported_cmdlets_of_the_module()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PsHarness.ModuleManifest)!, "..", "..", "examples", "nightly-access-sync.ps1");
            var ast = System.Management.Automation.Language.Parser.ParseFile(path, out _, out var errors);
            Assert.Empty(errors);
            var used = ast.FindAll(a => a is System.Management.Automation.Language.CommandAst, true)
                .Select(a => ((System.Management.Automation.Language.CommandAst)a).GetCommandName())
                .Where(n => n != null && n.Contains("-Atlassian")).Distinct().ToList();
            using var ps = new PsHarness();
            var exported = ps.Run("(Get-Module AtlassianAdmin).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).ToHashSet();
            Assert.All(used, n => Assert.Contains(n, exported));
            Assert.Contains("Sync-AtlassianGroupMembership", used);
            Assert.Contains("Sync-AtlassianProjectRole", used);
        }
    }
}
