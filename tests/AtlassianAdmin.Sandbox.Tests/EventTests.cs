using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class EventTests
    {
        [Fact]
        public async Task Mutations_are_recorded_and_served_newest_first_with_filters()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 0 });
            var start = DateTimeOffset.UtcNow.AddSeconds(-1);
            var g = (await c.Post(c.Dir + "/groups", new { name = "audited" })).AssertStatus(201).Json.GetProperty("data").GetProperty("id").GetString();
            var u = c.Store.Users()[1].AccountId;
            (await c.Post(c.Dir + "/groups/" + g + "/memberships", new { accountId = u })).AssertStatus(204);

            var recent = (await c.Get(c.V1 + "/events?from=" + Uri.EscapeDataString(start.ToString("o")))).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(new[] { "user_added_to_group", "group_created" }, recent.EnumerateArray().Select(e => e.GetProperty("attributes").GetProperty("action").GetString()));
            var added = recent[0].GetProperty("attributes");
            Assert.Equal(c.Store.ApiKeyOwnerAccountId, added.GetProperty("actor").GetProperty("id").GetString());
            Assert.Contains(added.GetProperty("context").EnumerateArray(), x => x.GetProperty("id").GetString() == u && x.GetProperty("type").GetString() == "users");
            Assert.Contains(added.GetProperty("context").EnumerateArray(), x => x.GetProperty("id").GetString() == g);

            var epochMs = start.ToUnixTimeMilliseconds();
            var byAction = (await c.Get(c.V1 + "/events?action=group_created&from=" + epochMs)).Json.GetProperty("data");
            Assert.Single(byAction.EnumerateArray());
            var past = (await c.Get(c.V1 + "/events?to=" + start.AddDays(-1).ToUnixTimeMilliseconds() + "&limit=100")).Json.GetProperty("data");
            Assert.All(past.EnumerateArray(), e => Assert.True(DateTimeOffset.Parse(e.GetProperty("attributes").GetProperty("time").GetString()) < start));
            Assert.NotEmpty(past.EnumerateArray());   // seeded history

            var id = recent[1].GetProperty("id").GetString();
            Assert.Equal("group_created", (await c.Get(c.V1 + "/events/" + id)).AssertStatus(200).Json.GetProperty("data").GetProperty("attributes").GetProperty("action").GetString());
            Assert.Equal("ADMIN-400-3", (await c.Get(c.V1 + "/events?from=yesterday")).ErrorCode(400));
        }

        [Fact]
        public async Task Events_page_with_meta_next_and_actions_are_listed()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 0, DefaultPageSize = 5 });
            var total = c.Store.Events().Count;
            var page = (await c.Get(c.V1 + "/events")).AssertStatus(200).Json;
            int seen = 0;
            while (true)
            {
                seen += page.GetProperty("data").GetArrayLength();
                var next = page.GetProperty("meta").GetProperty("next");
                if (next.ValueKind == JsonValueKind.Null) break;
                page = (await c.Get(c.V1 + "/events?cursor=" + next.GetString())).AssertStatus(200).Json;
            }
            Assert.Equal(total, seen);
            var actions = (await c.Get(c.V1 + "/event-actions")).AssertStatus(200).Json.GetProperty("data");
            Assert.Contains(actions.EnumerateArray(), a => a.GetProperty("id").GetString() == "user_added_to_group" && a.GetProperty("attributes").GetProperty("displayName").GetString().Length > 0);
        }

        [Fact]
        public async Task Events_stream_is_ascending_with_processedAt()
        {
            using var c = new SandboxClient();
            var data = (await c.Get(c.V1 + "/events-stream?limit=500")).AssertStatus(200).Json.GetProperty("data");
            var times = data.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetProperty("attributes").GetProperty("processedAt").GetString())).ToList();
            Assert.Equal(c.Store.Events().Count, times.Count);
            Assert.Equal(times.OrderBy(t => t), times);
        }

        [Fact]
        public async Task Events_endpoint_has_its_own_low_rate_limit()
        {
            using var c = new SandboxClient(new SandboxOptions { EventsRateLimitPerMinute = 3 });
            for (int i = 0; i < 3; i++) (await c.Get(c.V1 + "/events")).AssertStatus(200);
            var limited = await c.Get(c.V1 + "/events");
            Assert.Equal("ADMIN-429-1", limited.ErrorCode(429));
            Assert.True(int.Parse(limited.Header("Retry-After")) >= 1);
            (await c.Get(c.V1 + "/events-stream")).AssertStatus(200);      // other paths unaffected
            (await c.Get(c.Dir + "/users/count")).AssertStatus(200);
            Assert.Equal(1, c.Handler.Stats.RateLimited);
        }
    }
}
