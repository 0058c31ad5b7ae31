using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class JiraProjectAndIssueTests
    {
        [Fact]
        public async Task Projects_have_leads_and_search_pages()
        {
            using var j = new JiraClient(new SandboxOptions { DefaultPageSize = 2 });
            var acme = (await j.Get("project/ACME")).AssertStatus(200).Json;
            var lead = acme.GetProperty("lead").GetProperty("accountId").GetString();
            Assert.Equal(j.Store.Projects().Single(p => p.Key == "ACME").LeadAccountId, lead);
            Assert.NotNull(j.Store.FindUser(lead));
            Assert.Equal(JsonValueKind.Null, (await j.Get("project/WEB")).Json.GetProperty("lead").ValueKind);
            var missing = await j.Get("project/NOPE");
            missing.AssertStatus(404);
            Assert.NotEmpty(missing.Json.GetProperty("errorMessages").EnumerateArray());

            var first = (await j.Get("project/search")).AssertStatus(200).Json;
            Assert.Equal(4, first.GetProperty("total").GetInt32());
            Assert.False(first.GetProperty("isLast").GetBoolean());
            Assert.Contains("startAt=2", first.GetProperty("nextPage").GetString());
            var keys = (await j.Get("project/search?keys=OPS&keys=ACCESS")).Json.GetProperty("values").EnumerateArray().Select(p => p.GetProperty("key").GetString());
            Assert.Equal(new[] { "ACCESS", "OPS" }, keys);
            Assert.Equal("WEB", (await j.Get("project/search?query=webs")).Json.GetProperty("values")[0].GetProperty("key").GetString());
        }

        [Fact]
        public async Task Project_role_actors_append_and_remove()
        {
            using var j = new JiraClient();
            var s = j.Store;
            var roles = (await j.Get("project/ACME/role")).AssertStatus(200).Json;
            Assert.EndsWith("/role/10001", roles.GetProperty("Developers").GetString());
            var dev = (await j.Get("project/ACME/role/10001")).AssertStatus(200).Json;
            Assert.Equal("Developers", dev.GetProperty("name").GetString());
            Assert.Contains(dev.GetProperty("actors").EnumerateArray(), a => a.GetProperty("type").GetString() == "atlassian-group-role-actor");

            var user = s.Users().First(u => !s.ProjectRoleActors("ACME", "Developers").Any(a => a.AccountId == u.AccountId)).AccountId;
            var marketing = s.FindGroupByName("marketing");
            var updated = (await j.Post("project/ACME/role/10001", new { user = new[] { user } })).AssertStatus(200).Json;
            Assert.Contains(updated.GetProperty("actors").EnumerateArray(), a => a.TryGetProperty("actorUser", out var au) && au.GetProperty("accountId").GetString() == user);
            (await j.Post("project/ACME/role/10001", new { groupId = new[] { marketing.Id } })).AssertStatus(200);
            (await j.Post("project/ACME/role/10000", new { group = new[] { "hr-synced" } })).AssertStatus(200);
            Assert.Contains(s.ProjectRoleActors("ACME", "Developers"), a => a.GroupName == "marketing");
            Assert.Contains(s.ProjectRoleActors("ACME", "Users"), a => a.GroupName == "hr-synced");
            Assert.Equal(400, (await j.Post("project/ACME/role/10001", new { user = new[] { user } })).Code);   // already there
            Assert.Equal(404, (await j.Post("project/ACME/role/10001", new { user = new[] { "nobody" } })).Code);
            Assert.Equal(404, (await j.Post("project/ACME/role/99999", new { user = new[] { user } })).Code);

            (await j.Delete("project/ACME/role/10001?user=" + user)).AssertStatus(204);
            (await j.Delete("project/ACME/role/10001?groupId=" + marketing.Id)).AssertStatus(204);
            (await j.Delete("project/ACME/role/10000?group=hr-synced")).AssertStatus(204);
            Assert.DoesNotContain(s.ProjectRoleActors("ACME", "Developers"), a => a.AccountId == user || a.GroupId == marketing.Id);
            Assert.Equal(404, (await j.Delete("project/ACME/role/10001?user=" + user)).Code);
        }

        private static object NewIssue(string project, string summary, string assignee = null, string[] labels = null, object description = null) => new
        {
            fields = new
            {
                project = new { key = project },
                issuetype = new { name = "Task" },
                summary,
                description = description ?? JiraClient.Adf("Please approve."),
                assignee = assignee == null ? null : new { accountId = assignee },
                labels = labels ?? new[] { "access-request" },
            },
        };

        [Fact]
        public async Task Create_issue_validates_and_numbers_keys_per_project()
        {
            using var j = new JiraClient();
            var lead = j.Store.Projects().Single(p => p.Key == "ACCESS").LeadAccountId;
            var a = (await j.Post("issue", NewIssue("ACCESS", "Access request: developers for Jane", lead))).AssertStatus(201).Json;
            var b = (await j.Post("issue", NewIssue("ACCESS", "Second"))).AssertStatus(201).Json;
            var c = (await j.Post("issue", NewIssue("ACME", "Other project"))).AssertStatus(201).Json;
            Assert.Equal("ACCESS-1", a.GetProperty("key").GetString());
            Assert.Equal("ACCESS-2", b.GetProperty("key").GetString());
            Assert.Equal("ACME-1", c.GetProperty("key").GetString());
            Assert.EndsWith("/rest/api/3/issue/" + a.GetProperty("id").GetString(), a.GetProperty("self").GetString());

            var noSummary = await j.Post("issue", NewIssue("ACCESS", ""));
            Assert.Equal("You must specify a summary of the issue.", noSummary.AssertStatus(400).Json.GetProperty("errors").GetProperty("summary").GetString());
            Assert.True((await j.Post("issue", NewIssue("NOPE", "x"))).AssertStatus(400).Json.GetProperty("errors").TryGetProperty("project", out _));
            Assert.True((await j.Post("issue", NewIssue("ACCESS", "x", description: "plain text"))).AssertStatus(400).Json.GetProperty("errors").TryGetProperty("description", out _));
            Assert.True((await j.Post("issue", NewIssue("ACCESS", "x", assignee: "nobody"))).AssertStatus(400).Json.GetProperty("errors").TryGetProperty("assignee", out _));
            Assert.True((await j.Post("issue", NewIssue("ACCESS", "x", labels: new[] { "has space" }))).AssertStatus(400).Json.GetProperty("errors").TryGetProperty("labels", out _));
            Assert.True((await j.Post("issue", new { fields = new { project = new { key = "ACCESS" }, issuetype = new { id = "424242" }, summary = "x" } })).AssertStatus(400).Json.GetProperty("errors").TryGetProperty("issuetype", out _));
            Assert.Equal(3, j.Store.Issues().Count);

            var issue = (await j.Get("issue/ACCESS-1")).AssertStatus(200).Json;
            var fields = issue.GetProperty("fields");
            Assert.Equal("To Do", fields.GetProperty("status").GetProperty("name").GetString());
            Assert.Equal("new", fields.GetProperty("status").GetProperty("statusCategory").GetProperty("key").GetString());
            Assert.Equal(lead, fields.GetProperty("assignee").GetProperty("accountId").GetString());
            Assert.Equal("doc", fields.GetProperty("description").GetProperty("type").GetString());
            Assert.Equal(404, (await j.Get("issue/ACCESS-99")).Code);
        }

        [Fact]
        public async Task Create_issue_stores_entity_properties_given_with_it()
        {
            using var j = new JiraClient();
            var body = new
            {
                fields = new { project = new { key = "ACCESS" }, issuetype = new { name = "Task" }, summary = "With data", labels = new[] { "access-request" } },
                properties = new[] { new { key = "atlassianadmin.accessRequest", value = (object)new { project = "ACME", role = "Developers", version = 1 } } },
            };
            var created = (await j.Post("issue", body)).AssertStatus(201).Json.GetProperty("key").GetString();
            Assert.Contains("\"Developers\"", j.Store.FindIssue(created).Properties["atlassianadmin.accessRequest"]);
            var search = (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("project = ACCESS AND labels = \"access-request\"") + "&properties=atlassianadmin.accessRequest")).AssertStatus(200).Json;
            Assert.Equal("ACME", search.GetProperty("issues")[0].GetProperty("properties").GetProperty("atlassianadmin.accessRequest").GetProperty("project").GetString());

            // A malformed property fails the whole create: no issue without its data.
            var before = j.Store.Issues().Count;
            var bad = new { fields = new { project = new { key = "ACCESS" }, issuetype = new { name = "Task" }, summary = "Bad" }, properties = new[] { new { key = "", value = 1 } } };
            (await j.Post("issue", bad)).AssertStatus(400);
            Assert.Equal(before, j.Store.Issues().Count);
        }

        [Fact]
        public async Task Entity_properties_round_trip()
        {
            using var j = new JiraClient();
            (await j.Post("issue", NewIssue("ACCESS", "Props"))).AssertStatus(201);
            var value = new { requestId = "r-1", groupId = "g-1", accountIds = new[] { "a", "b" } };
            (await j.Put("issue/ACCESS-1/properties/atlassian-admin.request", value)).AssertStatus(201);
            (await j.Put("issue/ACCESS-1/properties/atlassian-admin.request", new { requestId = "r-2" })).AssertStatus(200);
            var got = (await j.Get("issue/ACCESS-1/properties/atlassian-admin.request")).AssertStatus(200).Json;
            Assert.Equal("atlassian-admin.request", got.GetProperty("key").GetString());
            Assert.Equal("r-2", got.GetProperty("value").GetProperty("requestId").GetString());
            Assert.Contains("requestId", j.Store.FindIssue("ACCESS-1").Properties["atlassian-admin.request"]);
            Assert.Equal("atlassian-admin.request", (await j.Get("issue/ACCESS-1/properties")).Json.GetProperty("keys")[0].GetProperty("key").GetString());
            var withProps = (await j.Get("issue/ACCESS-1?properties=atlassian-admin.request")).Json;
            Assert.Equal("r-2", withProps.GetProperty("properties").GetProperty("atlassian-admin.request").GetProperty("requestId").GetString());
            Assert.Equal(404, (await j.Get("issue/ACCESS-1/properties/missing")).Code);
            Assert.Equal(400, (await j.Put("issue/ACCESS-1/properties/bad", "{not json")).Code);
        }

        [Fact]
        public async Task Comments_transitions_and_assignee()
        {
            using var j = new JiraClient();
            (await j.Post("issue", NewIssue("ACCESS", "Flow"))).AssertStatus(201);
            var comment = (await j.Post("issue/ACCESS-1/comment", new { body = JiraClient.Adf("Looks fine") })).AssertStatus(201).Json;
            Assert.Equal(j.Store.ApiKeyOwnerAccountId, comment.GetProperty("author").GetProperty("accountId").GetString());
            Assert.Equal(400, (await j.Post("issue/ACCESS-1/comment", new { body = "plain" })).Code);
            var comments = (await j.Get("issue/ACCESS-1/comment")).AssertStatus(200).Json;
            Assert.Equal(1, comments.GetProperty("total").GetInt32());

            var transitions = (await j.Get("issue/ACCESS-1/transitions")).AssertStatus(200).Json.GetProperty("transitions");
            Assert.Equal(new[] { "Approve", "Deny", "Done" }, transitions.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            var approve = transitions.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Approve").GetProperty("id").GetString();
            Assert.Equal(400, (await j.Post("issue/ACCESS-1/transitions", new { transition = new { id = "999" } })).Code);
            (await j.Post("issue/ACCESS-1/transitions", new
            {
                transition = new { id = approve },
                update = new { comment = new[] { new { add = new { body = JiraClient.Adf("Approved by lead") } } } },
            })).AssertStatus(204);
            var issue = j.Store.FindIssue("ACCESS-1");
            Assert.Equal("Approved", issue.Status);
            Assert.Equal(2, issue.Comments.Count);
            var after = (await j.Get("issue/ACCESS-1/transitions")).Json.GetProperty("transitions");
            Assert.Equal(new[] { "Done" }, after.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            Assert.Equal(400, (await j.Post("issue/ACCESS-1/transitions", new { transition = new { id = approve } })).Code);
            Assert.Equal(404, (await j.Post("issue/ACCESS-9/transitions", new { transition = new { id = approve } })).Code);

            var assignee = j.Store.Users().First(u => u.Status == "active" && j.Store.HasJiraAccess(u.AccountId) && u.AccountId != j.Store.ApiKeyOwnerAccountId).AccountId;
            (await j.Put("issue/ACCESS-1/assignee", new { accountId = assignee })).AssertStatus(204);
            Assert.Equal(assignee, j.Store.FindIssue("ACCESS-1").AssigneeAccountId);
            Assert.Equal(400, (await j.Put("issue/ACCESS-1/assignee", new { accountId = "nobody" })).Code);
            (await j.Put("issue/ACCESS-1/assignee", new { accountId = (string)null })).AssertStatus(204);
            Assert.Null(j.Store.FindIssue("ACCESS-1").AssigneeAccountId);
        }

        [Fact]
        public async Task Jql_search_filters_by_project_labels_and_status_and_pages()
        {
            using var j = new JiraClient();
            for (int i = 0; i < 5; i++) (await j.Post("issue", NewIssue("ACCESS", "Req " + i, labels: new[] { "access-request", i % 2 == 0 ? "even" : "odd" }))).AssertStatus(201);
            (await j.Post("issue", NewIssue("ACME", "Other", labels: new[] { "access-request" }))).AssertStatus(201);
            (await j.Post("issue/ACCESS-3/transitions", new { transition = new { id = "11" } })).AssertStatus(204);

            var todo = (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("project = ACCESS AND labels = access-request AND status = \"To Do\""))).AssertStatus(200).Json;
            Assert.Equal(new[] { "ACCESS-1", "ACCESS-2", "ACCESS-4", "ACCESS-5" }, todo.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
            Assert.False(todo.TryGetProperty("isLast", out _));          // C2: no isLast; the last page has no nextPageToken
            Assert.False(todo.TryGetProperty("nextPageToken", out _));

            var approved = (await j.Post("search/jql", new { jql = "project = ACCESS AND status = Approved" })).AssertStatus(200).Json;
            Assert.Equal("ACCESS-3", approved.GetProperty("issues").EnumerateArray().Single().GetProperty("key").GetString());

            var keys = new System.Collections.Generic.List<string>();
            string token = null;
            do
            {
                var body = token == null ? (object)new { jql = "labels = access-request ORDER BY created DESC", maxResults = 2 } : new { jql = "labels = access-request ORDER BY created DESC", maxResults = 2, nextPageToken = token };
                var page = (await j.Post("search/jql", body)).AssertStatus(200).Json;
                keys.AddRange(page.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
                token = page.TryGetProperty("nextPageToken", out var t) ? t.GetString() : null;
            } while (token != null);
            Assert.Equal(new[] { "ACME-1", "ACCESS-5", "ACCESS-4", "ACCESS-3", "ACCESS-2", "ACCESS-1" }, keys);

            Assert.Equal(2, (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("labels in (odd) AND project = ACCESS"))).Json.GetProperty("issues").GetArrayLength());
            Assert.Equal(400, (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("project = NOPE"))).Code);
            Assert.Equal(400, (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("foo = bar"))).Code);
            Assert.Equal(400, (await j.Get("search/jql?jql=" + System.Uri.EscapeDataString("project = ACCESS OR project = ACME"))).Code);
        }
    }
}
