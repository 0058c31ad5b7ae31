using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class OrgReadTests
    {
        [Fact]
        public async Task Orgs_domains_and_directories()
        {
            using var c = new SandboxClient();
            var orgs = (await c.Get("admin/v1/orgs")).AssertStatus(200).Json;
            Assert.Equal(c.Store.OrgId, orgs.GetProperty("data")[0].GetProperty("id").GetString());
            Assert.Equal("Acme Sandbox", orgs.GetProperty("data")[0].GetProperty("attributes").GetProperty("name").GetString());
            var org = (await c.Get(c.V1)).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal("orgs", org.GetProperty("type").GetString());

            var domains = (await c.Get(c.V1 + "/domains")).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(2, domains.GetArrayLength());
            var verified = domains.EnumerateArray().Single(d => d.GetProperty("attributes").GetProperty("claim").GetProperty("status").GetString() == "verified");
            var one = (await c.Get(c.V1 + "/domains/" + verified.GetProperty("id").GetString())).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal("acme-sandbox.example", one.GetProperty("attributes").GetProperty("name").GetString());

            var dirs = (await c.Get(c.Org + "/directories")).AssertStatus(200).Json;
            Assert.Equal(c.Store.DirectoryId, dirs.GetProperty("data")[0].GetProperty("directoryId").GetString());
        }

        [Fact]
        public async Task Directories_filter_by_account_when_there_are_several()
        {
            using var c = new SandboxClient();
            var second = c.Store.AddDirectory("Legacy site");
            var u = c.Store.AddUser("legacy.person@acme-sandbox.example", "Legacy Person", directoryId: second);
            var all = (await c.Get(c.Org + "/directories")).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(2, all.GetArrayLength());
            var mine = (await c.Get(c.Org + "/directories?accountId=" + u.AccountId)).Json.GetProperty("data");
            Assert.Equal(second, mine.EnumerateArray().Single().GetProperty("directoryId").GetString());
            // The user is only listed in their own directory, and in "-".
            Assert.Equal(404, (await c.Get(c.Dir + "/users/" + u.AccountId)).Code);
            (await c.Get(c.Org + "/directories/" + second + "/users/" + u.AccountId)).AssertStatus(200);
            (await c.Get(c.Org + "/directories/-/users/" + u.AccountId)).AssertStatus(200);
        }

        [Fact]
        public async Task Search_filters_and_expansions()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 80 });
            var admin = c.Store.FindUser(c.Store.ApiKeyOwnerAccountId);
            var byEmail = (await c.Post(c.Dir + "/users/search", new { emails = new[] { "ADMIN@acme-sandbox.example" }, expand = new[] { "groups", "productAccess", "platformRoles", "counts.resources" } }))
                .AssertStatus(200).Json.GetProperty("data");
            var u = byEmail.EnumerateArray().Single();
            Assert.Equal(admin.AccountId, u.GetProperty("accountId").GetString());
            Assert.Contains("site-admins", u.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
            Assert.Contains(u.GetProperty("productAccess").EnumerateArray(), p => p.GetProperty("key").GetString() == "jira-software");
            Assert.Contains("atlassian/org-admin", u.GetProperty("platformRoles").EnumerateArray().Select(x => x.GetString()));
            Assert.True(u.GetProperty("counts").GetProperty("resources").GetInt32() >= 3);

            var suspended = (await c.Post(c.Dir + "/users/search", new { status = new[] { "suspended" }, limit = 100 })).Json.GetProperty("data");
            Assert.Equal(c.Store.Users().Count(x => x.Status == "suspended"), suspended.GetArrayLength());
            Assert.All(suspended.EnumerateArray(), x => Assert.Equal("suspended", x.GetProperty("membershipStatus").GetString()));

            var marketing = c.Store.FindGroupByName("marketing");
            var members = (await c.Post(c.Dir + "/users/search", new { groupIds = new[] { marketing.Id }, limit = 100 })).Json.GetProperty("data");
            Assert.Equal(c.Store.GroupMembers(marketing.Id).OrderBy(x => x), members.EnumerateArray().Select(x => x.GetProperty("accountId").GetString()).OrderBy(x => x));

            var unmanaged = (await c.Post(c.Dir + "/users/search", new { claimStatus = "unmanaged", limit = 100 })).Json.GetProperty("data");
            Assert.All(unmanaged.EnumerateArray(), x => Assert.DoesNotContain("@acme-sandbox.example", x.GetProperty("email").GetString()));

            var term = (await c.Post(c.Dir + "/users/search", new { searchTerm = "ADMIN" })).Json.GetProperty("data");
            Assert.Contains(term.EnumerateArray(), x => x.GetProperty("accountId").GetString() == admin.AccountId);

            var sorted = (await c.Post(c.Dir + "/users/search", new { sortBy = new[] { new { field = "nick_name", direction = "asc" } }, limit = 100 })).AssertStatus(200).Json.GetProperty("data");
            var nicks = sorted.EnumerateArray().Select(x => x.GetProperty("nickname").GetString()).ToList();
            Assert.Equal(nicks.OrderBy(x => x, System.StringComparer.OrdinalIgnoreCase), nicks);
        }

        [Fact]
        public async Task Count_uses_the_same_filters_and_stats_add_up()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 60 });
            var active = (await c.Get(c.Dir + "/users/count?status=active")).AssertStatus(200).Json.GetProperty("count").GetInt32();
            Assert.Equal(c.Store.Users().Count(u => u.Status == "active"), active);
            var both = (await c.Get(c.Dir + "/users/count?status=active&status=suspended")).Json.GetProperty("count").GetInt32();
            Assert.Equal(c.Store.Users().Count(u => u.Status == "active" || u.Status == "suspended"), both);
            var stats = (await c.Get(c.Dir + "/users/stats")).AssertStatus(200).Json;
            Assert.Equal(60, stats.GetProperty("accountStatus").EnumerateArray().Sum(x => x.GetProperty("count").GetInt32()));
            Assert.Contains(stats.GetProperty("roles").EnumerateArray(), r => r.GetProperty("roleId").GetString() == "atlassian/user");
            var groups = (await c.Get(c.Dir + "/groups/count")).AssertStatus(200).Json.GetProperty("count").GetInt32();
            Assert.Equal(6, groups);
            (await c.Get(c.Dir + "/groups/stats")).AssertStatus(200);
        }

        [Fact]
        public async Task Get_one_user_is_wrapped_in_data()
        {
            using var c = new SandboxClient();
            var id = c.Store.Users()[3].AccountId;
            var u = (await c.Get(c.Dir + "/users/" + id)).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal(id, u.GetProperty("accountId").GetString());
            Assert.Equal(c.Store.FindUser(id).Email, u.GetProperty("email").GetString());
        }

        [Fact]
        public async Task V1_managed_accounts_are_snake_case_with_total_and_url_links()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 30, DefaultPageSize = 4 });
            var page = (await c.Get(c.V1 + "/users")).AssertStatus(200).Json;
            var managed = c.Store.Users().Count(u => u.Managed);
            Assert.Equal(managed, page.GetProperty("meta").GetProperty("total").GetInt32());
            var first = page.GetProperty("data")[0];
            Assert.True(first.TryGetProperty("account_id", out _));
            Assert.True(first.TryGetProperty("account_status", out _));
            Assert.True(first.TryGetProperty("product_access", out _));
            var next = page.GetProperty("links").GetProperty("next").GetString();
            Assert.StartsWith("https://api.atlassian.com/admin/v1/orgs/", next);
            var seen = page.GetProperty("data").GetArrayLength();
            while (next != null)
            {
                var p = (await c.Get(next)).AssertStatus(200).Json;
                seen += p.GetProperty("data").GetArrayLength();
                var n = p.GetProperty("links").GetProperty("next");
                next = n.ValueKind == JsonValueKind.Null ? null : n.GetString();
            }
            Assert.Equal(managed, seen);
        }

        [Fact]
        public async Task Workspaces_query_pages_with_meta()
        {
            using var c = new SandboxClient(new SandboxOptions { DefaultPageSize = 2 });
            var first = (await c.Post(c.Org + "/workspaces", new { limit = 2 })).AssertStatus(200).Json;
            Assert.Equal(c.Store.Workspaces().Count, first.GetProperty("meta").GetProperty("total").GetInt32());
            Assert.Equal(0, first.GetProperty("meta").GetProperty("startIndex").GetInt32());
            var ids = first.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();
            var second = (await c.Post(c.Org + "/workspaces", new { cursor = first.GetProperty("links").GetProperty("next").GetString() })).AssertStatus(200).Json;
            Assert.Equal(2, second.GetProperty("meta").GetProperty("startIndex").GetInt32());
            ids.AddRange(second.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
            Assert.Equal(c.Store.Workspaces().Select(w => w.Id), ids);
            Assert.Equal("acme-sandbox.atlassian.net", first.GetProperty("data")[0].GetProperty("attributes").GetProperty("hostUrl").GetString());
        }

        [Fact]
        public async Task Last_active_dates_list_product_access()
        {
            using var c = new SandboxClient();
            var admin = c.Store.ApiKeyOwnerAccountId;
            var d = (await c.Get(c.V1 + "/directory/users/" + admin + "/last-active-dates")).AssertStatus(200).Json.GetProperty("data");
            Assert.Contains(d.GetProperty("product_access").EnumerateArray(), p => p.GetProperty("key").GetString() == "jira-software" && p.GetProperty("last_active").GetString() != null);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d.GetProperty("added_to_org").GetString());
        }
    }
}
