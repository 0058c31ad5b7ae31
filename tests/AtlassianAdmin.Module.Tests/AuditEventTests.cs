using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class AuditEventTests
    {
        private const string Events = "GET /admin/v1/orgs/{orgId}/events";
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static List<string> Ids(PsResult r) => r.Output.Select(o => (string)o.Properties["Id"].Value).ToList();

        [Fact]
        public async Task Filters_by_action_actor_time_and_text_and_First_stops_reading()
        {
            // A high limit: this test is about filters, not waiting.
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 20, EventsRateLimitPerMinute = 6000 });
            var store = s.Emulator.Store;
            var users = store.Users().Where(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId).Take(2).Select(u => u.AccountId).ToArray();
            Assert.False(s.Run("$ids | Suspend-AtlassianDirectoryUser -Force", Vars(("ids", users))).HadErrors);
            var all = store.Events().OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).ToList();

            var everything = s.Run("Get-AtlassianAuditEvent -Verbose");
            Assert.False(everything.HadErrors, everything.ErrorText);
            Assert.Equal(all.Select(e => e.Id).OrderBy(x => x), Ids(everything).OrderBy(x => x));
            var times = everything.Output.Select(o => (DateTimeOffset)o.Properties["Time"].Value).ToList();
            Assert.Equal(times.OrderByDescending(t => t), times);     // newest first
            var first = everything.Output.First(o => (string)o.Properties["Action"].Value == "user_suspended" && users.Contains((string)o.Properties["TargetUserId"].Value));
            Assert.Equal(store.ApiKeyOwnerAccountId, first.Properties["ActorId"].Value);
            Assert.StartsWith("users:", (string)first.Properties["Targets"].Value);
            Assert.False(string.IsNullOrEmpty((string)first.Properties["Ip"].Value));
            foreach (var p in first.Properties) Assert.True(p.Value == null || p.Value is string || p.Value is DateTimeOffset, p.Name);

            var suspended = s.Run("Get-AtlassianAuditEvent -Action user_suspended");
            Assert.Equal(all.Where(e => e.Action == "user_suspended").Select(e => e.Id).OrderBy(x => x), Ids(suspended).OrderBy(x => x));

            // -From/-To are DateTimes, sent as epoch milliseconds.
            var since = DateTime.UtcNow.AddDays(-10);
            var recent = s.Run("Get-AtlassianAuditEvent -From $since -Verbose", Vars(("since", since)));
            Assert.Equal(all.Where(e => e.Time >= since).Select(e => e.Id).OrderBy(x => x), Ids(recent).OrderBy(x => x));
            Assert.Contains(recent.Verbose, v => Regex.IsMatch(v, @"/events\?from=\d{13}&"));
            var until = DateTime.UtcNow.AddDays(-10);
            Assert.Equal(all.Where(e => e.Time <= until).Select(e => e.Id).OrderBy(x => x), Ids(s.Run("Get-AtlassianAuditEvent -To $t", Vars(("t", until)))).OrderBy(x => x));

            // Actor by accountId or by email; somebody else did nothing.
            var admin = store.FindUser(store.ApiKeyOwnerAccountId);
            Assert.Equal(all.Count, s.Run("Get-AtlassianAuditEvent -Actor $a", Vars(("a", admin.Email))).Output.Count);
            Assert.Empty(s.Run("Get-AtlassianAuditEvent -Actor $a", Vars(("a", users[0]))).Output);
            var unknown = s.Run("Get-AtlassianAuditEvent -Actor nobody@acme-sandbox.example");
            Assert.StartsWith("UserNotFound", unknown.Error.FullyQualifiedErrorId);

            Assert.Equal(all.Count(e => e.Action == "group_created"), s.Run("Get-AtlassianAuditEvent -SearchTerm group_created").Output.Count);

            s.Emulator.Stats.Reset();
            var three = s.Run("Get-AtlassianAuditEvent -First 3");
            Assert.Equal(all.Take(3).Select(e => e.Id), Ids(three));
            Assert.Equal(1, s.Emulator.Stats.ByRoute()[Events]);

            var backwards = s.Run("Get-AtlassianAuditEvent -From $a -To $b", Vars(("a", DateTime.Now), ("b", DateTime.Now.AddDays(-1))));
            Assert.StartsWith("InvalidTimeRange", backwards.Error.FullyQualifiedErrorId);
        }

        [Fact]
        public async Task Event_actions_give_the_ids_that_Action_filters_on_in_one_request()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10, EventsRateLimitPerMinute = 6000 });
            s.Emulator.Stats.Reset();

            var all = s.Run("Get-AtlassianAuditEventAction");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(1, s.Emulator.Stats.ByRoute()["GET /admin/v1/orgs/{orgId}/event-actions"]);
            var ids = all.Output.Select(o => (string)o.Properties["Id"].Value).ToList();
            Assert.Contains("user_added_to_group", ids);
            Assert.All(all.Output, o => Assert.False(string.IsNullOrEmpty((string)o.Properties["DisplayName"].Value)));

            // -Name matches the id or the display name ("Suspended user access"); -First stops.
            var suspend = s.Run("Get-AtlassianAuditEventAction '*suspend*'").Output.Select(o => (string)o.Properties["Id"].Value);
            Assert.Equal(new[] { "user_suspended" }, suspend);
            Assert.Equal(new[] { "user_restored" }, s.Run("Get-AtlassianAuditEventAction 'Restored user*'").Output.Select(o => (string)o.Properties["Id"].Value));
            Assert.Equal(ids.Take(2), s.Run("Get-AtlassianAuditEventAction -First 2").Output.Select(o => (string)o.Properties["Id"].Value));

            // Every id it lists is one the audit log filters on: the seeded group events come back by the listed id.
            var groupCreated = s.Run("Get-AtlassianAuditEvent -Action $a", Vars(("a", ids.Single(i => i == "group_created"))));
            Assert.NotEmpty(groupCreated.Output);
            Assert.All(groupCreated.Output, o => Assert.Equal("group_created", o.Properties["Action"].Value));
        }

        [Fact]
        public async Task The_events_limit_makes_it_wait_not_fail_and_leaves_other_requests_alone()
        {
            // 60/min with a burst of 2 and 3 events a page: the seeded history needs 4+ pages, so two or more one-second waits.
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10, EventsRateLimitPerMinute = 60, EventsRateLimitBurst = 2, MaxPageSize = 3 });
            var total = s.Emulator.Store.Events().Count;
            var r = s.Run("Get-AtlassianAuditEvent -Verbose");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(total, r.Output.Count);
            Assert.Equal(0, s.Emulator.Stats.RateLimited);        // paced from the endpoint's headers, no 429 needed
            // It announced its waits (not measured on the wall clock): a token takes a second, so each is under about one.
            var waits = r.Verbose.Select(v => System.Text.RegularExpressions.Regex.Match(v, @"^Rate limit: waiting ([0-9.]+) s")).Where(m => m.Success)
                .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(waits);
            Assert.All(waits, w => Assert.InRange(w, 0, 1.1));
            Assert.Contains(r.Verbose, v => v.StartsWith("Rate limit: waiting") && v.Contains("60 requests per minute"));
            Assert.Contains(r.Progress, p => p.StatusDescription.Contains("rate limit"));

            // The org-wide gate saw none of it: other requests go straight through.
            var other = s.Run("Get-AtlassianUserCount -Verbose");
            Assert.False(other.HadErrors, other.ErrorText);
            Assert.DoesNotContain(other.Verbose, v => v.StartsWith("Rate limit"));

            // Straight after, the endpoint's budget is spent: the next read waits again rather than failing.
            s.Emulator.Stats.Reset();
            var again = s.Run("Get-AtlassianAuditEvent -First 2 -Verbose");
            Assert.False(again.HadErrors, again.ErrorText);
            Assert.Equal(2, again.Output.Count);
            Assert.Contains(again.Verbose, v => v.StartsWith("Rate limit: waiting"));
            Assert.Equal(0, s.Emulator.Stats.RateLimited);
        }
    }
}
