using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class UserTests
    {
        [Fact]
        public async Task All_users_stream_through_ForEach_Object_across_pages()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 33, DefaultPageSize = 4 });
            var r = s.Run("Get-AtlassianUser | ForEach-Object { $_.AccountId }");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(s.Emulator.Store.Users().Select(u => u.AccountId).OrderBy(x => x), r.Output.Select(o => (string)o.BaseObject).OrderBy(x => x));
        }

        [Fact]
        public async Task Users_are_typed_with_pipeline_friendly_properties()
        {
            await using var s = await ConnectedSession.StartAsync();
            var r = s.Run("Get-AtlassianUser -First 1");
            var u = r.Output.Single();
            Assert.Equal("AtlassianAdmin.Models.AtlassianUser", u.BaseObject.GetType().FullName);
            Assert.Equal(s.Emulator.Store.DirectoryId, u.Properties["DirectoryId"].Value);
            Assert.False(string.IsNullOrEmpty((string)u.Properties["AccountId"].Value));
        }

        [Fact]
        public async Task Csv_shaped_rows_bind_by_property_name_with_common_headers()
        {
            await using var s = await ConnectedSession.StartAsync();
            var users = s.Emulator.Store.Users();
            var rows = new[]
            {
                PsHarness.Row(("account_id", users[1].AccountId)),
                PsHarness.Row(("EmailAddress", users[2].Email)),
                PsHarness.Row(("mail", users[3].Email.ToUpperInvariant())),
                PsHarness.Row(("accountId", users[4].AccountId), ("Email", users[5].Email)), // accountId wins
                PsHarness.Row(("Email", "nobody@acme-sandbox.example")),
                PsHarness.Row(("AccountId", "bad id with spaces")),
                PsHarness.Row(("Email", users[6].Email)),
            };
            var r = s.Run("$rows | Get-AtlassianUser", new Dictionary<string, object> { ["rows"] = rows });
            Assert.Equal(new[] { users[1], users[2], users[3], users[4], users[6] }.Select(u => u.AccountId),
                r.Output.Select(o => (string)o.Properties["AccountId"].Value));
            Assert.Equal(2, r.Errors.Count);
            var notFound = r.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("UserNotFound"));
            Assert.Equal(ErrorCategory.ObjectNotFound, notFound.CategoryInfo.Category);
            Assert.Equal("nobody@acme-sandbox.example", notFound.TargetObject);
            var invalid = r.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("InvalidAccountId"));
            Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
            Assert.Equal("bad id with spaces", invalid.TargetObject);
        }

        [Fact]
        public async Task Lookups_are_batched_not_one_request_per_row()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 150 });
            var ids = s.Emulator.Store.Users().Take(120).Select(u => u.AccountId).ToArray();
            s.Emulator.Stats.Reset();
            var r = s.Run("$ids | ForEach-Object { [pscustomobject]@{ AccountId = $_ } } | Get-AtlassianUser | ForEach-Object { $_.AccountId }",
                new Dictionary<string, object> { ["ids"] = ids });
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(ids, r.Output.Select(o => (string)o.BaseObject));
            Assert.InRange(s.Emulator.Stats.Requests, 2, 4); // two batches (100 + 20), maybe a directory lookup
        }

        [Fact]
        public async Task Filters_search_and_count()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 60 });
            var suspended = s.Emulator.Store.Users().Count(u => u.Status == "suspended");
            var r = s.Run("(Get-AtlassianUser -Status suspended | ForEach-Object { 1 }).Count; Get-AtlassianUserCount -Status suspended; Get-AtlassianUserCount");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.True(suspended > 0);
            Assert.Equal(suspended, (int)r.Output[0].BaseObject);
            Assert.Equal((long)suspended, (long)r.Output[1].BaseObject);
            Assert.Equal(60L, (long)r.Output[2].BaseObject);
            // Counting uses the count endpoint; it never lists.
            Assert.Equal(2, s.Emulator.Stats.ByRoute().Where(kv => kv.Key.StartsWith("GET") && kv.Key.EndsWith("/users/count")).Sum(kv => kv.Value));

            var target = s.Emulator.Store.Users()[7];
            var term = s.Run("Get-AtlassianUser -SearchTerm $t | ForEach-Object { $_.AccountId }", new Dictionary<string, object> { ["t"] = target.Email });
            Assert.Contains(target.AccountId, term.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public async Task First_and_Skip_page_client_side_and_stop_early()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 100, DefaultPageSize = 10 });
            s.Emulator.Stats.Reset();
            var r = s.Run("Get-AtlassianUser -Skip 5 -First 3 | ForEach-Object { $_.AccountId }");
            Assert.Equal(3, r.Output.Count);
            Assert.True(s.Emulator.Stats.Requests <= 3, $"{s.Emulator.Stats.Requests} requests");
        }
    
        [Fact]
        public async Task Stop_cancels_an_in_flight_request_at_once()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            // Settle the directory listing Connect starts in the background first: on a loaded machine it could still be
            // in flight below, hanging with the rest, and the cmdlet would wait on it without sending a request of its own.
            s.Run("Get-AtlassianDirectory | Out-Null");
            s.Emulator.Options.Latency = System.TimeSpan.FromHours(1); // every request now hangs: only cancellation ends it
            s.Emulator.Stats.Reset();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = s.Ps.Runspace;
            ps.AddScript("Get-AtlassianUserCount");
            var run = ps.BeginInvoke();
            await Eventually.Until(() => s.Emulator.Stats.Requests > 0, "the request reached the emulator");
            Eventually.Returns(ps.Stop, "Stop (with a request hanging for an hour)");
            Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            s.Emulator.Options.Latency = System.TimeSpan.Zero;
        }
    }
}
