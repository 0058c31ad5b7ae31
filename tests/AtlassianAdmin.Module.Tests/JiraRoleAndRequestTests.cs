using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Project roles and the access-request cycle, asserted through the emulator's Jira state.</summary>
    public class JiraRoleAndRequestTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static bool InRole(SandboxStore store, string project, string role, string accountId) =>
            store.ProjectRoleActors(project, role).Any(a => a.AccountId == accountId);

        [Fact]
        public async Task Grant_and_revoke_users_and_groups_from_objects_ids_emails_and_csv_rows()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var users = JiraSiteTests.JiraUsers(store).Where(u => !InRole(store, "ACME", "Developers", u.AccountId) && !InRole(store, "OPS", "Users", u.AccountId)).Take(4).ToList();
            var marketing = store.FindGroupByName("marketing");
            var rows = new object[]
            {
                PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("email", users[0].Email)),
                PsHarness.Row(("project", "ops"), ("role", "users"), ("account_id", users[1].AccountId)),
                PsHarness.Row(("project", "ACME"), ("role", "Developers"), ("group", "marketing")),
            };
            var r = s.Run(@"
                $rows | Grant-AtlassianProjectRole -PassThru
                Get-AtlassianUser -AccountId $u2 | Grant-AtlassianProjectRole -Project ACME -Role Developers -PassThru
                Grant-AtlassianProjectRole ACME Administrators -Group $gid -PassThru",
                Vars(("rows", rows), ("u2", users[2].AccountId), ("gid", marketing.Id)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(5, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.Equal("ACME Developers", r.Output[0].Properties["Resource"].Value);
            Assert.True(InRole(store, "ACME", "Developers", users[0].AccountId));
            Assert.True(InRole(store, "OPS", "Users", users[1].AccountId));
            Assert.True(InRole(store, "ACME", "Developers", users[2].AccountId));
            Assert.Contains(store.ProjectRoleActors("ACME", "Developers"), a => a.GroupName == "marketing");
            Assert.Contains(store.ProjectRoleActors("ACME", "Administrators"), a => a.GroupId == marketing.Id);

            // Re-running: everything is Unchanged and no write is sent.
            s.Emulator.Stats.Reset();
            var again = s.Run("$rows | Grant-AtlassianProjectRole -PassThru", Vars(("rows", rows)));
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.StartsWith("POST"));

            // -WhatIf: says what would change, sends nothing.
            var whatIf = s.Run("Grant-AtlassianProjectRole ACME Developers -Email $e -WhatIf -PassThru", Vars(("e", users[3].Email)));
            Assert.Equal("WhatIf", Outcome(whatIf.Output.Single()));
            Assert.False(InRole(store, "ACME", "Developers", users[3].AccountId));

            var revoke = s.Run("$rows | Revoke-AtlassianProjectRole -Force -PassThru", Vars(("rows", rows)));
            Assert.False(revoke.HadErrors, revoke.ErrorText);
            Assert.All(revoke.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.False(InRole(store, "ACME", "Developers", users[0].AccountId));
            Assert.False(InRole(store, "OPS", "Users", users[1].AccountId));
            Assert.DoesNotContain(store.ProjectRoleActors("ACME", "Developers"), a => a.GroupName == "marketing");
            Assert.All(s.Run("$rows | Revoke-AtlassianProjectRole -Force -PassThru", Vars(("rows", rows))).Output, o => Assert.Equal("Unchanged", Outcome(o)));
        }

        [Fact]
        public async Task Bad_rows_fail_alone_with_clear_errors_and_the_row_as_target()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var user = JiraSiteTests.JiraUsers(store).First(u => !InRole(store, "WEB", "Users", u.AccountId));
            var rows = new object[]
            {
                PsHarness.Row(("project", "WEB"), ("role", "Testers"), ("email", user.Email)),
                PsHarness.Row(("project", "NOPE"), ("role", "Users"), ("email", user.Email)),
                PsHarness.Row(("project", "WEB"), ("role", "Users"), ("email", "ghost@nowhere.example")),
                PsHarness.Row(("project", ""), ("role", "Users"), ("email", user.Email)),
                PsHarness.Row(("project", "WEB"), ("role", "Users"), ("email", "not-an-email")),
                PsHarness.Row(("project", "WEB"), ("role", "Users"), ("email", user.Email)),
            };
            var r = s.Run("$rows | Grant-AtlassianProjectRole -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Failed", "Failed", "Failed", "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "RoleNotFound", "ProjectNotFound", "UserNotFound", "ProjectMissing", "InvalidEmail" },
                r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Contains("Valid roles: Administrators, Developers, Users", r.Errors[0].Exception.Message);
            Assert.Same(rows[0], r.Errors[0].TargetObject);
            Assert.True(InRole(store, "WEB", "Users", user.AccountId));
        }

        [Fact]
        public async Task Request_lead_approves_complete_grants_comments_and_closes_and_rerun_is_harmless()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var users = JiraSiteTests.JiraUsers(store).Where(u => !InRole(store, "ACME", "Developers", u.AccountId)).Take(2).ToList();
            var lead = store.Projects().Single(p => p.Key == "ACME").LeadAccountId;

            var req = s.Run("Request-AtlassianProjectAccess -Project ACME -Role developers -Email $e -Reason 'Needs to fix bugs' -PassThru", Vars(("e", users[0].Email)));
            Assert.False(req.HadErrors, req.ErrorText);
            Assert.Equal("Changed", Outcome(req.Output.Single()));
            var issue = store.Issues().Single(i => i.ProjectKey == "ACCESS");
            Assert.Contains(issue.Key, (string)req.Output.Single().Properties["Resource"].Value);
            Assert.Equal(lead, issue.AssigneeAccountId);
            Assert.Contains("access-request", issue.Labels);
            Assert.Contains("Needs to fix bugs", issue.DescriptionJson);
            var data = System.Text.Json.JsonDocument.Parse(issue.Properties["atlassianadmin.accessRequest"]).RootElement;
            Assert.Equal("ACME", data.GetProperty("project").GetString());
            Assert.Equal("Developers", data.GetProperty("role").GetString());
            Assert.Equal(users[0].AccountId, data.GetProperty("accountId").GetString());
            Assert.Equal(1, data.GetProperty("version").GetInt32());

            // Asking again while it is open, or a second request in the same run: Unchanged.
            Assert.Contains("already requested", (string)s.Run("Request-AtlassianProjectAccess ACME Developers -Email $e -PassThru", Vars(("e", users[0].Email))).Output.Single().Properties["Message"].Value);

            var pending = s.Run("Get-AtlassianAccessRequest -Status Pending");
            Assert.False(pending.HadErrors, pending.ErrorText);
            var p = pending.Output.Single();
            Assert.Equal(issue.Key, p.Properties["Key"].Value);
            Assert.Equal(lead, p.Properties["ApproverAccountId"].Value);
            Assert.Equal("Needs to fix bugs", p.Properties["Reason"].Value);

            // Nothing approved yet: Complete leaves the pending request alone.
            Assert.Empty(s.Run("Complete-AtlassianAccessRequest -PassThru").Output);
            Assert.Equal("To Do", store.FindIssue(issue.Key).Status);

            var approve = s.Run("Get-AtlassianAccessRequest -Status Pending | Approve-AtlassianAccessRequest -Comment 'OK for Q3' -PassThru");
            Assert.False(approve.HadErrors, approve.ErrorText);
            Assert.Equal("Approved", store.FindIssue(issue.Key).Status);
            Assert.Contains("OK for Q3", store.FindIssue(issue.Key).Comments.Last().BodyJson);
            Assert.Equal("Unchanged", Outcome(s.Run("Approve-AtlassianAccessRequest $k -PassThru", Vars(("k", issue.Key))).Output.Single()));

            var whatIf = s.Run("Complete-AtlassianAccessRequest -WhatIf -PassThru");
            Assert.Equal("WhatIf", Outcome(whatIf.Output.Single()));
            Assert.False(InRole(store, "ACME", "Developers", users[0].AccountId));

            var complete = s.Run("Complete-AtlassianAccessRequest -PassThru");
            Assert.False(complete.HadErrors, complete.ErrorText);
            Assert.Equal("Changed", Outcome(complete.Output.Single()));
            Assert.True(InRole(store, "ACME", "Developers", users[0].AccountId));
            var done = store.FindIssue(issue.Key);
            Assert.Equal("Done", done.Status);
            Assert.Contains("Granted the Developers role in project ACME", done.Comments.Last().BodyJson);

            // Re-running finds nothing to do; piping the done request reports Unchanged.
            s.Emulator.Stats.Reset();
            Assert.Empty(s.Run("Complete-AtlassianAccessRequest -PassThru").Output);
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.StartsWith("POST"));
            Assert.Equal("Unchanged", Outcome(s.Run("Complete-AtlassianAccessRequest -Key $k -PassThru", Vars(("k", issue.Key))).Output.Single()));
            Assert.Equal("Completed", s.Run("Get-AtlassianAccessRequest -Status Completed").Output.Single().Properties["Status"].Value.ToString());
            Assert.Contains("already in the role", (string)s.Run("Request-AtlassianProjectAccess ACME Developers -Email $e -PassThru", Vars(("e", users[0].Email))).Output.Single().Properties["Message"].Value);
        }

        [Fact]
        public async Task Request_writes_the_request_it_creates_so_it_pipes_into_Approve_and_takes_users_like_every_cmdlet()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var users = JiraSiteTests.JiraUsers(store).Where(u => !InRole(store, "ACME", "Developers", u.AccountId)).Take(3).ToList();

            // A plain email and a plain accountId on the pipeline, and a user object: each is one request, written as
            // a JiraAccessRequest and approved by the next command in the same pipeline.
            var r = s.Run(@"
                @($e0, $a1) | Request-AtlassianProjectAccess ACME Developers -Reason 'pipeline' | Approve-AtlassianAccessRequest -Comment 'ok' -PassThru
                Get-AtlassianUser -Site -AccountId $a2 | Request-AtlassianProjectAccess ACME Developers",
                Vars(("e0", users[0].Email), ("a1", users[1].AccountId), ("a2", users[2].AccountId)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(3, r.Output.Count);
            Assert.Equal(new[] { "Changed", "Changed" }, r.Output.Take(2).Select(Outcome));
            Assert.All(r.Output.Take(2), o => Assert.Equal("Approve access request", o.Properties["Action"].Value));
            var written = r.Output[2];
            Assert.Equal("JiraAccessRequest", written.BaseObject.GetType().Name);
            Assert.Equal(users[2].AccountId, written.Properties["AccountId"].Value);
            Assert.Equal("ACME", written.Properties["Project"].Value);
            Assert.Equal("Pending", written.Properties["Status"].Value.ToString());

            string KeyFor(string accountId) => store.Issues().Single(i => i.ProjectKey == "ACCESS" && i.Properties.Values.Any(v => v.Contains(accountId))).Key;
            Assert.Equal("Approved", store.FindIssue(KeyFor(users[0].AccountId)).Status);
            Assert.Equal("Approved", store.FindIssue(KeyFor(users[1].AccountId)).Status);
            Assert.Equal("To Do", store.FindIssue((string)written.Properties["Key"].Value).Status);

            // Asking again: Unchanged, so nothing is written (nothing was created); -PassThru writes only the result.
            var again = s.Run("Request-AtlassianProjectAccess ACME Developers -AccountId $a2", Vars(("a2", users[2].AccountId)));
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Empty(again.Output);
            var passThru = s.Run("Request-AtlassianProjectAccess ACME Developers -Email $e -PassThru", Vars(("e", users[2].Email)));
            Assert.Equal("AtlassianChangeResult", passThru.Output.Single().BaseObject.GetType().Name);
            Assert.Equal("Unchanged", Outcome(passThru.Output.Single()));

            // -User is gone (the issue's breaking change): users are -AccountId/-Email like everywhere else, so PowerShell
            // refuses it (an ambiguous prefix of the aliases UserId and UserPrincipalName) and nothing is created.
            var issues = store.Issues().Count();
            var user = s.Run("Request-AtlassianProjectAccess ACME Developers -User $e", Vars(("e", users[2].Email)));
            Assert.IsAssignableFrom<ParameterBindingException>(user.Error.Exception);
            Assert.Equal(issues, store.Issues().Count());
        }

        [Fact]
        public async Task Deny_path_comments_and_closes_without_granting_and_an_already_granted_role_is_not_an_error()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var users = JiraSiteTests.JiraUsers(store).Where(u => !InRole(store, "OPS", "Developers", u.AccountId)).Take(2).ToList();
            var r = s.Run("$rows | Request-AtlassianProjectAccess -PassThru", Vars(("rows", new object[]
            {
                PsHarness.Row(("project", "OPS"), ("role", "Developers"), ("email", users[0].Email)),
                PsHarness.Row(("project", "OPS"), ("role", "Developers"), ("email", users[1].Email), ("reason", "on call")),
            })));
            Assert.False(r.HadErrors, r.ErrorText);
            // Requests are created concurrently: find each user's issue by its stored request data, not by creation order.
            var issues = store.Issues().Where(i => i.ProjectKey == "ACCESS").ToList();
            Assert.Equal(2, issues.Count);
            string KeyFor(string accountId) => issues.Single(i => i.Properties.Values.Any(v => v.Contains(accountId))).Key;
            var keys = new List<string> { KeyFor(users[0].AccountId), KeyFor(users[1].AccountId) };

            Assert.False(s.Run("Deny-AtlassianAccessRequest $k -Comment 'Not needed'", Vars(("k", keys[0]))).HadErrors);
            Assert.Equal("Denied", store.FindIssue(keys[0]).Status);
            var approveDenied = s.Run("Approve-AtlassianAccessRequest $k -PassThru", Vars(("k", keys[0])));
            Assert.StartsWith("RequestAlreadyDecided", approveDenied.Errors.Single().FullyQualifiedErrorId);

            // The second one is approved, but someone granted the role by hand meanwhile.
            Assert.False(s.Run("Approve-AtlassianAccessRequest $k", Vars(("k", keys[1]))).HadErrors);
            Assert.False(s.Run("Grant-AtlassianProjectRole OPS Developers -AccountId $a", Vars(("a", users[1].AccountId))).HadErrors);

            var complete = s.Run("Complete-AtlassianAccessRequest -PassThru");
            Assert.False(complete.HadErrors, complete.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed" }, complete.Output.Select(Outcome));
            Assert.False(InRole(store, "OPS", "Developers", users[0].AccountId));
            Assert.Equal("Done", store.FindIssue(keys[0]).Status);
            Assert.Contains("Request denied", store.FindIssue(keys[0]).Comments.Last().BodyJson);
            Assert.Equal("Done", store.FindIssue(keys[1]).Status);
            Assert.Contains("already had the Developers role", store.FindIssue(keys[1]).Comments.Last().BodyJson);
        }

        [Fact]
        public async Task Requests_for_missing_project_role_or_user_fail_clearly_and_create_nothing()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var user = JiraSiteTests.JiraUsers(store).First(u => !InRole(store, "WEB", "Developers", u.AccountId));
            var approver = JiraSiteTests.JiraUsers(store).Last();
            var r = s.Run(@"
                Request-AtlassianProjectAccess NOPE Developers -Email $e -PassThru
                Request-AtlassianProjectAccess ACME Testers -Email $e -PassThru
                Request-AtlassianProjectAccess ACME Developers -Email ghost@nowhere.example -PassThru
                Request-AtlassianProjectAccess WEB Developers -Email $e -PassThru",
                Vars(("e", user.Email)));
            Assert.Equal(new[] { "ProjectNotFound", "RoleNotFound", "UserNotFound", "ProjectHasNoLead" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.All(r.Output, o => Assert.Equal("Failed", Outcome(o)));
            Assert.Contains("-Approver", r.Errors[3].Exception.Message);
            Assert.Empty(store.Issues());

            var withApprover = s.Run("Request-AtlassianProjectAccess WEB Developers -Email $e -Approver $a -PassThru", Vars(("e", user.Email), ("a", approver.Email)));
            Assert.False(withApprover.HadErrors, withApprover.ErrorText);
            Assert.Equal(approver.AccountId, store.Issues().Single().AssigneeAccountId);
        }

        [Fact]
        public async Task Completers_offer_cached_project_keys_and_roles_without_blocking()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            string Complete(string line) => string.Join(",", s.Run("(TabExpansion2 -inputScript $l -cursorColumn $l.Length).CompletionMatches.CompletionText", Vars(("l", line))).Output.Select(o => o.ToString()));
            s.Run("Get-AtlassianProject | Out-Null; Get-AtlassianProjectRole ACME | Out-Null");
            Assert.Equal("ACCESS,ACME", Complete("Grant-AtlassianProjectRole -Project AC"));
            Assert.Equal("Developers", Complete("Grant-AtlassianProjectRole -Project ACME -Role Dev"));
        }
    }
}
