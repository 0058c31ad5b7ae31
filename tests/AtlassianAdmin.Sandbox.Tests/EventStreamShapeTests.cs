using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>events-stream per jira.js pollingEventPage/pollingEventModel; stats per multiDirectoryUserStats/GroupStats.</summary>
    public class EventStreamShapeTests
    {
        [Fact]
        public async Task Stream_events_have_processedAt_a_top_level_message_named_context_and_a_polling_cursor_on_the_last_page()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 10 });
            var g = c.Store.Groups().First(x => x.Name == "developers");
            var u = c.Store.Users().First(x => x.Status == "active" && !x.GroupIds.Contains(g.Id));
            (await c.Post(c.Dir + "/groups/" + g.Id + "/memberships", new { accountId = u.AccountId })).AssertStatus(204);
            var total = c.Store.Events().Count;
            var page = (await c.Get(c.V1 + "/events-stream?limit=500")).AssertStatus(200).Json;
            var data = page.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(total, data.Count);
            var added = data.Last();
            Assert.Equal("user_added_to_group", added.GetProperty("attributes").GetProperty("action").GetString());
            Assert.True(added.GetProperty("attributes").TryGetProperty("processedAt", out _));
            Assert.True(added.TryGetProperty("message", out _));
            var context = added.GetProperty("attributes").GetProperty("context").EnumerateArray().ToList();
            Assert.Equal(u.Email, context.Single(x => x.GetProperty("type").GetString() == "users").GetProperty("attributes").GetProperty("email").GetString());
            Assert.Equal("developers", context.Single(x => x.GetProperty("type").GetString() == "groups").GetProperty("attributes").GetProperty("name").GetString());

            // The last page still gives a cursor: polling it later returns only newer events.
            var cursor = page.GetProperty("meta").GetProperty("next").GetString();
            Assert.Empty((await c.Get(c.V1 + "/events-stream?cursor=" + cursor)).AssertStatus(200).Json.GetProperty("data").EnumerateArray());
            (await c.Delete(c.Dir + "/groups/" + g.Id + "/memberships/" + u.AccountId)).AssertStatus(204);
            var newer = (await c.Get(c.V1 + "/events-stream?cursor=" + cursor)).AssertStatus(200).Json.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal("user_removed_from_group", newer.Single().GetProperty("attributes").GetProperty("action").GetString());
        }

        [Fact]
        public async Task User_and_group_stats_have_the_generated_model_fields()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 30 });
            var users = (await c.Get(c.Dir + "/users/stats")).AssertStatus(200).Json;
            Assert.Equal(new[] { "accountStatus", "roles" }, users.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            Assert.All(users.GetProperty("roles").EnumerateArray(), r => Assert.True(r.TryGetProperty("roleId", out _) && r.TryGetProperty("count", out _)));
            var statuses = users.GetProperty("accountStatus").EnumerateArray().ToDictionary(x => x.GetProperty("status").GetString(), x => x.GetProperty("count").GetInt32());
            Assert.Equal(c.Store.Users().Count(x => x.AccountStatus == "active"), statuses["active"]);
            var groups = (await c.Get(c.Dir + "/groups/stats")).AssertStatus(200).Json;
            var totals = groups.GetProperty("totals");
            Assert.Equal(c.Store.Groups().Count, totals.GetProperty("all").GetInt32());
            Assert.Equal(c.Store.Groups().Count(x => x.ExternalSynced), totals.GetProperty("synced").GetInt32());
            Assert.True(totals.TryGetProperty("managed", out _));
            Assert.All(groups.GetProperty("types").EnumerateArray(), t => Assert.Contains(t.GetProperty("type").GetString(), new[] { "TEAM", "GROUP", "USERBASE_GROUP" }));
        }
    }
}
