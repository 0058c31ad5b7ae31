using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class SeedAndPagingTests
    {
        [Fact]
        public void Same_seed_gives_identical_state_and_another_seed_differs()
        {
            var a = new SandboxHandler(new SandboxOptions { Seed = 7 }).Store;
            var b = new SandboxHandler(new SandboxOptions { Seed = 7 }).Store;
            var c = new SandboxHandler(new SandboxOptions { Seed = 8 }).Store;
            Assert.Equal(a.OrgId, b.OrgId);
            Assert.Equal(a.DirectoryId, b.DirectoryId);
            Assert.Equal(a.Users().Select(u => u.AccountId + u.Email + u.Status), b.Users().Select(u => u.AccountId + u.Email + u.Status));
            Assert.Equal(a.Groups().Select(g => g.Id + g.Name + g.MemberCount), b.Groups().Select(g => g.Id + g.Name + g.MemberCount));
            Assert.NotEqual(a.OrgId, c.OrgId);
            Assert.NotEqual(a.Users().Select(u => u.Email), c.Users().Select(u => u.Email));
        }

        [Fact]
        public void Seed_is_realistic()
        {
            var s = new SandboxHandler(new SandboxOptions { UserCount = 200 }).Store;
            var users = s.Users();
            Assert.Equal(200, users.Count);
            Assert.Equal("admin@acme-sandbox.example", users[0].Email);
            Assert.Equal(users[0].AccountId, s.ApiKeyOwnerAccountId);
            Assert.Equal(users.Count, users.Select(u => u.Email.ToLowerInvariant()).Distinct().Count());
            Assert.InRange(users.Count(u => u.Status == "suspended"), 5, 30);
            Assert.Contains(users, u => u.Status == "deactivated");
            Assert.Contains(users, u => !u.Managed && u.ClaimStatus == "unmanaged" && !u.Email.EndsWith("@acme-sandbox.example"));
            Assert.Contains(users, u => u.LastActiveAny == null);
            Assert.All(users.Where(u => u.LastActiveAny != null), u => Assert.True(u.LastActiveAny > System.DateTimeOffset.UtcNow.AddDays(-202)));
            var names = s.Groups().Select(g => g.Name).ToList();
            Assert.Equal(new[] { "jira-software-users", "confluence-users", "site-admins", "developers", "marketing", "hr-synced" }, names);
            Assert.True(s.FindGroupByName("hr-synced").ExternalSynced);
            Assert.Equal("external", s.FindGroupByName("hr-synced").ManagedBy);
            var jira = s.Workspaces().Single(w => w.Id.StartsWith("ari:cloud:jira::site/"));
            Assert.Equal("acme-sandbox.atlassian.net", jira.HostUrl);
            Assert.Contains(s.GroupRoles(s.FindGroupByName("jira-software-users").Id), r => r.ResourceId == jira.Id && r.RoleId == "atlassian/user");
            Assert.Contains(s.Domains(), d => d.Name == "acme-sandbox.example" && d.ClaimStatus == "verified");
            Assert.Contains(s.Domains(), d => d.ClaimStatus == "unverified");
        }

        [Fact]
        public void Snapshots_are_copies()
        {
            var s = new SandboxHandler().Store;
            var u = s.Users()[1];
            u.Status = "changed";
            u.Email = "x@y";
            Assert.NotEqual("changed", s.FindUser(u.AccountId).Status);
            Assert.NotEqual("x@y", s.FindUser(u.AccountId).Email);
        }

        [Fact]
        public async Task Paging_returns_every_user_exactly_once_in_store_order()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 15, DefaultPageSize = 2 });
            var all = await c.PostAll(c.Dir + "/users/search", new Dictionary<string, object>());
            var ids = all.Select(u => u.GetProperty("accountId").GetString()).ToList();
            Assert.Equal(c.Store.Users().Select(u => u.AccountId), ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        [Fact]
        public async Task First_page_has_null_prev_and_last_page_null_next()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 5, DefaultPageSize = 2 });
            var first = (await c.Post(c.Dir + "/users/search", new { })).AssertStatus(200).Json;
            Assert.Equal(JsonValueKind.Null, first.GetProperty("links").GetProperty("prev").ValueKind);
            var cursor = first.GetProperty("links").GetProperty("next").GetString();
            Assert.DoesNotContain("http", cursor);                     // v2: bare opaque token
            var second = (await c.Post(c.Dir + "/users/search", new { cursor })).AssertStatus(200).Json;
            Assert.NotEqual(JsonValueKind.Null, second.GetProperty("links").GetProperty("prev").ValueKind);
            var third = (await c.Post(c.Dir + "/users/search", new { cursor = second.GetProperty("links").GetProperty("next").GetString() })).Json;
            Assert.Single(third.GetProperty("data").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, third.GetProperty("links").GetProperty("next").ValueKind);
        }

        [Fact]
        public async Task Cursor_carries_the_filters_and_ignores_new_ones()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 60, DefaultPageSize = 2 });
            var first = (await c.Post(c.Dir + "/users/search", new { status = new[] { "active" } })).AssertStatus(200).Json;
            var cursor = first.GetProperty("links").GetProperty("next").GetString();
            // Different filter alongside the cursor: ignored, the page continues the "active" listing.
            var second = (await c.Post(c.Dir + "/users/search", new { cursor, status = new[] { "suspended" }, limit = 50 })).AssertStatus(200).Json;
            var statuses = second.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("status").GetString()).ToList();
            Assert.Equal(2, statuses.Count);
            Assert.All(statuses, st => Assert.Equal("active", st));
            var firstIds = first.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("accountId").GetString());
            Assert.Empty(second.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("accountId").GetString()).Intersect(firstIds));
        }

        [Fact]
        public async Task Get_list_pages_with_cursor_query_parameter()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 5, DefaultPageSize = 2 });
            var ids = new List<string>();
            string path = c.Dir + "/users";
            while (path != null)
            {
                var page = (await c.Get(path)).AssertStatus(200).Json;
                ids.AddRange(page.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("accountId").GetString()));
                var next = page.GetProperty("links").GetProperty("next");
                path = next.ValueKind == JsonValueKind.Null ? null : c.Dir + "/users?cursor=" + next.GetString();
            }
            Assert.Equal(c.Store.Users().Select(u => u.AccountId), ids);
        }

        [Fact]
        public async Task Invalid_cursor_is_400_ADMIN_400_1()
        {
            using var c = new SandboxClient();
            Assert.Equal("ADMIN-400-1", (await c.Post(c.Dir + "/users/search", new { cursor = "not-a-cursor!!" })).ErrorCode(400));
            Assert.Equal("ADMIN-400-1", (await c.Get(c.Dir + "/groups?cursor=bm9wZQ")).ErrorCode(400));
        }

        [Fact]
        public async Task Limit_above_max_is_clamped()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 30, MaxPageSize = 10 });
            var page = (await c.Post(c.Dir + "/users/search", new { limit = 1000 })).AssertStatus(200).Json;
            Assert.Equal(10, page.GetProperty("data").GetArrayLength());
            Assert.Equal("ADMIN-400-24", (await c.Post(c.Dir + "/users/search", new { limit = 0 })).ErrorCode(400));
        }

        [Fact]
        public async Task Listing_twenty_thousand_users_page_by_page_takes_one_request_per_page()
        {
            // Speed is the benchmark's business (bench/); here: every user once, in full pages, nothing re-read.
            using var c = new SandboxClient(new SandboxOptions { UserCount = 20000 });
            var all = await c.PostAll(c.Dir + "/users/search", new Dictionary<string, object> { ["limit"] = 100 });
            Assert.Equal(20000, all.Count);
            Assert.Equal(20000, all.Select(u => u.GetProperty("accountId").GetString()).Distinct().Count());
            Assert.Equal(200, c.Handler.Stats.Requests);
        }
    }
}
