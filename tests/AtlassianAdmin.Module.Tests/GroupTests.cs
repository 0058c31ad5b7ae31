using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Groups, memberships and group roles, proven through emulator state and request counts.</summary>
    public class GroupTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static string ErrorId(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];
        private static long Count(ConnectedSession s, string method, string routePart) =>
            s.Emulator.Stats.ByRoute().Where(kv => kv.Key.StartsWith(method + " ") && kv.Key.Contains(routePart)).Sum(kv => kv.Value);

        [Fact]
        public async Task Org_create_whose_group_cannot_be_read_back_fails_alone_with_the_same_error_id_as_the_site()
        {
            // 204 without a body, and the directory does not list the new group yet (SiteGroupTests has the site's case).
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 5, CreateGroupAnswer = CreateGroupAnswer.NoContentNotListedYet });
            var store = s.Emulator.Store;
            var r = s.Run("'lagging', 'quiet' | New-AtlassianGroup");
            Assert.Empty(r.Output);                                                   // nothing Changed without its group
            Assert.Equal(new[] { "CreatedNotReadBack", "CreatedNotReadBack" }, r.Errors.Select(ErrorId));   // was ConnectionFailed
            Assert.Equal(ErrorCategory.ResourceUnavailable, r.Errors[0].CategoryInfo.Category);
            Assert.Equal("lagging", r.Errors[0].TargetObject.ToString());
            Assert.Contains("was created", r.Errors[0].Exception.Message);
            Assert.Contains("Get-AtlassianGroup 'lagging'", r.Errors[0].Exception.Message);
            Assert.NotNull(store.FindGroupByName("quiet"));

            store.CatchUpGroupListings();
            var got = s.Run("New-AtlassianGroup -Name lagging -IfExists Return");
            Assert.False(got.HadErrors, got.ErrorText);
            Assert.Equal(store.FindGroupByName("lagging").Id, got.Output.Single().Properties["Id"].Value);
        }

        [Fact]
        public async Task Get_group_streams_all_and_finds_by_name_wildcard_id_and_user()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30, DefaultPageSize = 2 });
            var store = s.Emulator.Store;
            var all = s.Run("Get-AtlassianGroup");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(store.Groups().Select(g => g.Id).OrderBy(x => x), all.Output.Select(o => (string)o.Properties["Id"].Value).OrderBy(x => x));
            var dev = store.FindGroupByName("developers");
            var first = all.Output.Single(o => (string)o.Properties["Id"].Value == dev.Id);
            Assert.Equal("AtlassianAdmin.Models.AtlassianGroup", first.BaseObject.GetType().FullName);
            Assert.Equal(dev.MemberCount, (int?)first.Properties["MemberCount"].Value);
            Assert.Equal("developers", first.ToString());

            Assert.Equal(new[] { "developers" }, s.Run("Get-AtlassianGroup -Name 'DEV*'").Output.Select(o => o.ToString()));
            Assert.Equal(new[] { "developers" }, s.Run("Get-AtlassianGroup developers").Output.Select(o => o.ToString()));
            Assert.Equal(new[] { "jira-software-users" }, s.Run("Get-AtlassianGroup -Name '*software*'").Output.Select(o => o.ToString()));
            Assert.Empty(s.Run("Get-AtlassianGroup -Name dev").Output); // exact, not a substring
            Assert.Equal(2, s.Run("Get-AtlassianGroup -First 2").Output.Count);

            var byId = s.Run("Get-AtlassianGroup -GroupId $id", Vars(("id", dev.Id)));
            Assert.Equal("developers", byId.Output.Single().ToString());
            var missing = s.Run("Get-AtlassianGroup -GroupId 00000000-0000-0000-0000-000000000000");
            Assert.Equal("GroupNotFound", ErrorId(missing.Error));

            var member = store.FindUser(store.GroupMembers(dev.Id).First());
            var expected = member.GroupIds.Select(id => store.FindGroup(id).Name).OrderBy(x => x).ToList();
            var ofUser = s.Run("Get-AtlassianUser -AccountId $a | Get-AtlassianGroup", Vars(("a", member.AccountId)));
            Assert.False(ofUser.HadErrors, ofUser.ErrorText);
            Assert.Equal(expected, ofUser.Output.Select(o => o.ToString()).OrderBy(x => x));
            Assert.Equal(expected, s.Run("Get-AtlassianGroup -Email $e", Vars(("e", member.Email))).Output.Select(o => o.ToString()).OrderBy(x => x));

            Assert.Equal((long)store.Groups().Count, (long)s.Run("Get-AtlassianGroupCount").Output.Single().BaseObject);
            Assert.Equal(1L, (long)s.Run("Get-AtlassianGroupCount -SearchTerm confluence").Output.Single().BaseObject);
        }

        [Fact]
        public async Task Get_group_member_streams_members_by_name_id_or_object()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 40, DefaultPageSize = 3 });
            var store = s.Emulator.Store;
            var g = store.FindGroupByName("jira-software-users");
            var expected = store.GroupMembers(g.Id).OrderBy(x => x).ToList();
            Assert.True(expected.Count > 3);
            foreach (var script in new[] { "Get-AtlassianGroupMember -Group jira-software-users", "Get-AtlassianGroupMember $id", "Get-AtlassianGroup jira-software-users | Get-AtlassianGroupMember" })
            {
                var r = s.Run(script, Vars(("id", g.Id)));
                Assert.False(r.HadErrors, script + ": " + r.ErrorText);
                Assert.Equal(expected, r.Output.Select(o => (string)o.Properties["AccountId"].Value).OrderBy(x => x));
            }
            var unknown = s.Run("Get-AtlassianGroupMember -Group no-such-group");
            Assert.Equal("GroupNotFound", ErrorId(unknown.Error));
        }

        [Fact]
        public async Task New_group_creates_reports_duplicates_and_returns_existing_on_request()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var created = s.Run("New-AtlassianGroup -Name approvers -Description 'Approve access'");
            Assert.False(created.HadErrors, created.ErrorText);
            var g = store.FindGroupByName("approvers");
            Assert.Equal("Approve access", g.Description);
            Assert.Equal(g.Id, created.Output.Single().Properties["Id"].Value);

            var dup = s.Run("New-AtlassianGroup -Name Approvers");
            Assert.Equal("GroupAlreadyExists", ErrorId(dup.Error));
            Assert.Equal(ErrorCategory.ResourceExists, dup.Error.CategoryInfo.Category);
            Assert.Contains(g.Id, dup.Error.Exception.Message);

            s.Emulator.Stats.Reset();
            var existing = s.Run("New-AtlassianGroup -Name approvers -IfExists Return");
            Assert.False(existing.HadErrors, existing.ErrorText);
            Assert.Equal(g.Id, existing.Output.Single().Properties["Id"].Value);
            Assert.Equal(0, Count(s, "POST", "/groups") - Count(s, "POST", "/groups/search"));

            // CSV rows and plain strings; a repeated name in one input is created once.
            var rows = new object[] { PsHarness.Row(("group", "reviewers"), ("description", "Code review")), "auditors", PsHarness.Row(("GroupName", "reviewers")) };
            var r = s.Run("$rows | New-AtlassianGroup -IfExists Return -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Unchanged" }, r.Output.Select(Outcome));
            Assert.Equal("Code review", store.FindGroupByName("reviewers").Description);
            Assert.NotNull(store.FindGroupByName("auditors"));
            Assert.Single(store.Groups(), x => x.Name == "reviewers");

            // The created group pipes into Add-AtlassianGroupMember (binds -Group by its GroupId property).
            var user = store.Users().First(u => u.Status == "active");
            var filled = s.Run("New-AtlassianGroup -Name approvers -IfExists Return | Add-AtlassianGroupMember -Email $e -PassThru", Vars(("e", user.Email)));
            Assert.False(filled.HadErrors, filled.ErrorText);
            Assert.Equal("Changed", Outcome(filled.Output.Single()));
            Assert.Contains(user.AccountId, store.GroupMembers(g.Id));

            var whatIf = s.Run("New-AtlassianGroup -Name never-made -WhatIf");
            Assert.False(whatIf.HadErrors, whatIf.ErrorText);
            Assert.Null(store.FindGroupByName("never-made"));
        }

        [Fact]
        public async Task Remove_group_confirms_with_member_count_and_reports_unknown_groups()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30 });
            var store = s.Emulator.Store;
            var marketing = store.FindGroupByName("marketing");
            var verbose = s.Run("Remove-AtlassianGroup -Group marketing -WhatIf -PassThru");
            Assert.Equal("WhatIf", Outcome(verbose.Output.Single()));
            Assert.NotNull(store.FindGroup(marketing.Id));
            // The confirmation text carries the member count (ShouldProcess echoes it to the verbose stream).
            var asked = s.Run("Remove-AtlassianGroup -Group $id -Confirm:$false -Verbose -PassThru", Vars(("id", marketing.Id)));
            Assert.False(asked.HadErrors, asked.ErrorText);
            Assert.Contains(asked.Verbose, v => v.Contains($"Its {marketing.MemberCount} member"));
            Assert.Null(store.FindGroup(marketing.Id));

            var rows = new object[] { "no-such-group", PsHarness.Row(("group", "developers")), "hr-synced" };
            var r = s.Run("$rows | Remove-AtlassianGroup -Force -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Failed", "Changed", "Failed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "GroupNotFound", "GroupExternallyManaged" }, r.Errors.Select(ErrorId));
            Assert.Equal("no-such-group", r.Errors[0].TargetObject is PSObject p ? p.BaseObject : r.Errors[0].TargetObject);
            Assert.Null(store.FindGroupByName("developers"));
            Assert.NotNull(store.FindGroupByName("hr-synced"));
        }

        [Fact]
        public async Task Add_member_accepts_every_group_and_user_form_and_is_idempotent()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30 });
            var store = s.Emulator.Store;
            var g = store.AddGroup("approvers");
            var users = store.Users().Where(u => u.Status == "active").Skip(1).Take(6).ToList();
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

            s.Emulator.Stats.Reset();
            var again = s.Run(script, v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.Equal(0, Count(s, "POST", "/memberships"));

            // WhatIf sends no write; Remove of non-members is Unchanged; Remove of members works.
            var other = store.Users().Where(u => u.Status == "active" && !store.GroupMembers(g.Id).Contains(u.AccountId)).First();
            s.Emulator.Stats.Reset();
            var whatIf = s.Run("Add-AtlassianGroupMember -Group approvers -Email $e -WhatIf -PassThru; Remove-AtlassianGroupMember -Group approvers -AccountId $a -WhatIf -PassThru",
                Vars(("e", other.Email), ("a", users[0].AccountId)));
            Assert.Equal(new[] { "WhatIf", "WhatIf" }, whatIf.Output.Select(Outcome));
            Assert.Equal(0, Count(s, "POST", "/memberships") + Count(s, "DELETE", "/memberships"));
            Assert.Equal(6, store.GroupMembers(g.Id).Count);

            var removed = s.Run("$ids | Remove-AtlassianGroupMember -Group approvers -PassThru", Vars(("ids", new[] { users[0].AccountId, other.AccountId, users[0].AccountId })));
            Assert.False(removed.HadErrors, removed.ErrorText);
            Assert.Equal(new[] { "Changed", "Unchanged", "Unchanged" }, removed.Output.Select(Outcome));
            Assert.DoesNotContain(users[0].AccountId, store.GroupMembers(g.Id));
            Assert.Equal(1, Count(s, "DELETE", "/memberships"));
        }

        [Fact]
        public async Task Bad_rows_fail_alone_with_clear_errors_and_the_rest_succeed()
        {
            string other = null;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 }, seed: st => other = st.AddDirectory("Contractors"));
            var store = s.Emulator.Store;
            var g = store.AddGroup("approvers");
            var outsider = store.AddUser("outsider@contractors.example", "Out Sider", directoryId: other);
            store.AddGroup("shared-name");
            store.AddGroup("shared-name", directoryId: other);
            var good = store.Users().Where(u => u.Status == "active" && u.DirectoryIds.Contains(store.DirectoryId)).Skip(1).Take(2).ToList();
            var rows = new[]
            {
                PsHarness.Row(("group", "approvers"), ("email", good[0].Email)),
                PsHarness.Row(("group", "no-such-group"), ("email", good[1].Email)),
                PsHarness.Row(("group", "approvers"), ("email", "ghost@acme-sandbox.example")),
                PsHarness.Row(("group", "approvers"), ("email", outsider.Email)),
                PsHarness.Row(("group", "shared-name"), ("email", good[1].Email)),
                PsHarness.Row(("group", "hr-synced"), ("email", good[1].Email)),
                PsHarness.Row(("email", good[1].Email)),
                PsHarness.Row(("group", "approvers"), ("email", good[1].Email)),
            };
            var hrSyncedBefore = store.GroupMembers(store.FindGroupByName("hr-synced").Id).OrderBy(x => x).ToList();
            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Changed", "Failed", "Failed", "Failed", "Failed", "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "GroupNotFound", "UserNotFound", "UserNotFound", "AmbiguousGroup", "GroupExternallyManaged", "GroupMissing" }, r.Errors.Select(ErrorId));
            for (var i = 0; i < r.Errors.Count; i++)
                Assert.Same(rows[new[] { 1, 2, 3, 4, 5, 6 }[i]].BaseObject, ((PSObject)r.Errors[i].TargetObject).BaseObject);
            Assert.Contains("directory", r.Errors[2].Exception.Message);
            Assert.Contains(store.Groups().Where(x => x.Name == "shared-name").Select(x => x.Id).First(), r.Errors[3].Exception.Message);
            Assert.Equal(ErrorCategory.PermissionDenied, r.Errors[4].CategoryInfo.Category);
            Assert.Equal(new[] { good[0].AccountId, good[1].AccountId }.OrderBy(x => x), store.GroupMembers(g.Id).OrderBy(x => x));
            Assert.Equal(hrSyncedBefore, store.GroupMembers(store.FindGroupByName("hr-synced").Id).OrderBy(x => x));
            // Nothing was written to the synced or ambiguous groups.
            Assert.Equal(2, Count(s, "POST", "/memberships"));
        }

        [Fact]
        public async Task Bulk_add_of_200_csv_rows_reads_the_member_set_once_and_batches_user_lookups()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 260 });
            var store = s.Emulator.Store;
            var g = store.AddGroup("onboarding");
            var users = store.Users().Where(u => u.Status == "active").Take(200).ToList();
            foreach (var u in users.Take(20)) store.AddMember(g.Id, u.AccountId); // some are already members
            var rows = users.Select(u => PsHarness.Row(("group", "onboarding"), ("email", u.Email))).ToArray();
            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(200, r.Output.Count);
            Assert.Equal(20, r.Output.Count(o => Outcome(o) == "Unchanged"));
            Assert.Equal(200, store.GroupMembers(g.Id).Count);
            Assert.Equal(180, Count(s, "POST", "/memberships"));
            Assert.Equal(1, Count(s, "POST", "/groups/search"));
            var searches = Count(s, "POST", "/users/search");
            Assert.True(searches <= 8, $"{searches} user searches for 200 rows (1 member listing + batched email lookups)");
        }

        [Fact]
        public async Task Group_roles_grant_and_revoke_idempotently_without_removing_access_from_other_groups()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var store = s.Emulator.Store;
            var jira = store.JiraResourceId;
            var g = store.AddGroup("approvers");

            var granted = s.Run("Grant-AtlassianGroupRole -Group approvers -Workspace acme-sandbox -Product confluence -Role user -PassThru; Grant-AtlassianGroupRole approvers -Workspace $ari -Role user -PassThru", Vars(("ari", jira)));
            Assert.False(granted.HadErrors, granted.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed" }, granted.Output.Select(Outcome));
            Assert.Contains(store.GroupRoles(g.Id), x => x.ResourceId == jira && x.RoleId == "atlassian/user");
            Assert.Contains(store.GroupRoles(g.Id), x => x.ResourceId == store.ConfluenceResourceId && x.RoleId == "atlassian/user");

            var roles = s.Run("Get-AtlassianGroupRole -Group approvers -Workspace $ari", Vars(("ari", jira)));
            Assert.False(roles.HadErrors, roles.ErrorText);
            var role = roles.Output.Single();
            Assert.Equal("atlassian/user", role.Properties["RoleId"].Value);
            Assert.Equal(jira, role.Properties["ResourceId"].Value);
            Assert.Equal("acme-sandbox", role.Properties["WorkspaceName"].Value);

            s.Emulator.Stats.Reset();
            var again = s.Run("Get-AtlassianGroup approvers | Grant-AtlassianGroupRole -Workspace $ari -Role atlassian/user -PassThru", Vars(("ari", jira)));
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Equal("Unchanged", Outcome(again.Output.Single()));
            Assert.Equal(0, Count(s, "POST", "/assign"));

            var bad = s.Run("Grant-AtlassianGroupRole -Group approvers -Workspace $ari -Role atlassian/superuser");
            Assert.Equal("UnknownRole", ErrorId(bad.Error));
            Assert.Contains("atlassian/user-access-admin", bad.Error.Exception.Message);

            // A user in both developers and jira-software-users keeps Jira when developers loses it; a user only in developers loses it.
            var both = store.AddUser("both@acme-sandbox.example", "In Both");
            var onlyDev = store.AddUser("onlydev@acme-sandbox.example", "Only Dev");
            var dev = store.FindGroupByName("developers");
            store.AddMember(dev.Id, both.AccountId);
            store.AddMember(store.FindGroupByName("jira-software-users").Id, both.AccountId);
            store.AddMember(dev.Id, onlyDev.AccountId);
            var revoked = s.Run("Get-AtlassianGroupRole -Group developers -Workspace $ari | Revoke-AtlassianGroupRole -Force -PassThru", Vars(("ari", jira)));
            Assert.False(revoked.HadErrors, revoked.ErrorText);
            Assert.Equal("Changed", Outcome(revoked.Output.Single()));
            Assert.DoesNotContain(store.GroupRoles(dev.Id), x => x.ResourceId == jira);
            Assert.Contains(store.EffectiveRoles(both.AccountId), x => x.ResourceId == jira && x.RoleId == "atlassian/user");
            Assert.DoesNotContain(store.EffectiveRoles(onlyDev.AccountId), x => x.ResourceId == jira);

            s.Emulator.Stats.Reset();
            var revokeAgain = s.Run("Revoke-AtlassianGroupRole -Group developers -Workspace $ari -Role user -Force -PassThru -WhatIf", Vars(("ari", jira)));
            Assert.Equal("Unchanged", Outcome(revokeAgain.Output.Single()));
            Assert.Equal(0, Count(s, "POST", "/revoke"));
        }

        [Fact]
        public async Task Group_names_complete_in_the_background_without_blocking_and_include_new_groups()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            string Complete(string word) => "foreach ($m in (TabExpansion2 -inputScript 'Add-AtlassianGroupMember -Group " + word + "' -cursorColumn " + (35 + word.Length - 3) + ").CompletionMatches) { $m.CompletionText }";
            // The first Tab starts the fetch and waits for it at most the first-fetch budget (1 s); on a loaded machine it
            // may still come back empty, so wait for the values the way a person pressing Tab again would.
            s.Run(Complete("dev"));
            System.Threading.SpinWait.SpinUntil(() => s.Run(Complete("dev")).Output.Count > 0, System.TimeSpan.FromSeconds(5));
            Assert.Equal(new[] { "developers" }, s.Run(Complete("dev")).Output.Select(o => o.ToString()));
            // A group created in this session completes at once, before the cache is refreshed.
            Assert.False(s.Run("New-AtlassianGroup -Name 'devops-guild' | Out-Null").HadErrors);
            Assert.Contains("devops-guild", s.Run(Complete("dev")).Output.Select(o => o.ToString()));
        }
    }
}

