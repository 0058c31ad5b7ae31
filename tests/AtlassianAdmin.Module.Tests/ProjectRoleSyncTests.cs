using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Desired-state project roles: plan, apply through the shared engine, idempotence, named pairs only, actor kinds, malformed rows, threshold.</summary>
    public class ProjectRoleSyncTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string S(PSObject o, string name) => o.Properties[name].Value?.ToString();
        private static bool InRole(SandboxStore store, string project, string role, string accountId) =>
            store.ProjectRoleActors(project, role).Any(a => a.AccountId == accountId);

        /// <summary>Every role's actors as sortable text ("u:id" / "g:id"), to compare whole-site state.</summary>
        private static Dictionary<string, List<string>> Snapshot(SandboxStore store) =>
            store.Projects().SelectMany(p => p.Roles.Keys.Select(r => (p.Key, r)))
                .ToDictionary(x => x.Key + " " + x.r, x => Actors(store, x.Key, x.r));

        private static List<string> Actors(SandboxStore store, string project, string role) =>
            store.ProjectRoleActors(project, role).Select(a => a.Type == "group" ? "g:" + a.GroupId : "u:" + a.AccountId).OrderBy(x => x).ToList();

        private static bool Wrote(SandboxHandler emulator) =>
            emulator.Stats.ByRoute().Keys.Any(k => k.StartsWith("POST") || k.StartsWith("DELETE") || k.StartsWith("PUT"));

        private sealed class Fixture
        {
            public List<SandboxUser> Users;
            public SandboxUser AcmeDev;
            public SandboxGroup Developers, Marketing, JiraUsers;
            public object[] Rows;
        }

        /// <summary>
        /// ACME Developers (seed: group developers + one user) should be: users[0] (email), users[1] (accountId), the existing
        /// user (Keep), group marketing. OPS Users (seed: group jira-software-users; users[3] granted here) should be users[2].
        /// </summary>
        private static Fixture Desired(ConnectedSession s)
        {
            var store = s.Emulator.Store;
            var f = new Fixture
            {
                Developers = store.FindGroupByName("developers"), Marketing = store.FindGroupByName("marketing"),
                JiraUsers = store.FindGroupByName("jira-software-users"),
            };
            var acmeDev = store.ProjectRoleActors("ACME", "Developers").Single(a => a.Type == "user").AccountId;
            f.AcmeDev = store.FindUser(acmeDev);
            f.Users = JiraSiteTests.JiraUsers(store).Where(u => u.Email != null && !InRole(store, "ACME", "Developers", u.AccountId) && !InRole(store, "OPS", "Users", u.AccountId)).Take(4).ToList();
            var grant = s.Run("Grant-AtlassianProjectRole OPS Users -Email $e", Vars(("e", f.Users[3].Email)));
            Assert.False(grant.HadErrors, grant.ErrorText);
            f.Rows = new object[]
            {
                PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", f.Users[0].Email), ("group", "")),
                PsHarness.Row(("project", "ACME"), ("role", "developers"), ("accountId", f.Users[1].AccountId), ("email", ""), ("group", "")),
                PsHarness.Row(("project", "acme"), ("role", "Developers"), ("email", f.AcmeDev.Email.ToUpperInvariant()), ("group", "")),
                PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", ""), ("group", "marketing")),
                PsHarness.Row(("project", "OPS"), ("role", "Users"), ("email", f.Users[2].Email), ("group", "")),
            };
            return f;
        }

        [Fact]
        public async Task Compare_plans_adds_and_only_with_RemoveUnlisted_removals_in_named_roles()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var f = Desired(s);
            var v = Vars(("rows", f.Rows));

            var adds = s.Run("$rows | Compare-AtlassianProjectRole", v);
            Assert.False(adds.HadErrors, adds.ErrorText);
            Assert.All(adds.Output, o => Assert.Equal("Add", S(o, "Action")));
            Assert.Equal(new[] { "1", "2", "4", "5" }, adds.Output.Select(o => S(o, "Row")));
            Assert.Equal(new[] { f.Users[0].AccountId, f.Users[1].AccountId, null, f.Users[2].AccountId }, adds.Output.Select(o => S(o, "AccountId")));
            Assert.Equal(f.Marketing.Id, S(adds.Output[2], "GroupId"));
            Assert.Equal("Group", S(adds.Output[2], "ActorType"));
            Assert.Equal("ACME", S(adds.Output[0], "Project"));
            Assert.Equal("Developers", S(adds.Output[1], "Role"));
            Assert.Equal($"Add {f.Users[0].Email} to ACME Developers", adds.Output[0].ToString());
            // Flat for Export-Csv: plain columns only, nothing of the internal step interface.
            var columns = s.Run("@($rows | Compare-AtlassianProjectRole)[0].PSObject.Properties | ForEach-Object Name", v);
            Assert.Equal("Action,Project,Role,ActorType,Actor,AccountId,Email,Name,Group,GroupId,Reason,Row,RoleId", string.Join(",", columns.Output));

            var withKeep = s.Run("$rows | Compare-AtlassianProjectRole -IncludeKeep", v);
            Assert.Equal(new[] { "Add", "Add", "Keep", "Add", "Add" }, withKeep.Output.Select(o => S(o, "Action")));

            var full = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted", v);
            Assert.False(full.HadErrors, full.ErrorText);
            var removals = full.Output.Where(o => S(o, "Action") == "Remove").ToList();
            // ACME Developers lists users and a group: the unlisted developers group goes. OPS Users lists only users: its group stays.
            Assert.Equal(2, removals.Count);
            Assert.Equal(("ACME", "Developers", "Group", f.Developers.Id), (S(removals[0], "Project"), S(removals[0], "Role"), S(removals[0], "ActorType"), S(removals[0], "GroupId")));
            Assert.Equal(("OPS", "Users", f.Users[3].AccountId, f.Users[3].Email), (S(removals[1], "Project"), S(removals[1], "Role"), S(removals[1], "AccountId"), S(removals[1], "Email")));
            Assert.All(removals, o => Assert.Null(o.Properties["Row"].Value));
            Assert.Equal("Remove group developers from ACME Developers", removals[0].ToString());
        }

        [Fact]
        public async Task Sync_reaches_exactly_the_desired_state_and_a_rerun_has_an_empty_plan()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var f = Desired(s);
            var v = Vars(("rows", f.Rows));
            var before = Snapshot(store);
            var planned = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted", v).Output.Count;
            Assert.Equal(6, planned);

            // -WhatIf: every step reported, no write sent.
            s.Emulator.Stats.Reset();
            var whatIf = s.Run("$rows | Sync-AtlassianProjectRole -RemoveUnlisted -WhatIf -PassThru", v);
            Assert.False(whatIf.HadErrors, whatIf.ErrorText);
            Assert.Equal(planned, whatIf.Output.Count);
            Assert.All(whatIf.Output, o => Assert.Equal("WhatIf", S(o, "Outcome")));
            Assert.False(Wrote(s.Emulator));
            Assert.Equal(before, Snapshot(store));

            var r = s.Run("$rows | Sync-AtlassianProjectRole -RemoveUnlisted -Force -PassThru", v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(planned, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", S(o, "Outcome")));
            Assert.Equal(new[] { "Grant project role", "Grant project role", "Grant project role", "Grant project role", "Revoke project role", "Revoke project role" },
                r.Output.Select(o => S(o, "Action")).OrderBy(x => x));
            Assert.Contains(r.Output, o => S(o, "Resource") == "ACME Developers" && S(o, "Target") == "group developers");

            var expected = new Dictionary<string, List<string>>(before)
            {
                ["ACME Developers"] = new[] { "u:" + f.Users[0].AccountId, "u:" + f.Users[1].AccountId, "u:" + f.AcmeDev.AccountId, "g:" + f.Marketing.Id }.OrderBy(x => x).ToList(),
                ["OPS Users"] = new[] { "u:" + f.Users[2].AccountId, "g:" + f.JiraUsers.Id }.OrderBy(x => x).ToList(),
            };
            Assert.Equal(expected, Snapshot(store));

            // Plan → apply → plan: empty, and a second sync sends nothing.
            s.Emulator.Stats.Reset();
            Assert.Empty(s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted", v).Output);
            var again = s.Run("$rows | Sync-AtlassianProjectRole -RemoveUnlisted -Confirm:$false -PassThru", v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Empty(again.Output);
            Assert.False(Wrote(s.Emulator));
            Assert.Equal(expected, Snapshot(store));
        }

        [Fact]
        public async Task Plan_steps_piped_from_Compare_apply_as_they_are_and_stale_steps_are_Unchanged()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var f = Desired(s);
            var r = s.Run(@"
                $plan = $rows | Compare-AtlassianProjectRole -RemoveUnlisted
                Grant-AtlassianProjectRole ACME Developers -Email $e     # someone else did one step meanwhile
                $plan | Sync-AtlassianProjectRole -Confirm:$false -PassThru", Vars(("rows", f.Rows), ("e", f.Users[0].Email)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(6, r.Output.Count);
            Assert.Equal("Unchanged", S(r.Output.Single(o => S(o, "AccountId") == f.Users[0].AccountId), "Outcome"));
            Assert.Equal(5, r.Output.Count(o => S(o, "Outcome") == "Changed"));
            Assert.Contains(store.ProjectRoleActors("ACME", "Developers"), a => a.GroupId == f.Marketing.Id);
            Assert.False(InRole(store, "OPS", "Users", f.Users[3].AccountId));
        }

        [Fact]
        public async Task RemoveUnlisted_touches_only_named_roles_and_ActorType_selects_the_kinds_on_an_org_and_site_connection()
        {
            await using var s = await ConnectedSession.StartAsync();
            var o = s.Emulator.Options;
            var both = s.Run("Connect-AtlassianOrg -Name both -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("uri", s.Server.BaseAddress), ("cred", new PSCredential(o.JiraEmail, PsHarness.Secure(o.JiraApiToken)))));
            Assert.False(both.HadErrors, both.ErrorText);
            var store = s.Emulator.Store;
            var before = Snapshot(store);
            var lead = store.Projects().Single(p => p.Key == "ACME").LeadAccountId;
            var siteAdmins = store.FindGroupByName("site-admins");
            var developers = store.FindGroupByName("developers");
            var newcomer = JiraSiteTests.JiraUsers(store).First(u => u.Email != null && !InRole(store, "ACME", "Administrators", u.AccountId));
            // ACME Administrators (seed: group site-admins + the lead) is named with one group row and one user row.
            var rows = new object[]
            {
                PsHarness.Row(("project", "ACME"), ("role", "Administrators"), ("group", "developers")),
                PsHarness.Row(("project", "ACME"), ("role", "Administrators"), ("group", "developers"), ("email", "")),   // the same actor twice
            };
            var v = Vars(("rows", rows));

            // Listed (default): only groups are listed for the role, so only groups are managed: site-admins goes, the lead stays.
            var listed = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted -Connection both", v);
            Assert.False(listed.HadErrors, listed.ErrorText);
            Assert.Equal(new[] { "Add developers", "Remove site-admins" }, listed.Output.Select(x => S(x, "Action") + " " + S(x, "Actor")));
            var user = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted -ActorType User -Connection both", v);
            Assert.Equal(new[] { "Add", "Remove" }, user.Output.Select(x => S(x, "Action")));
            Assert.Equal(lead, S(user.Output[1], "AccountId"));
            var all = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted -ActorType All -Connection both", v);
            Assert.Equal(new[] { "Add", "Remove", "Remove" }, all.Output.Select(x => S(x, "Action")));
            Assert.Contains(all.Output, x => S(x, "AccountId") == lead);

            var r = s.Run("$rows | Sync-AtlassianProjectRole -RemoveUnlisted -ActorType Group -Force -PassThru -Connection both", v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(2, r.Output.Count);
            var expected = new Dictionary<string, List<string>>(before)
            {
                ["ACME Administrators"] = new[] { "g:" + developers.Id, "u:" + lead }.OrderBy(x => x).ToList(),
            };
            Assert.Equal(expected, Snapshot(store));   // every other role of every project is as it was
            Assert.DoesNotContain(Actors(store, "ACME", "Administrators"), a => a == "g:" + siteAdmins.Id);
            Assert.Contains("g:" + siteAdmins.Id, Actors(store, "OPS", "Administrators"));

            // The same file without -RemoveUnlisted never removes; a user row adds and the groups stay.
            var add = s.Run("$row | Sync-AtlassianProjectRole -ActorType All -Force -PassThru -Connection both",
                Vars(("row", PsHarness.Row(("project", "ACME"), ("role", "Administrators"), ("email", newcomer.Email)))));
            Assert.False(add.HadErrors, add.ErrorText);
            Assert.Equal("Changed", S(add.Output.Single(), "Outcome"));
            Assert.Equal(3, store.ProjectRoleActors("ACME", "Administrators").Count);
        }

        [Fact]
        public async Task Malformed_rows_are_reported_with_their_row_and_the_others_go_on()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var users = JiraSiteTests.JiraUsers(store).Where(u => u.Email != null && !InRole(store, "ACME", "Developers", u.AccountId) && !InRole(store, "WEB", "Developers", u.AccountId)).Take(3).ToList();
            var acmeDev = store.ProjectRoleActors("ACME", "Developers").Single(a => a.Type == "user").AccountId;
            var webDev = store.ProjectRoleActors("WEB", "Developers").Single(a => a.Type == "user").AccountId;
            var bad = new Dictionary<string, PSObject>
            {
                ["UnknownColumn"] = PsHarness.Row(("project", "WEB"), ("role", "Developers"), ("email", users[0].Email), ("dept", "R&D")),
                ["UserIdentityMissing"] = PsHarness.Row(("project", "OPS"), ("role", "Developers"), ("email", " ")),
                ["ProjectNotFound"] = PsHarness.Row(("project", "NOPE"), ("role", "Users"), ("email", users[0].Email)),
                ["RoleNotFound"] = PsHarness.Row(("project", "ACME"), ("role", "Testers"), ("email", users[0].Email)),
                ["GroupNotFound"] = PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("group", "no-such-group")),
                ["UserNotFound"] = PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", "ghost@nowhere.example")),
                ["InvalidEmail"] = PsHarness.Row(("project", "OPS"), ("role", "Users"), ("email", "not-an-email")),
                ["AmbiguousActor"] = PsHarness.Row(("project", "ACME"), ("role", "Users"), ("email", users[0].Email), ("group", "marketing")),
                ["RoleMissing"] = PsHarness.Row(("project", "ACME"), ("role", ""), ("email", users[0].Email)),
            };
            var good = new object[]
            {
                PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", users[1].Email)),
                PsHarness.Row(("project", "WEB"), ("role", "Developers"), ("email", users[2].Email)),
            };
            var rows = bad.Values.Cast<object>().Concat(good).ToArray();

            // With a row missing its role, any role may be meant: the plan has no removal at all.
            var plan = s.Run("$rows | Compare-AtlassianProjectRole -RemoveUnlisted", Vars(("rows", rows)));
            Assert.Equal(bad.Count, plan.Errors.Count);
            Assert.Equal(new[] { "Add", "Add" }, plan.Output.Select(o => S(o, "Action")));
            Assert.Contains(plan.Warnings, w => w.StartsWith("ACME Developers") && w.Contains("malformed"));

            var withoutRoleMissing = rows.Where(x => !ReferenceEquals(x, bad["RoleMissing"])).ToArray();
            var r = s.Run("$rows | Sync-AtlassianProjectRole -RemoveUnlisted -Force -PassThru", Vars(("rows", withoutRoleMissing)));
            Assert.Null(r.Terminating);
            Assert.Equal(bad.Count - 1, r.Errors.Count);
            foreach (var (id, row) in bad.Where(b => b.Key != "RoleMissing"))
            {
                var e = r.Errors.Single(x => x.FullyQualifiedErrorId.StartsWith(id + ",") || x.FullyQualifiedErrorId == id);
                Assert.Same(row.BaseObject, ((PSObject)e.TargetObject).BaseObject);
                Assert.Contains("Row ", e.Exception.Message);
            }
            Assert.Contains("Valid roles: Administrators, Developers, Users", r.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("RoleNotFound")).Exception.Message);
            // Good rows applied. ACME Developers had only "not found" rows (they cannot name an actor), so its unlisted user
            // went; WEB Developers had a malformed row, so its unlisted user was kept, with a warning.
            Assert.True(InRole(store, "ACME", "Developers", users[1].AccountId));
            Assert.False(InRole(store, "ACME", "Developers", acmeDev));
            Assert.True(InRole(store, "WEB", "Developers", users[2].AccountId));
            Assert.True(InRole(store, "WEB", "Developers", webDev));
            Assert.Contains(r.Warnings, w => w.StartsWith("WEB Developers") && w.Contains("malformed"));
            Assert.Equal(3, r.Output.Count);   // two adds, one removal

            // -IgnoreColumn accepts extra columns.
            var ignored = s.Run("$row | Compare-AtlassianProjectRole -IgnoreColumn dept", Vars(("row", bad["UnknownColumn"])));
            Assert.False(ignored.HadErrors, ignored.ErrorText);
            Assert.Equal("Add", S(ignored.Output.Single(), "Action"));
        }

        [Fact]
        public async Task A_large_removal_asks_even_with_Confirm_false_and_stops_unattended_unless_Force()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var newcomer = JiraSiteTests.JiraUsers(store).First(u => u.Email != null && !InRole(store, "ACME", "Developers", u.AccountId));
            var before = Actors(store, "ACME", "Developers");
            Assert.Equal(2, before.Count);   // group developers + one user
            var v = Vars(("row", PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", newcomer.Email))));

            // Both actors (100% of the role) would go.
            s.Emulator.Stats.Reset();
            var stopped = s.Run("$row | Sync-AtlassianProjectRole -RemoveUnlisted -ActorType All -Confirm:$false -PassThru", v);
            Assert.True(stopped.HadErrors);
            Assert.Empty(stopped.Output);
            Assert.StartsWith("RemovalThresholdExceeded", stopped.Error.FullyQualifiedErrorId);
            Assert.Contains("actors of ACME Developers", stopped.Error.Exception.Message);
            Assert.False(Wrote(s.Emulator));
            Assert.Equal(before, Actors(store, "ACME", "Developers"));

            // Raising the share is not enough when the total is over -MaxRemovals.
            var total = s.Run("$row | Sync-AtlassianProjectRole -RemoveUnlisted -ActorType All -MaxRemovalPercent 100 -MaxRemovals 1 -Confirm:$false", v);
            Assert.StartsWith("RemovalThresholdExceeded", total.Error.FullyQualifiedErrorId);
            Assert.Contains("-MaxRemovals 1", total.Error.Exception.Message);
            Assert.Equal(before, Actors(store, "ACME", "Developers"));

            // -WhatIf never asks; raised thresholds or -Force apply.
            Assert.All(s.Run("$row | Sync-AtlassianProjectRole -RemoveUnlisted -ActorType All -WhatIf -PassThru", v).Output, o => Assert.Equal("WhatIf", S(o, "Outcome")));
            var forced = s.Run("$row | Sync-AtlassianProjectRole -RemoveUnlisted -ActorType All -Force -PassThru", v);
            Assert.False(forced.HadErrors, forced.ErrorText);
            Assert.Equal(3, forced.Output.Count);
            Assert.Equal(new[] { "u:" + newcomer.AccountId }, Actors(store, "ACME", "Developers"));
        }

        [Fact]
        public async Task A_connection_without_a_site_stops_with_NoJiraSite()
        {
            await using var s = await ConnectedSession.StartAsync();
            var r = s.Run("[pscustomobject]@{ project = 'ACME'; role = 'Users'; email = 'a@b.example' } | Compare-AtlassianProjectRole");
            Assert.StartsWith("NoJiraSite", r.Error.FullyQualifiedErrorId);
            var sync = s.Run("[pscustomobject]@{ project = 'ACME'; role = 'Users'; email = 'a@b.example' } | Sync-AtlassianProjectRole -Force");
            Assert.StartsWith("NoJiraSite", sync.Error.FullyQualifiedErrorId);
        }
    }
}
