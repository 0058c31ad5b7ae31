using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The shared state-changing behaviour, proven on suspend/restore/remove through emulator state.</summary>
    public class LifecycleTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);

        [Fact]
        public async Task Suspend_by_object_accountId_email_and_csv_row_with_one_result_per_item()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30 });
            var active = s.Emulator.Store.Users().Where(u => u.Status == "active" && u.AccountId != s.Emulator.Store.ApiKeyOwnerAccountId).Take(5).ToList();
            var rows = new object[]
            {
                PsHarness.Row(("email", active[2].Email)),
                PsHarness.Row(("account_id", active[3].AccountId)),
                active[4].Email, // a plain string
            };
            var r = s.Run(@"
                Get-AtlassianUser -AccountId $a0 | Suspend-AtlassianDirectoryUser -Force -PassThru
                Suspend-AtlassianDirectoryUser -AccountId $a1 -Confirm:$false -PassThru
                $rows | Suspend-AtlassianDirectoryUser -Force -PassThru",
                Vars(("a0", active[0].AccountId), ("a1", active[1].AccountId), ("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(5, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("Changed", o.Properties["Outcome"].Value.ToString()));
            Assert.Equal(active.Select(u => u.AccountId), r.Output.Select(o => (string)o.Properties["AccountId"].Value));
            foreach (var u in active)
            {
                var now = s.Emulator.Store.FindUser(u.AccountId);
                Assert.Equal("suspended", now.Status);
            }
        }

        [Fact]
        public async Task Suspend_keeps_groups_restore_brings_access_back_remove_drops_it()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30 });
            var store = s.Emulator.Store;
            var group = store.Groups().First(g => !g.ExternalSynced && store.GroupMembers(g.Id).Count > 0);
            var member = store.GroupMembers(group.Id).Select(store.FindUser).First(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId);
            var v = Vars(("id", member.AccountId));

            Assert.False(s.Run("Suspend-AtlassianDirectoryUser -AccountId $id -Force", v).HadErrors);
            Assert.Equal("suspended", store.FindUser(member.AccountId).Status);
            Assert.Contains(member.AccountId, store.GroupMembers(group.Id));

            var restored = s.Run("Restore-AtlassianDirectoryUser -AccountId $id -PassThru", v);
            Assert.Equal("Changed", restored.Output.Single().Properties["Outcome"].Value.ToString());
            Assert.Equal("active", store.FindUser(member.AccountId).Status);
            Assert.Contains(member.AccountId, store.GroupMembers(group.Id));

            var removed = s.Run("Remove-AtlassianDirectoryUser -AccountId $id -Force -PassThru", v);
            Assert.False(removed.HadErrors, removed.ErrorText);
            Assert.Null(store.FindUser(member.AccountId));
            Assert.DoesNotContain(member.AccountId, store.GroupMembers(group.Id));
        }

        [Fact]
        public async Task Rerunning_is_idempotent_and_reports_unchanged_without_writes()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var users = s.Emulator.Store.Users().Where(u => u.Status == "active" && u.AccountId != s.Emulator.Store.ApiKeyOwnerAccountId).Take(3).Select(u => u.AccountId).ToArray();
            var v = Vars(("ids", users));
            s.Run("$ids | Suspend-AtlassianDirectoryUser -Force", v);
            s.Emulator.Stats.Reset();
            var again = s.Run("$ids | Suspend-AtlassianDirectoryUser -Force -PassThru", v);
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.All(again.Output, o => Assert.Equal("Unchanged", o.Properties["Outcome"].Value.ToString()));
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.Contains("/suspend"));
            var restoreActive = s.Run("Restore-AtlassianDirectoryUser -AccountId $id -PassThru", Vars(("id", s.Emulator.Store.ApiKeyOwnerAccountId)));
            Assert.Equal("Unchanged", restoreActive.Output.Single().Properties["Outcome"].Value.ToString());
        }

        [Fact]
        public async Task WhatIf_says_what_would_change_and_sends_no_write()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var target = s.Emulator.Store.Users().First(u => u.Status == "active" && u.AccountId != s.Emulator.Store.ApiKeyOwnerAccountId);
            s.Emulator.Stats.Reset();
            var r = s.Run("Suspend-AtlassianDirectoryUser -Email $e -WhatIf -PassThru; Remove-AtlassianDirectoryUser -Email $e -WhatIf -Force -PassThru", Vars(("e", target.Email)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.All(r.Output, o => Assert.Equal("WhatIf", o.Properties["Outcome"].Value.ToString()));
            Assert.Equal("active", s.Emulator.Store.FindUser(target.AccountId).Status);
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k.StartsWith("DELETE") || k.Contains("/suspend"));
        }

        [Fact]
        public async Task Bad_rows_fail_alone_with_clear_errors_and_the_rest_succeed()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20 });
            var good = s.Emulator.Store.Users().Where(u => u.Status == "active" && u.AccountId != s.Emulator.Store.ApiKeyOwnerAccountId).Take(2).ToList();
            var rows = new[]
            {
                PsHarness.Row(("Email", good[0].Email)),
                PsHarness.Row(("Email", "ghost@acme-sandbox.example")),
                PsHarness.Row(("AccountId", "not valid!")),
                PsHarness.Row(("Email", "not-an-email")),
                PsHarness.Row(("Name", "no identity")),
                PsHarness.Row(("Email", good[1].Email)),
            };
            var r = s.Run("$rows | Suspend-AtlassianDirectoryUser -Force -PassThru", Vars(("rows", rows)));
            Assert.Equal(6, r.Output.Count);
            Assert.Equal(new[] { "Changed", "Failed", "Failed", "Failed", "Failed", "Changed" }, r.Output.Select(o => o.Properties["Outcome"].Value.ToString()));
            Assert.Equal(4, r.Errors.Count);
            Assert.Equal(new[] { "UserNotFound", "InvalidAccountId", "InvalidEmail", "UserIdentityMissing" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(ErrorCategory.ObjectNotFound, r.Errors[0].CategoryInfo.Category);
            Assert.Equal(ErrorCategory.InvalidArgument, r.Errors[1].CategoryInfo.Category);
            // TargetObject is the input row itself.
            Assert.Same(rows[1].BaseObject, ((PSObject)r.Errors[0].TargetObject).BaseObject);
            Assert.Equal("suspended", s.Emulator.Store.FindUser(good[0].AccountId).Status);
            Assert.Equal("suspended", s.Emulator.Store.FindUser(good[1].AccountId).Status);
        }

        [Fact]
        public async Task Email_lookups_are_batched_for_bulk_input()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 120 });
            var emails = s.Emulator.Store.Users().Where(u => u.Status == "active" && u.AccountId != s.Emulator.Store.ApiKeyOwnerAccountId).Take(60).Select(u => u.Email).ToArray();
            s.Emulator.Stats.Reset();
            var r = s.Run("$emails | Suspend-AtlassianDirectoryUser -Force -PassThru", Vars(("emails", emails)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(60, r.Output.Count);
            var searches = s.Emulator.Stats.ByRoute().Where(kv => kv.Key.Contains("users/search")).Sum(kv => kv.Value);
            Assert.True(searches <= 10, $"{searches} searches for 60 rows");
            Assert.Equal(60, s.Emulator.Stats.ByRoute().Where(kv => kv.Key.Contains("/suspend")).Sum(kv => kv.Value));
        }
    
        [Fact]
        public async Task With_several_directories_the_error_lists_their_ids_and_DirectoryId_chooses()
        {
            string second = null;
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 }, seed: st => second = st.AddDirectory("Contractors"));
            var store = s.Emulator.Store;
            var target = store.Users().First(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId);
            var v = Vars(("id", target.AccountId), ("dir", store.DirectoryId));

            var r = s.Run("Suspend-AtlassianDirectoryUser -AccountId $id -Force", v);
            Assert.StartsWith("DirectoryIdRequired", r.Error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, r.Error.CategoryInfo.Category);
            Assert.Contains(store.DirectoryId, r.Error.Exception.Message);
            Assert.Contains(second, r.Error.Exception.Message);
            Assert.Equal("active", store.FindUser(target.AccountId).Status);

            var ok = s.Run("Suspend-AtlassianDirectoryUser -AccountId $id -DirectoryId $dir -Force -PassThru", v);
            Assert.False(ok.HadErrors, ok.ErrorText);
            Assert.Equal("suspended", store.FindUser(target.AccountId).Status);
        }
    }
}
