using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class InvitationTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static long Invites(SandboxHandler h) => h.Stats.ByRoute().Where(kv => kv.Key.Contains("/users/invite")).Sum(kv => kv.Value);

        [Fact]
        public async Task Invites_an_email_array_in_one_request_with_role_and_group_by_name_one_result_each()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var emails = new[] { "new.one@acme-sandbox.example", "new.two@acme-sandbox.example", "new.three@partner.example" };
            s.Emulator.Stats.Reset();
            var r = s.Run("New-AtlassianInvitation -Email $emails -Workspace acme-sandbox -Product jira -Role user -Group developers -PassThru", Vars(("emails", emails)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(3, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.Equal(emails, r.Output.Select(o => (string)o.Properties["Target"].Value));
            Assert.Equal(1, Invites(s.Emulator));
            var developers = store.FindGroupByName("developers");
            foreach (var (email, result) in emails.Zip(r.Output))
            {
                var u = store.FindUserByEmail(email);
                Assert.NotNull(u);
                Assert.Equal(u.AccountId, result.Properties["AccountId"].Value);
                Assert.Contains(store.DirectoryId, u.DirectoryIds);
                Assert.Contains(u.AccountId, store.GroupMembers(developers.Id));
                Assert.Contains(store.UserRoles(u.AccountId), a => a.ResourceId == store.JiraResourceId && a.RoleId == "atlassian/user");
            }
        }

        [Fact]
        public async Task Csv_rows_and_strings_existing_users_are_unchanged_bad_rows_fail_and_rerun_sends_nothing()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var existing = store.Users().First(u => u.Status == "active");
            var rows = new object[]
            {
                PsHarness.Row(("email", "csv.one@acme-sandbox.example"), ("name", "Csv One")),
                PsHarness.Row(("EmailAddress", existing.Email)),
                PsHarness.Row(("email", "not-an-email")),
                PsHarness.Row(("name", "no email")),
                "plain.string@acme-sandbox.example",
            };
            var r = s.Run("$rows | New-AtlassianInvitation -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Changed", "Unchanged", "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "InvalidEmail", "EmailMissing" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.All(r.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
            Assert.Same(((PSObject)rows[2]).BaseObject, ((PSObject)r.Errors[0].TargetObject).BaseObject);
            Assert.NotNull(store.FindUserByEmail("csv.one@acme-sandbox.example"));
            Assert.NotNull(store.FindUserByEmail("plain.string@acme-sandbox.example"));
            Assert.Equal(existing.AccountId, r.Output[1].Properties["AccountId"].Value);

            s.Emulator.Stats.Reset();
            var again = s.Run("$rows[0,1,4] | New-AtlassianInvitation -PassThru", Vars(("rows", rows)));
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.Equal(0, Invites(s.Emulator));
        }

        [Fact]
        public async Task WhatIf_and_unknown_group_send_no_invite()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            s.Emulator.Stats.Reset();
            var r = s.Run("New-AtlassianInvitation -Email whatif@acme-sandbox.example -WhatIf -PassThru");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("WhatIf", Outcome(r.Output.Single()));
            var bad = s.Run("New-AtlassianInvitation -Email x@acme-sandbox.example -Group no-such-group -PassThru");
            Assert.Equal("GroupNotFound", bad.Error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ObjectNotFound, bad.Error.CategoryInfo.Category);
            var badRole = s.Run("New-AtlassianInvitation -Email x@acme-sandbox.example -Workspace acme-sandbox -Product jira -Role wizard");
            Assert.Equal("UnknownRole", badRole.Error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(0, Invites(s.Emulator));
            Assert.Null(s.Emulator.Store.FindUserByEmail("whatif@acme-sandbox.example"));
            Assert.Null(s.Emulator.Store.FindUserByEmail("x@acme-sandbox.example"));
        }

        [Fact]
        public async Task A_part_that_fails_on_the_server_is_reported_as_incomplete()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var synced = store.Groups().First(g => g.ExternalSynced);
            var r = s.Run("New-AtlassianInvitation -Email partial@acme-sandbox.example -Group $g -PassThru", Vars(("g", synced.Id)));
            Assert.Equal("Failed", Outcome(r.Output.Single()));
            Assert.Equal("InvitationIncomplete", r.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.NotNull(store.FindUserByEmail("partial@acme-sandbox.example"));
        }

        [Fact]
        public async Task Many_emails_are_batched_into_few_requests_with_one_result_each()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 5 });
            var emails = Enumerable.Range(0, 120).Select(i => $"bulk{i}@acme-sandbox.example").ToArray();
            s.Emulator.Stats.Reset();
            var r = s.Run("$emails | New-AtlassianInvitation -PassThru", Vars(("emails", emails)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(emails, r.Output.Select(o => (string)o.Properties["Target"].Value));
            Assert.All(r.Output, o => Assert.Equal("Changed", Outcome(o)));
            var invites = Invites(s.Emulator);
            Assert.True(invites >= 3 && invites <= 12, $"{invites} invite requests for 120 emails");
            Assert.All(emails, e => Assert.NotNull(s.Emulator.Store.FindUserByEmail(e)));
        }
    }
}
