using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class ManagedAccountTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static bool Lifecycle(SandboxHandler h) => h.Stats.ByRoute().Keys.Any(k => k.Contains("/lifecycle/"));

        [Fact]
        public async Task Get_by_email_accountId_object_and_string_with_lifecycle_state_and_unmanaged_is_a_clear_error()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var a = store.AddUser("managed.a@acme-sandbox.example", "Managed A");
            var b = store.AddUser("managed.b@acme-sandbox.example", "Managed B", "deactivated");
            var ext = store.AddUser("outsider@gmail.com", "Out Sider");
            var r = s.Run(@"Get-AtlassianManagedAccount -Email $a
                            Get-AtlassianManagedAccount -AccountId $b
                            Get-AtlassianUser -Email $a | Get-AtlassianManagedAccount
                            $rows | Get-AtlassianManagedAccount",
                Vars(("a", a.Email), ("b", b.AccountId), ("rows", new object[] { PsHarness.Row(("mail", ext.Email)), b.Email })));
            Assert.Equal(4, r.Output.Count);
            Assert.Equal("AtlassianAdmin.Models.AtlassianManagedAccount", r.Output[0].BaseObject.GetType().FullName);
            Assert.Equal(new[] { "active", "deactivated", "active", "deactivated" }, r.Output.Select(o => (string)o.Properties["LifecycleState"].Value));
            Assert.Equal("inactive", r.Output[1].Properties["AccountStatus"].Value);
            Assert.Equal("Managed A", r.Output[0].Properties["Name"].Value);
            var err = r.Errors.Single();
            Assert.Equal("AccountNotManaged", err.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.PermissionDenied, err.CategoryInfo.Category);
            Assert.Contains("verified domain", err.Exception.Message);
            Assert.Contains("unscoped", err.Exception.Message);
        }

        [Fact]
        public async Task Disable_enable_remove_are_idempotent_and_whatif_sends_nothing()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = Enumerable.Range(0, 3).Select(i => store.AddUser($"leaver{i}@acme-sandbox.example", $"Leaver {i}")).ToArray();
            var v = Vars(("ids", u.Select(x => x.AccountId).ToArray()), ("e0", u[0].Email));

            s.Emulator.Stats.Reset();
            var whatIf = s.Run("$ids | Disable-AtlassianManagedAccount -WhatIf -PassThru", v);
            Assert.All(whatIf.Output, o => Assert.Equal("WhatIf", Outcome(o)));
            Assert.False(Lifecycle(s.Emulator));

            var disabled = s.Run("$ids | Disable-AtlassianManagedAccount -Message 'left the company' -Force -PassThru", v);
            Assert.False(disabled.HadErrors, disabled.ErrorText);
            Assert.All(disabled.Output, o => Assert.Equal("Changed", Outcome(o)));
            Assert.All(u, x => Assert.True(store.FindUser(x.AccountId).Deactivated));

            s.Emulator.Stats.Reset();
            var again = s.Run("$ids | Disable-AtlassianManagedAccount -Force -PassThru", v);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", Outcome(o)));
            Assert.False(Lifecycle(s.Emulator));

            var enabled = s.Run("Enable-AtlassianManagedAccount -Email $e0 -PassThru; Enable-AtlassianManagedAccount -Email $e0 -PassThru", v);
            Assert.Equal(new[] { "Changed", "Unchanged" }, enabled.Output.Select(Outcome));
            Assert.Equal("active", store.FindUser(u[0].AccountId).Status);

            var removed = s.Run("Remove-AtlassianManagedAccount -AccountId $id -Force -PassThru; Remove-AtlassianManagedAccount -AccountId $id -Force -PassThru", Vars(("id", u[1].AccountId)));
            Assert.Equal(new[] { "Changed", "Unchanged" }, removed.Output.Select(Outcome));
            Assert.True(store.FindUser(u[1].AccountId).PendingDeletion);

            var blocked = s.Run("Enable-AtlassianManagedAccount -AccountId $id -PassThru", Vars(("id", u[1].AccountId)));
            Assert.Equal("AccountPendingDeletion", blocked.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidOperation, blocked.Errors.Single().CategoryInfo.Category);
            var restored = s.Run("Enable-AtlassianManagedAccount -AccountId $id -CancelDeletion -PassThru", Vars(("id", u[1].AccountId)));
            Assert.Equal("Changed", Outcome(restored.Output.Single()));
            Assert.Equal("active", store.FindUser(u[1].AccountId).Status);
        }

        [Fact]
        public async Task Unmanaged_accounts_fail_before_any_write_and_other_rows_go_on()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var ext = store.AddUser("contractor@gmail.com", "Con Tractor");
            var mine = store.AddUser("staff@acme-sandbox.example", "Staff Member");
            var rows = new[] { PsHarness.Row(("email", ext.Email)), PsHarness.Row(("email", "nobody@acme-sandbox.example")), PsHarness.Row(("email", mine.Email)) };
            var r = s.Run("$rows | Disable-AtlassianManagedAccount -Force -PassThru", Vars(("rows", rows)));
            Assert.Equal(new[] { "Failed", "Failed", "Changed" }, r.Output.Select(Outcome));
            Assert.Equal(new[] { "AccountNotManaged", "UserNotFound" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Same(rows[0].BaseObject, ((PSObject)r.Errors[0].TargetObject).BaseObject);
            Assert.False(store.FindUser(ext.AccountId).Deactivated);
            Assert.True(store.FindUser(mine.AccountId).Deactivated);
        }

        [Fact]
        public async Task Set_updates_profile_fields_from_csv_and_is_idempotent()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = store.AddUser("profile.person@acme-sandbox.example", "Profile Person");
            var rows = new[] { PsHarness.Row(("email", u.Email), ("job_title", "Staff Engineer"), ("department", "Platform"), ("location", "")) };
            var r = s.Run("$rows | Set-AtlassianManagedAccount -PassThru", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("Changed", Outcome(r.Output.Single()));
            Assert.Equal("Staff Engineer", store.FindUser(u.AccountId).JobTitle);
            Assert.Equal("Platform", store.FindUser(u.AccountId).Department);
            s.Emulator.Stats.Reset();
            var again = s.Run("$rows | Set-AtlassianManagedAccount -PassThru", Vars(("rows", rows)));
            Assert.Equal("Unchanged", Outcome(again.Output.Single()));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.StartsWith("PATCH"));
            var whatIf = s.Run("Set-AtlassianManagedAccount -Email $e -Nickname pp -WhatIf -PassThru", Vars(("e", u.Email)));
            Assert.Equal("WhatIf", Outcome(whatIf.Output.Single()));
            Assert.NotEqual("pp", store.FindUser(u.AccountId).Nickname);
        }
    }
}
