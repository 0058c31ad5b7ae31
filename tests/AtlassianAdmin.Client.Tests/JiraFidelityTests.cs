using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>Jira calls whose paging or response wording the emulator models as Jira answers (C2, C10).</summary>
    public class JiraFidelityTests
    {
        [Fact]
        public async Task Jql_search_follows_next_page_token_without_is_last_over_real_http()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions());
            var o = api.Sandbox.Options;
            using var transport = TransportFactory.CreateBasic(api.Transport.BaseUri, o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            var jira = new JiraClient(transport);   // 50 per page
            var ct = CancellationToken.None;
            for (int i = 0; i < 120; i++)
                await jira.CreateIssueAsync("ACCESS", "Task", "Request " + i, null, null, new[] { JiraClient.AccessRequestLabel }, null, ct);

            var found = jira.SearchAccessRequests("ACCESS", null, ct).ToList();

            Assert.Equal(120, found.Count);                                            // 120 of 120, not 50
            Assert.Equal(120, found.Select(r => r.Key).Distinct().Count());
            Assert.Equal(3, api.Sandbox.Stats.ByRoute()["GET /rest/api/3/search/jql"]);  // pages of 50, 50, 20
        }

        [Fact]
        public async Task Group_create_without_the_group_in_the_answer_never_returns_null()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { JiraCreateGroupNotReadBack = true });
            var o = api.Sandbox.Options;
            using var transport = TransportFactory.CreateBasic(api.Transport.BaseUri, o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            var jira = new JiraClient(transport);

            // Not listed yet: a typed failure that says the group exists (the create is not retried).
            var e = await Assert.ThrowsAsync<AtlassianApiException>(() => jira.CreateGroupAsync("lagging", CancellationToken.None));
            Assert.True(e.IsCreatedNotReadBack);
            Assert.Contains("was created", e.Message);
            Assert.NotNull(api.Sandbox.Store.FindGroupByName("lagging"));
            Assert.Equal(1, api.Sandbox.Stats.ByRoute()["POST /rest/api/3/group"]);

            // Once the site has caught up, the group is read by its name with its id.
            api.Sandbox.Store.CatchUpGroupListings();
            Assert.Equal(api.Sandbox.Store.FindGroupByName("lagging").Id, jira.ListGroups(null, new[] { "lagging" }, CancellationToken.None).Single().GroupId);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Repeated_adds_and_removes_are_unchanged_whatever_jira_words_them_and_real_errors_stay_errors(bool terse)
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { JiraTerseErrors = terse });
            var o = api.Sandbox.Options;
            using var transport = TransportFactory.CreateBasic(api.Transport.BaseUri, o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            var jira = new JiraClient(transport);
            var ct = CancellationToken.None;
            var store = api.Sandbox.Store;
            var user = store.Users().Last(u => u.Status == "active" && store.HasJiraAccess(u.AccountId));
            var group = await jira.CreateGroupAsync("wording-" + terse, ct);
            var roles = await jira.GetProjectRoleIdsAsync("ACME", ct);
            var developers = roles["Developers"];

            Assert.True(await jira.AddGroupMemberAsync(group.GroupId, user.AccountId, ct));
            Assert.False(await jira.AddGroupMemberAsync(group.GroupId, user.AccountId, ct));          // Unchanged, not an error
            var synced = store.Groups().First(g => g.ExternalSynced);
            var refused = await Assert.ThrowsAsync<AtlassianApiException>(() => jira.AddGroupMemberAsync(synced.Id, user.AccountId, ct));
            Assert.Equal(400, refused.Status);                                                        // a real 400 is no false success

            var actor = (await jira.GetProjectRoleAsync("ACME", developers, ct)).Users.Any(a => a.AccountId == user.AccountId);
            if (!actor) Assert.True(await jira.AddProjectRoleUserAsync("ACME", developers, user.AccountId, ct));
            Assert.False(await jira.AddProjectRoleUserAsync("ACME", developers, user.AccountId, ct));
            Assert.True(await jira.RemoveProjectRoleUserAsync("ACME", developers, user.AccountId, ct));
            Assert.False(await jira.RemoveProjectRoleUserAsync("ACME", developers, user.AccountId, ct));  // "not an actor" 404
            var missing = await Assert.ThrowsAsync<AtlassianApiException>(() => jira.RemoveProjectRoleUserAsync("ACME", 999999, user.AccountId, ct));
            Assert.Equal(404, missing.Status);                                                        // no such role: still an error
        }
    }
}
