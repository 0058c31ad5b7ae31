using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class OffboardingTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static string Action(PSObject o) => (string)o.Properties["Action"].Value;
        private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString();
        private static bool AnyWrite(SandboxHandler h) => h.Stats.ByRoute().Keys.Any(k => !k.StartsWith("GET") && !k.Contains("/search"));

        private sealed class Leaver
        {
            public SandboxUser User;
            public string TokenId;
        }

        /// <summary>A managed leaver with a token, a direct role, two plain groups and one IdP-synced group.</summary>
        private static Leaver Managed(SandboxStore store, string local)
        {
            var u = store.AddUser(local + "@acme-sandbox.example", "Leaver " + local);
            var token = store.AddApiToken(u.AccountId, "ci-" + local, DateTimeOffset.UtcNow.AddDays(-30));
            store.AssignUserRole(u.AccountId, store.ServiceDeskResourceId, "atlassian/user");
            store.AddMember(store.FindGroupByName("developers").Id, u.AccountId);
            store.AddMember(store.FindGroupByName("marketing").Id, u.AccountId);
            store.AddMember(store.FindGroupByName("hr-synced").Id, u.AccountId);
            return new Leaver { User = store.FindUser(u.AccountId), TokenId = token };
        }

        [Fact]
        public async Task WhatIf_shows_every_step_of_every_leaver_and_changes_nothing()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "plan.a");
            var outsider = store.AddUser("plan.b@gmail.com", "Plan B");
            store.AddMember(store.FindGroupByName("developers").Id, outsider.AccountId);
            s.Emulator.Stats.Reset();
            var r = s.Run("$rows | Invoke-AtlassianOffboarding -ScheduleDeletion -WhatIf -PassThru",
                Vars(("rows", new object[] { PsHarness.Row(("email", a.User.Email)), PsHarness.Row(("email", outsider.Email)) })));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.False(AnyWrite(s.Emulator));
            Assert.Equal(10, r.Output.Count);
            Assert.Equal(new[] { "Deactivate account", "Revoke API tokens", "Remove direct product roles", "Remove group memberships", "Schedule account deletion" },
                r.Output.Take(5).Select(Action));
            Assert.All(r.Output.Take(5), o => Assert.Equal("WhatIf", Outcome(o)));
            Assert.Contains("'ci-plan.a'", Prop(r.Output[1], "Resource"));
            Assert.Contains("atlassian/user on " + store.ServiceDeskResourceId, Prop(r.Output[2], "Resource"));
            Assert.Contains("developers", Prop(r.Output[3], "Resource"));
            Assert.DoesNotContain("hr-synced", Prop(r.Output[3], "Resource"));
            Assert.Contains("hr-synced", Prop(r.Output[3], "Message"));
            Assert.Contains("cancel until " + DateTimeOffset.Now.Date.AddDays(14).ToString("yyyy-MM-dd"), Prop(r.Output[4], "Message"));
            // The unmanaged leaver is suspended instead; tokens and deletion don't apply to it.
            Assert.Equal("Suspend user", Action(r.Output[5]));
            Assert.Equal(new[] { "WhatIf", "Unchanged", "Unchanged", "WhatIf", "Unchanged" }, r.Output.Skip(5).Select(Outcome));
            Assert.All(new[] { a.User.AccountId, outsider.AccountId }, id => Assert.Equal("active", store.FindUser(id).Status));
        }

        [Fact]
        public async Task Offboarding_runs_every_step_in_order_leaves_idp_memberships_and_a_rerun_is_unchanged()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "go.a");
            var outsider = store.AddUser("go.b@gmail.com", "Go B");
            store.AddMember(store.FindGroupByName("developers").Id, outsider.AccountId);
            var vars = Vars(("rows", new object[] { PsHarness.Row(("email", a.User.Email)), PsHarness.Row(("accountId", outsider.AccountId)) }));

            var r = s.Run("$rows | Invoke-AtlassianOffboarding -ScheduleDeletion -Force -Message 'bye' -PassThru", vars);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Changed", "Changed", "Changed", "Changed", "Unchanged", "Unchanged", "Changed", "Unchanged" }, r.Output.Select(Outcome));
            var after = store.FindUser(a.User.AccountId);
            Assert.True(after.PendingDeletion);
            Assert.Equal(0, after.ApiTokenCount);
            Assert.DoesNotContain(store.UserRoles(a.User.AccountId), x => x.ResourceId == store.ServiceDeskResourceId);
            Assert.Equal(new[] { store.FindGroupByName("hr-synced").Id }, after.GroupIds);
            Assert.Equal("suspended", store.FindUser(outsider.AccountId).Status);
            Assert.Empty(store.FindUser(outsider.AccountId).GroupIds);
            // Lock-out first, deletion last.
            var events = store.Events().Where(e => e.Context.Any(c => c.Key == a.User.AccountId)).Select(e => e.Action).ToList();
            var mine = events.Skip(events.IndexOf("user_deactivated")).ToList();
            Assert.Equal("user_deactivated", mine.First());
            Assert.Equal("user_deleted", mine.Last());
            Assert.Contains("api_token_revoked", mine);

            s.Emulator.Stats.Reset();
            var again = s.Run("$rows | Invoke-AtlassianOffboarding -ScheduleDeletion -Force -PassThru", vars);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.False(AnyWrite(s.Emulator));
            Assert.Contains("hr-synced", Prop(again.Output[3], "Message"));
        }

        [Fact]
        public async Task A_rerun_finishes_what_an_interrupted_run_left()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "half.done");
            // The first run got as far as the lock-out and the tokens.
            var first = s.Run("Disable-AtlassianManagedAccount -AccountId $id -Force; Revoke-AtlassianApiToken -AccountId $id -Force", Vars(("id", a.User.AccountId)));
            Assert.False(first.HadErrors, first.ErrorText);
            var r = s.Run("Invoke-AtlassianOffboarding -Email $e -Force -PassThru", Vars(("e", a.User.Email)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { "Unchanged", "Unchanged", "Changed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal("already deactivated", Prop(r.Output[0], "Message"));
            Assert.Equal(new[] { store.FindGroupByName("hr-synced").Id }, store.FindUser(a.User.AccountId).GroupIds);
        }

        [Fact]
        public async Task Idp_provisioned_leavers_fail_the_lifecycle_steps_with_where_to_change_them_and_the_rest_goes_on()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "scim.user");
            store.SetManagementSource(a.User.AccountId, "synced");
            var r = s.Run("Invoke-AtlassianOffboarding -AccountId $id -ScheduleDeletion -Force -PassThru -ErrorAction SilentlyContinue -ErrorVariable errs; $errs",
                Vars(("id", a.User.AccountId)));
            var results = r.Output.Where(o => o.BaseObject is not ErrorRecord).ToList();
            Assert.Equal(new[] { "Failed", "Changed", "Changed", "Changed", "Failed" }, results.Select(Outcome));
            Assert.All(new[] { results[0], results[4] }, o => Assert.Equal("IdentityProviderOwnedUser", Prop(o, "ErrorId").Split(',')[0]));
            Assert.Contains("identity provider", Prop(results[0], "Message"));
            var errors = r.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category));
            var after = store.FindUser(a.User.AccountId);
            Assert.False(after.Deactivated);
            Assert.False(after.PendingDeletion);
            Assert.Equal(0, after.ApiTokenCount);
        }

        [Fact]
        public async Task Without_PassThru_it_writes_nothing_and_the_report_variable_holds_every_step()
        {
            // Issue 14 item 6: -PassThru means one thing on every change cmdlet; offboarding used to write its rows regardless.
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "quiet.one");
            var r = s.Run("Invoke-AtlassianOffboarding -Email $e -Force", Vars(("e", a.User.Email)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Empty(r.Output);
            Assert.True(store.FindUser(a.User.AccountId).Deactivated);
            var report = s.Run("$AtlassianChangeReport").Output;
            Assert.Equal(new[] { "Deactivate account", "Revoke API tokens", "Remove direct product roles", "Remove group memberships" }, report.Select(Action));
            Assert.All(report, o => Assert.Equal("Changed", Outcome(o)));
        }

        [Fact]
        public async Task Bad_rows_fail_once_and_the_other_leavers_go_on()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = Managed(store, "fine.one");
            var r = s.Run("$rows | Invoke-AtlassianOffboarding -Force -PassThru -ErrorAction SilentlyContinue",
                Vars(("rows", new object[] { PsHarness.Row(("department", "Sales")), PsHarness.Row(("email", a.User.Email)) })));
            Assert.Equal(5, r.Output.Count);
            Assert.Equal("Failed", Outcome(r.Output[0]));
            Assert.Equal("UserIdentityMissing", Prop(r.Output[0], "ErrorId").Split(',')[0]);
            Assert.All(r.Output.Skip(1), o => Assert.Equal("Changed", Outcome(o)));
        }
    }
}
