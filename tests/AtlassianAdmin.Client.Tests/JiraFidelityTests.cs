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
    }
}
