using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class JiraUserAndGroupTests
    {
        [Fact]
        public async Task Basic_auth_is_required_except_for_serverInfo()
        {
            using var j = new JiraClient();
            j.Auth = SandboxClient.Basic("admin@acme-sandbox.example", "wrong");
            var r = await j.Get("myself");
            r.AssertStatus(401);
            Assert.True(r.Json.GetProperty("errorMessages").GetArrayLength() > 0);
            Assert.Equal(JsonValueKind.Object, r.Json.GetProperty("errors").ValueKind);
            j.Auth = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sandbox-api-key");
            (await j.Get("myself")).AssertStatus(401);
            j.Auth = null;
            var info = (await j.Get("serverInfo")).AssertStatus(200).Json;
            Assert.Equal("Cloud", info.GetProperty("deploymentType").GetString());
        }

        [Fact]
        public async Task Myself_and_user_lookup()
        {
            using var j = new JiraClient();
            var me = (await j.Get("myself?expand=groups")).AssertStatus(200).Json;
            Assert.Equal(j.Store.ApiKeyOwnerAccountId, me.GetProperty("accountId").GetString());
            Assert.Equal("admin@acme-sandbox.example", me.GetProperty("emailAddress").GetString());
            Assert.Contains(me.GetProperty("groups").GetProperty("items").EnumerateArray(), g => g.GetProperty("name").GetString() == "site-admins");
            var other = j.Store.Users()[2];
            var u = (await j.Get("user?accountId=" + other.AccountId)).AssertStatus(200).Json;
            Assert.Equal(other.Name, u.GetProperty("displayName").GetString());
            Assert.Equal(404, (await j.Get("user?accountId=nobody")).Code);
            var groups = (await j.Get("user/groups?accountId=" + other.AccountId)).AssertStatus(200).Json;
            Assert.Equal(other.GroupIds.OrderBy(x => x), groups.EnumerateArray().Select(g => g.GetProperty("groupId").GetString()).OrderBy(x => x));
        }

        [Fact]
        public async Task User_search_is_active_only_and_users_search_includes_inactive()
        {
            using var j = new JiraClient(new SandboxOptions { UserCount = 80 });
            var s = j.Store;
            var jiraUsers = s.Users().Where(u => s.HasJiraAccess(u.AccountId)).ToList();
            var all = (await j.Get("users/search?maxResults=100")).AssertStatus(200).Json;
            Assert.Equal(jiraUsers.Count, all.GetArrayLength());
            Assert.Contains(all.EnumerateArray(), u => !u.GetProperty("active").GetBoolean());

            var active = (await j.Get("user/search?query=&maxResults=100")).AssertStatus(200).Json;
            Assert.Equal(jiraUsers.Count(u => u.Status == "active"), active.GetArrayLength());
            Assert.All(active.EnumerateArray(), u => Assert.True(u.GetProperty("active").GetBoolean()));

            var target = jiraUsers.First(u => u.Status == "active" && u.AccountId != s.ApiKeyOwnerAccountId);
            var byName = (await j.Get("user/search?query=" + target.Name.Split(' ')[1])).Json;
            Assert.Contains(byName.EnumerateArray(), u => u.GetProperty("accountId").GetString() == target.AccountId);

            // Paging: plain arrays, shorter page at the end.
            var p1 = (await j.Get("users/search?startAt=0&maxResults=5")).Json;
            var p2 = (await j.Get("users/search?startAt=5&maxResults=5")).Json;
            Assert.Equal(5, p1.GetArrayLength());
            Assert.Empty(p1.EnumerateArray().Select(u => u.GetProperty("accountId").GetString()).Intersect(p2.EnumerateArray().Select(u => u.GetProperty("accountId").GetString())));
        }

        [Fact]
        public async Task Create_user_needs_products_and_refuses_existing_accounts_without_jira()
        {
            using var j = new JiraClient();
            var s = j.Store;
            Assert.Equal(400, (await j.Post("user", new { emailAddress = "x.y@acme-sandbox.example" })).Code);
            var created = (await j.Post("user", new { emailAddress = "new.dev@acme-sandbox.example", products = new[] { "jira-software" } })).AssertStatus(201).Json;
            var id = created.GetProperty("accountId").GetString();
            Assert.True(s.HasJiraAccess(id));
            Assert.NotNull(s.FindUser(id));                                   // now visible to the org API too
            (await j.Post("user", new { emailAddress = "new.dev@acme-sandbox.example", products = new[] { "jira-software" } })).AssertStatus(201);

            var noJira = s.AddUser("wiki.only@acme-sandbox.example", "Wiki Only");
            var r = await j.Post("user", new { emailAddress = noJira.Email, products = new[] { "jira-software" } });
            r.AssertStatus(400);
            Assert.NotEmpty(r.Json.GetProperty("errorMessages").EnumerateArray());
            var none = (await j.Post("user", new { emailAddress = "no.products@acme-sandbox.example", products = new string[0] })).AssertStatus(201).Json;
            Assert.False(s.HasJiraAccess(none.GetProperty("accountId").GetString()));
        }

        [Fact]
        public async Task Group_membership_over_jira_shares_state_with_the_org_api()
        {
            using var j = new JiraClient();
            var s = j.Store;
            var g = (await j.Post("group", new { name = "approvers" })).AssertStatus(201).Json;
            var gid = g.GetProperty("groupId").GetString();
            Assert.Equal("approvers", s.FindGroup(gid).Name);
            Assert.Equal(400, (await j.Post("group", new { name = "approvers" })).Code);

            var u = s.Users()[1].AccountId;
            (await j.Post("group/user?groupId=" + gid, new { accountId = u })).AssertStatus(201);
            Assert.Contains(u, s.GroupMembers(gid));
            var again = await j.Post("group/user?groupId=" + gid, new { accountId = u });
            again.AssertStatus(400);
            Assert.Contains("already a member", again.Json.GetProperty("errorMessages")[0].GetString());
            Assert.Equal(404, (await j.Post("group/user?groupId=missing", new { accountId = u })).Code);
            Assert.Equal(400, (await j.Post("group/user?groupId=" + gid, new { })).Code);
            Assert.Equal(404, (await j.Post("group/user?groupId=" + gid, new { accountId = "nobody" })).Code);
            Assert.Equal(400, (await j.Post("group/user?groupId=" + s.FindGroupByName("hr-synced").Id, new { accountId = u })).Code);

            var members = (await j.Get("group/member?groupId=" + gid)).AssertStatus(200).Json;
            Assert.Equal(1, members.GetProperty("total").GetInt32());
            Assert.True(members.GetProperty("isLast").GetBoolean());

            (await j.Delete("group/user?groupId=" + gid + "&accountId=" + u)).AssertStatus(200);
            Assert.Empty(s.GroupMembers(gid));
            Assert.Equal(400, (await j.Delete("group/user?groupId=" + gid)).Code);
            (await j.Delete("group?groupId=" + gid)).AssertStatus(200);
            Assert.Null(s.FindGroup(gid));
            Assert.Equal(404, (await j.Get("group/member?groupId=" + gid)).Code);
        }

        [Fact]
        public async Task Non_admin_caller_gets_403_on_group_admin()
        {
            var options = new SandboxOptions { JiraEmail = "", JiraApiToken = "t" };
            using var j = new JiraClient(options);
            var plain = j.Store.Users().First(u => u.Status == "active" && j.Store.HasJiraAccess(u.AccountId) && !u.GroupIds.Contains(j.Store.FindGroupByName("site-admins").Id));
            options.JiraEmail = plain.Email;
            j.Auth = SandboxClient.Basic(plain.Email, "t");
            Assert.Equal(plain.AccountId, (await j.Get("myself")).AssertStatus(200).Json.GetProperty("accountId").GetString());
            var g = j.Store.FindGroupByName("developers");
            Assert.Equal(403, (await j.Post("group/user?groupId=" + g.Id, new { accountId = plain.AccountId })).Code);
            Assert.Equal(403, (await j.Post("group", new { name = "x" })).Code);
        }

        [Fact]
        public async Task Group_bulk_pages_and_picker()
        {
            using var j = new JiraClient(new SandboxOptions { DefaultPageSize = 2 });
            var names = new System.Collections.Generic.List<string>();
            var path = "group/bulk";
            while (true)
            {
                var page = (await j.Get(path)).AssertStatus(200).Json;
                names.AddRange(page.GetProperty("values").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
                Assert.Equal(6, page.GetProperty("total").GetInt32());
                if (page.GetProperty("isLast").GetBoolean()) break;
                path = "group/bulk?startAt=" + names.Count + "&maxResults=2";
            }
            Assert.Equal(j.Store.Groups().Select(g => g.Name).OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase), names);
            var picker = (await j.Get("groups/picker?query=USERS")).AssertStatus(200).Json;
            Assert.Equal(2, picker.GetProperty("total").GetInt32());
            Assert.Contains("<b>", picker.GetProperty("groups")[0].GetProperty("html").GetString());
        }

        [Fact]
        public async Task Jira_faults_use_jira_error_bodies_and_rate_headers()
        {
            using var j = new JiraClient(new SandboxOptions { RetryAfterSeconds = 2 });
            j.Handler.Faults.InjectNext(SandboxFault.TooManyRequests, 1, "/rest/api/3/");
            var r = await j.Get("myself");
            r.AssertStatus(429);
            Assert.Equal("2", r.Header("Retry-After"));
            Assert.Equal("jira-burst-based", r.Header("RateLimit-Reason"));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", r.Header("X-RateLimit-Reset"));
            Assert.True(r.Json.GetProperty("errorMessages").GetArrayLength() > 0);
            Assert.Equal(404, (await j.Get("nonexistent/thing")).Code);
        }
    }
}