namespace AtlassianAdmin.Module.Tests
{
    public class GroupDocsTests
    {
        private static readonly string[] Cmdlets =
        {
            "Get-AtlassianGroup", "Get-AtlassianGroupCount", "New-AtlassianGroup", "Remove-AtlassianGroup", "Get-AtlassianGroupMember",
            "Add-AtlassianGroupMember", "Remove-AtlassianGroupMember", "Get-AtlassianGroupRole", "Grant-AtlassianGroupRole", "Revoke-AtlassianGroupRole",
        };

        [Fact]
        public void Every_group_cmdlet_is_exported_and_documents_every_visible_parameter()
        {
            using var ps = new PsHarness();
            var docs = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PsHarness.ModuleManifest)!, "..", "..", "docs");
            foreach (var name in Cmdlets)
            {
                var r = ps.Run($"foreach ($p in (Get-Command {name}).Parameters.Values) {{ if (-not ($p.Attributes | Where-Object {{ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }})) {{ $p.Name }} }}");
                Assert.False(r.HadErrors, r.ErrorText);
                var page = System.IO.File.ReadAllText(System.IO.Path.Combine(docs, name + ".md"));
                var common = new System.Collections.Generic.HashSet<string>(System.Management.Automation.Cmdlet.CommonParameters);
                foreach (var p in r.Output.Select(o => o.ToString()).Where(p => !common.Contains(p)))
                    Assert.True(page.Contains("### -" + p + "\n"), $"{name}.md does not document -{p}");
                Assert.Contains("## EXAMPLES", page);
                Assert.Contains("## RELATED LINKS", page);
            }
        }
    }
}
