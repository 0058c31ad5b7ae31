using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// The group cmdlets against the Jira site's groups (a site-only connection, or -Site on a combined one): the same
    /// input forms, idempotency and results as org groups, proven through emulator state and request counts.
    /// </summary>
    public class SiteGroupTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static string ErrorId(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];
        private static long Jira(ConnectedSession s, string method, string path) =>
            s.Emulator.Stats.ByRoute().Where(kv => kv.Key == method + " /rest/api/3" + path).Sum(kv => kv.Value);
        private static long OrgWrites(ConnectedSession s) =>
            s.Emulator.Stats.ByRoute().Where(kv => !kv.Key.StartsWith("GET ") && kv.Key.Contains("/admin/") && !kv.Key.EndsWith("/search")).Sum(kv => kv.Value);

        [Fact]
        public async Task Site_groups_list_get_count_and_members_on_a_site_only_connection()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 30, DefaultPageSize = 2 });
            var store = s.Emulator.Store;
            var all = s.Run("Get-AtlassianGroup");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(store.Groups().Select(g => g.Id).OrderBy(x => x), all.Output.Select(o => (string)o.Properties["GroupId"].Value).OrderBy(x => x));
            Assert.All(all.Output, o => Assert.Equal("AtlassianAdmin.Models.JiraGroup", o.BaseObject.GetType().FullName));
            var dev = store.FindGroupByName("developers");
            var first = all.Output.Single(o => (string)o.Properties["GroupId"].Value == dev.Id);
            Assert.Equal(dev.Id, first.Properties["Id"].Value);
            Assert.Equal("developers", first.ToString());

            Assert.Equal(new[] { "developers" }, s.Run("Get-AtlassianGroup -Name 'DEV*'").Output.Select(o => o.ToString()));
            Assert.Equal(new[] { "developers" }, s.Run("Get-AtlassianGroup developers").Output.Select(o => o.ToString()));
            Assert.Empty(s.Run("Get-AtlassianGroup -Name dev").Output);
            Assert.Equal(2, s.Run("Get-AtlassianGroup -First 2").Output.Count);
            Assert.Equal("developers", s.Run("Get-AtlassianGroup -GroupId $id", Vars(("id", dev.Id))).Output.Single().ToString());
            Assert.Equal("GroupNotFound", ErrorId(s.Run("Get-AtlassianGroup -GroupId 00000000-0000-0000-0000-000000000000").Error));

            var member = store.FindUser(store.GroupMembers(dev.Id).First(id => JiraSiteTests.JiraUsers(store).Any(u => u.AccountId == id)));
            var expected = member.GroupIds.Select(id => store.FindGroup(id).Name).OrderBy(x => x).ToList();
            var ofUser = s.Run("Get-AtlassianUser -AccountId $a | Get-AtlassianGroup", Vars(("a", member.AccountId)));
            Assert.False(ofUser.HadErrors, ofUser.ErrorText);
            Assert.Equal(expected, ofUser.Output.Select(o => o.ToString()).OrderBy(x => x));
            Assert.Equal(expected, s.Run("Get-AtlassianGroup -Email $e", Vars(("e", member.Email))).Output.Select(o => o.ToString()).OrderBy(x => x));

            Assert.Equal((long)store.Groups().Count, (long)s.Run("Get-AtlassianGroupCount").Output.Single().BaseObject);
            Assert.Equal(1L, (long)s.Run("Get-AtlassianGroupCount -SearchTerm confluence").Output.Single().BaseObject);

            var sw = store.FindGroupByName("jira-software-users");
            var members = store.GroupMembers(sw.Id).OrderBy(x => x).ToList();
            Assert.True(members.Count > 2);
            foreach (var script in new[] { "Get-AtlassianGroupMember -Group jira-software-users", "Get-AtlassianGroupMember $id", "Get-AtlassianGroup jira-software-users | Get-AtlassianGroupMember" })
            {
                var r = s.Run(script, Vars(("id", sw.Id)));
                Assert.False(r.HadErrors, script + ": " + r.ErrorText);
                Assert.Equal(members, r.Output.Select(o => (string)o.Properties["AccountId"].Value).OrderBy(x => x));
                Assert.All(r.Output, o => Assert.Equal("AtlassianAdmin.Models.JiraUser", o.BaseObject.GetType().FullName));
            }
            Assert.Equal("GroupNotFound", ErrorId(s.Run("Get-AtlassianGroupMember -Group no-such-group").Error));

            var dir = s.Run("Get-AtlassianGroup -DirectoryId abc");
            Assert.Equal("ParameterNotSupportedOnSite", ErrorId(dir.Error));
            Assert.Contains("-DirectoryId", dir.Error.Exception.Message);
        }

        [Fact]
        public async Task Site_groups_are_created_once_and_deleted_with_the_member_count_in_the_prompt()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 20 });
            var store = s.Emulator.Store;
            var created = s.Run("New-AtlassianGroup -Name approvers");
            Assert.False(created.HadErrors, created.ErrorText);
            var g = store.FindGroupByName("approvers");
            Assert.Equal(g.Id, created.Output.Single().Properties["GroupId"].Value);
            Assert.Equal("AtlassianAdmin.Models.JiraGroup", created.Output.Single().BaseObject.GetType().FullName);

            var dup = s.Run("New-AtlassianGroup -Name Approvers");
            Assert.Equal("GroupAlreadyExists", ErrorId(dup.Error));
            Assert.Equal(ErrorCategory.ResourceExists, dup.Error.CategoryInfo.Category);
            Assert.Contains(g.Id, dup.Error.Exception.Message);

            s.Emulator.Stats.Reset();
            var existing = s.Run("New-AtlassianGroup -Name approvers -IfExists Return");
            Assert.False(existing.HadErrors, existing.ErrorText);
            Assert.Equal(g.Id, existing.Output.Single().Properties["GroupId"].Value);
            Assert.Equal(0, Jira(s, "POST", "/group"));

            var rows = new object[] { PsHarness.Row(("group", "reviewers")), "auditors", PsHarness.Row(("GroupName", "reviewers")) };
            var r = s.Run("$rows | New-AtlassianGroup -IfExists Return -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            // Rows 1 and 3 name the same group: it is created once. Plans finish in any order, so either row may be the
            // one that created it; the other is Unchanged (a duplicate of that row, or the group already there).
            var outcomes = r.Output.Select(Outcome).ToList();
            Assert.Equal("Changed", outcomes[1]);
            Assert.Equal(new[] { "Changed", "Unchanged" }, new[] { outcomes[0], outcomes[2] }.OrderBy(o => o));
            Assert.Single(store.Groups(), x => x.Name == "reviewers");
            Assert.NotNull(store.FindGroupByName("auditors"));

            var whatIf = s.Run("New-AtlassianGroup -Name never-made -WhatIf");
            Assert.False(whatIf.HadErrors, whatIf.ErrorText);
            Assert.Null(store.FindGroupByName("never-made"));
            Assert.Equal("ParameterNotSupportedOnSite", ErrorId(s.Run("New-AtlassianGroup -Name x -Description y").Error));

            // The created group pipes into Add-AtlassianGroupMember.
            var user = JiraSiteTests.JiraUsers(store)[0];
            var filled = s.Run("New-AtlassianGroup -Name approvers -IfExists Return | Add-AtlassianGroupMember -Email $e -PassThru", Vars(("e", user.Email)));
            Assert.False(filled.HadErrors, filled.ErrorText);
            Assert.Equal("Changed", Outcome(filled.Output.Single()));
            Assert.Contains(user.AccountId, store.GroupMembers(g.Id));

            var marketing = store.FindGroupByName("marketing");
            s.Emulator.Stats.Reset();
            var preview = s.Run("Remove-AtlassianGroup -Group marketing -WhatIf -PassThru");
            Assert.Equal("WhatIf", Outcome(preview.Output.Single()));
            Assert.Equal(0, Jira(s, "DELETE", "/group"));
            Assert.NotNull(store.FindGroup(marketing.Id));
            var asked = s.Run("Get-AtlassianGroup marketing | Remove-AtlassianGroup -Confirm:$false -Verbose -PassThru");
            Assert.False(asked.HadErrors, asked.ErrorText);
            Assert.Contains(asked.Verbose, v => v.Contains($"Its {marketing.MemberCount} member"));
            Assert.Null(store.FindGroup(marketing.Id));

            var bad = new object[] { "no-such-group", PsHarness.Row(("group", "auditors")), "hr-synced" };
            var removed = s.Run("$rows | Remove-AtlassianGroup -Force -PassThru", Vars(("rows", bad)));
            Assert.Equal(new[] { "Failed", "Changed", "Failed" }, removed.Output.Select(Outcome));
            Assert.Equal(new[] { "GroupNotFound", "GroupExternallyManaged" }, removed.Errors.Select(ErrorId));
            Assert.Equal("no-such-group", removed.Errors[0].TargetObject is PSObject p ? p.BaseObject : removed.Errors[0].TargetObject);
            Assert.Null(store.FindGroupByName("auditors"));
            Assert.NotNull(store.FindGroupByName("hr-synced"));
        }

        [Fact]
        public async Task Site_create_whose_group_cannot_be_read_back_fails_alone_saying_it_was_created_and_how_to_get_it()
        {
            // POST /group answers without groupId (jira.js's Group model) and /group/bulk does not list the group yet.
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 5, JiraCreateGroupNotReadBack = true });
            var store = s.Emulator.Store;
            var r = s.Run("'lagging', 'developers' | New-AtlassianGroup -IfExists Return -PassThru");
            Assert.Equal(new[] { "Failed", "Unchanged" }, r.Output.Select(Outcome));   // one outcome per row, the next row goes on
            var e = r.Errors.Single();
            Assert.Equal("CreatedNotReadBack", ErrorId(e));
            Assert.Equal(ErrorCategory.ResourceUnavailable, e.CategoryInfo.Category);
            Assert.Equal("lagging", e.TargetObject.ToString());
            Assert.Contains("was created", e.Exception.Message);
            Assert.Contains("Get-AtlassianGroup 'lagging' -Site", e.Exception.Message);
            Assert.Contains("-IfExists Return", e.ErrorDetails.RecommendedAction);
            Assert.NotNull(store.FindGroupByName("lagging"));                          // it was created, once (never retried)
            Assert.Equal(1, Jira(s, "POST", "/group"));

            // Without -PassThru a New- cmdlet writes what it creates: no row may be Changed without its object.
            var quiet = s.Run("New-AtlassianGroup -Name lagging-too");
            Assert.Equal("CreatedNotReadBack", ErrorId(quiet.Error));
            Assert.Empty(quiet.Output);

            store.CatchUpGroupListings();
            var got = s.Run("New-AtlassianGroup -Name lagging -IfExists Return; Get-AtlassianGroup 'lagging-too'");
            Assert.False(got.HadErrors, got.ErrorText);
            Assert.Equal(new[] { store.FindGroupByName("lagging").Id, store.FindGroupByName("lagging-too").Id }, got.Output.Select(o => (string)o.Properties["GroupId"].Value));
        }

        [Fact]
        public async Task Site_members_are_added_from_every_input_form_idempotently_and_removed()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 30 });
            var store = s.Emulator.Store;
            var g = store.AddGroup("approvers");
            var users = JiraSiteTests.JiraUsers(store).Take(6).ToList();
            Assert.Equal(6, users.Count);
            var rows = new object[]
            {
                PsHarness.Row(("group", "approvers"), ("email", users[2].Email)),
                PsHarness.Row(("group_name", "approvers"), ("account_id", users[3].AccountId)),
                PsHarness.Row(("groupId", g.Id), ("EmailAddress", users[4].Email)),
            };
            var script = @"
                Get-AtlassianUser -AccountId $u0 | Add-AtlassianGroupMember -Group approvers -PassThru
                Get-AtlassianGroup approvers | ForEach-Object { Add-AtlassianGroupMember -Group $_ -AccountId $u1 -PassThru }
                $rows | Add-AtlassianGroupMember -PassThru
                $e5 | Add-AtlassianGroupMember $gid -PassThru";
            var v = Vars(("u0", users[0].AccountId), ("u1", users[1].AccountId), ("rows", rows), ("e5", users[5].Email), ("gid", g.Id));
            var r = s.Run(script, v);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(6, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.Equal(users.Select(u => u.AccountId).OrderBy(x => x), store.GroupMembers(g.Id).OrderBy(x => x));
            Assert.Equal("group approvers", r.Output[0].Properties["Resource"].Value);
            Assert.Equal(users[5].AccountId, r.Output[5].Properties["AccountId"].Value);

            s.Emulator.Stats.Reset();
            var again = s.Run(script, v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.Equal(0, Jira(s, "POST", "/group/user"));
            Assert.True(Jira(s, "GET", "/group/member") <= 4, "one member listing per invocation");

            var other = JiraSiteTests.JiraUsers(store).First(u => !store.GroupMembers(g.Id).Contains(u.AccountId));
            s.Emulator.Stats.Reset();
            var whatIf = s.Run("Add-AtlassianGroupMember -Group approvers -Email $e -WhatIf -PassThru; Remove-AtlassianGroupMember -Group approvers -AccountId $a -WhatIf -PassThru",
                Vars(("e", other.Email), ("a", users[0].AccountId)));
            Assert.Equal(new[] { "WhatIf", "WhatIf" }, whatIf.Output.Select(Outcome));
            Assert.Equal(0, Jira(s, "POST", "/group/user") + Jira(s, "DELETE", "/group/user"));
            Assert.Equal(6, store.GroupMembers(g.Id).Count);

            s.Emulator.Stats.Reset();
            var removed = s.Run("$ids | Remove-AtlassianGroupMember -Group approvers -PassThru", Vars(("ids", new[] { users[0].AccountId, other.AccountId, users[0].AccountId })));
            Assert.False(removed.HadErrors, removed.ErrorText);
            Assert.Equal(new[] { "Changed", "Unchanged", "Unchanged" }, removed.Output.Select(Outcome));
            Assert.DoesNotContain(users[0].AccountId, store.GroupMembers(g.Id));
            Assert.Equal(1, Jira(s, "DELETE", "/group/user"));
            Assert.Equal("ParameterNotSupportedOnSite", ErrorId(s.Run("Add-AtlassianGroupMember -Group approvers -AccountId $a -DirectoryId d", Vars(("a", users[0].AccountId))).Error));

            // A user who becomes a member behind our back after the member listing: Jira answers 400 "already a member",
            // which is Unchanged too (the row is not a failure).
            var late = JiraSiteTests.JiraUsers(store).Where(u => !store.GroupMembers(g.Id).Contains(u.AccountId)).Take(2).ToList();
            s.Emulator.Stats.Reset();
            var raced = s.Run(@"
                & {
                    $first
                    for ($i = 0; $i -lt 1000 -and -not $stats.ByRoute().ContainsKey('GET /rest/api/3/group/member'); $i++) { [System.Threading.Thread]::Sleep(10) }
                    [System.Threading.Thread]::Sleep(200)
                    $store.AddMember($gid, $late)
                    $late
                } | Add-AtlassianGroupMember -Group approvers -PassThru",
                Vars(("first", late[0].AccountId), ("late", late[1].AccountId), ("stats", s.Emulator.Stats), ("store", store), ("gid", g.Id)));
            Assert.False(raced.HadErrors, raced.ErrorText);
            Assert.Equal(new[] { "Changed", "Unchanged" }, raced.Output.Select(Outcome));
            Assert.Equal(2, Jira(s, "POST", "/group/user"));
            Assert.Contains(late[1].AccountId, store.GroupMembers(g.Id));
        }

        [Fact]
        public async Task Site_bad_rows_fail_alone_with_the_row_as_target()
        {
            string other = null;
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 20 }, seed: st => other = st.AddDirectory("Contractors"));
            var store = s.Emulator.Store;
            var g = store.AddGroup("approvers");
            store.AddGroup("shared-name");
            store.AddGroup("shared-name", directoryId: other);
            var good = JiraSiteTests.JiraUsers(store).Take(2).ToList();
            var rows = new[]
            {
                PsHarness.Row(("group", "approvers"), ("email", good[0].Email)),
                PsHarness.Row(("group", "no-such-group"), ("email", good[1].Email)),
                PsHarness.Row(("group", "approvers"), ("email", "ghost@acme-sandbox.example")),
                PsHarness.Row(("group", "shared-name"), ("email", good[1].Email)),
                PsHarness.Row(("group", "hr-synced"), ("email", good[1].Email)),
                PsHarness.Row(("email", good[1].Email)),
                PsHarness.Row(("group", "approvers"), ("email", good[1].Email)),
            };
            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Changed", "Failed", "Failed", "Failed", "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "GroupNotFound", "UserNotFound", "AmbiguousGroup", "GroupExternallyManaged", "GroupMissing" }, r.Errors.Select(ErrorId));
            for (var i = 0; i < r.Errors.Count; i++)
                Assert.Same(rows[new[] { 1, 2, 3, 4, 5 }[i]].BaseObject, ((PSObject)r.Errors[i].TargetObject).BaseObject);
            Assert.Contains(store.Groups().Where(x => x.Name == "shared-name").Select(x => x.Id).First(), r.Errors[2].Exception.Message);
            Assert.Equal(ErrorCategory.PermissionDenied, r.Errors[3].CategoryInfo.Category);
            Assert.Equal(new[] { good[0].AccountId, good[1].AccountId }.OrderBy(x => x), store.GroupMembers(g.Id).OrderBy(x => x));
            Assert.DoesNotContain(good[1].AccountId, store.GroupMembers(store.FindGroupByName("hr-synced").Id));

            // The site's user search returns active users only; a suspended member is still removed by email (found among the members).
            var leaver = store.AddUser("leaver@acme-sandbox.example", "Lea Ver", status: "suspended");
            store.AddMember(g.Id, leaver.AccountId);
            var gone = s.Run("Remove-AtlassianGroupMember -Group approvers -Email leaver@acme-sandbox.example -PassThru");
            Assert.False(gone.HadErrors, gone.ErrorText);
            Assert.Equal("Changed", Outcome(gone.Output.Single()));
            Assert.Equal(leaver.AccountId, gone.Output.Single().Properties["AccountId"].Value);
            Assert.DoesNotContain(leaver.AccountId, store.GroupMembers(g.Id));
            Assert.Equal("UserNotFound", ErrorId(s.Run("Add-AtlassianGroupMember -Group approvers -Email leaver@acme-sandbox.example").Error));
        }

        [Fact]
        public async Task Site_switch_on_a_combined_connection_uses_the_site_and_never_the_org_api()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var store = s.Emulator.Store;
            var o = s.Emulator.Options;
            var cred = new PSCredential(o.JiraEmail, PsHarness.Secure(o.JiraApiToken));
            var c = s.Run("Connect-AtlassianOrg -Name both -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("uri", s.Server.BaseAddress), ("cred", cred)));
            Assert.False(c.HadErrors, c.ErrorText);
            Assert.Equal("AtlassianAdmin.Models.AtlassianGroup", s.Run("Get-AtlassianGroup developers -Connection both").Output.Single().BaseObject.GetType().FullName);
            Assert.Equal("AtlassianAdmin.Models.JiraGroup", s.Run("Get-AtlassianGroup developers -Connection both -Site").Output.Single().BaseObject.GetType().FullName);

            var user = JiraSiteTests.JiraUsers(store).First(u => !store.GroupMembers(store.FindGroupByName("developers").Id).Contains(u.AccountId));
            var row = PsHarness.Row(("group", "developers"), ("email", user.Email));
            s.Emulator.Stats.Reset();
            var r = s.Run(@"
                New-AtlassianGroup -Name site-made -Site -Connection both -PassThru
                $row | Add-AtlassianGroupMember -Site -Connection both -PassThru
                Add-AtlassianGroupMember -Group site-made -AccountId $a -Site -Connection both -PassThru
                Get-AtlassianGroupMember -Group site-made -Site -Connection both
                Get-AtlassianGroupCount -Site -Connection both
                Get-AtlassianGroup -Site -Connection both site-made | Remove-AtlassianGroup -Site -Connection both -Force -PassThru",
                Vars(("row", row), ("a", user.AccountId)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Changed" }, r.Output.Take(3).Select(Outcome));
            Assert.Equal(user.AccountId, r.Output[3].Properties["AccountId"].Value);
            Assert.Equal("AtlassianAdmin.Models.JiraUser", r.Output[3].BaseObject.GetType().FullName);
            Assert.Equal((long)store.Groups().Count + 1, (long)r.Output[4].BaseObject);
            Assert.Equal("Changed", Outcome(r.Output[5]));
            Assert.Contains(user.AccountId, store.GroupMembers(store.FindGroupByName("developers").Id));
            Assert.Null(store.FindGroupByName("site-made"));
            Assert.Equal(0, OrgWrites(s));
            Assert.Equal(1, Jira(s, "POST", "/group"));
            Assert.Equal(2, Jira(s, "POST", "/group/user"));
            Assert.Equal(1, Jira(s, "DELETE", "/group"));

            // -Site is a parameter set without -DirectoryId (issue 14): PowerShell refuses the pair before the cmdlet runs.
            var dir = s.Run("Remove-AtlassianGroupMember -Site -Connection both -Group developers -AccountId $a -DirectoryId d", Vars(("a", user.AccountId)));
            Assert.Equal("AmbiguousParameterSet", ErrorId(dir.Error));
            Assert.Contains(user.AccountId, store.GroupMembers(store.FindGroupByName("developers").Id));
        }
    }
}
