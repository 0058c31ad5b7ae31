using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Client.Users;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>
    /// A success answer without the object a single-object read promises (an empty body, or no <c>data</c>) is a clear
    /// AtlassianApiException the cmdlet reports for its row, not a NullReferenceException (found by the nullable annotations).
    /// </summary>
    public class EmptyAnswerTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("{}")]
        [InlineData("{\"data\":null}")]
        public async Task Single_object_org_reads_without_data_fail_clearly(string body)
        {
            var org = new OrgClient(TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure("k"), TestApi.FastRetries, new FixedAnswer(body)));

            var domain = await Assert.ThrowsAsync<AtlassianApiException>(() => org.GetDomainAsync("org-1", "dom-1", CancellationToken.None));
            Assert.True(domain.IsMalformedResponse);
            Assert.Equal("/admin/v1/orgs/org-1/domains/dom-1", domain.RequestPath);
            Assert.Contains("without the object it returns", domain.Message);

            var orgRead = await Assert.ThrowsAsync<AtlassianApiException>(() => org.GetOrganizationAsync("org-1", CancellationToken.None));
            Assert.True(orgRead.IsMalformedResponse);

            var user = await Assert.ThrowsAsync<AtlassianApiException>(() => org.GetUserAsync("org-1", "dir-1", "acc-1", CancellationToken.None));
            Assert.True(user.IsMalformedResponse);
        }

        [Theory]
        [InlineData("")]
        [InlineData("{}")]
        public async Task A_managed_account_profile_read_without_the_account_fails_clearly(string body)
        {
            var api = new UserManagementClient(TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure("k"), TestApi.FastRetries, new FixedAnswer(body)));
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => api.GetProfileAsync("acc-1", CancellationToken.None));
            Assert.True(ex.IsMalformedResponse);
            Assert.Equal("/users/acc-1/manage/profile", ex.RequestPath);
        }

        [Fact]
        public async Task Null_entries_in_a_jira_listing_are_skipped_not_handed_out()
        {
            var jira = new JiraClient(TransportFactory.CreateBasic(new Uri("https://acme.atlassian.net/"), "a@example.com", TestApi.Secure("t"), TestApi.FastRetries,
                new FixedAnswer("{\"startAt\":0,\"isLast\":true,\"values\":[null,{\"accountId\":\"acc-1\"}]}")));
            var users = await jira.GetUsersAsync(new[] { "acc-0", "acc-1" }, CancellationToken.None);
            Assert.Equal(new[] { "acc-1" }, users.Select(u => u.AccountId));
            var members = jira.ListGroupMembers("g-1", includeInactive: false, CancellationToken.None).ToList();
            Assert.Equal(new[] { "acc-1" }, members.Select(u => u.AccountId));
        }

        [Fact]
        public async Task A_site_user_read_with_roles_and_no_body_fails_clearly()
        {
            var jira = new JiraClient(TransportFactory.CreateBasic(new Uri("https://acme.atlassian.net/"), "a@example.com", TestApi.Secure("t"), TestApi.FastRetries, new FixedAnswer("")));
            var ex = await Assert.ThrowsAsync<AtlassianApiException>(() => jira.GetUserApplicationRolesAsync("acc-1", CancellationToken.None));
            Assert.True(ex.IsMalformedResponse);
        }

        [Fact]
        public void Null_entries_in_a_jql_search_are_skipped_not_handed_out()
        {
            var jira = new JiraClient(TransportFactory.CreateBasic(new Uri("https://acme.atlassian.net/"), "a@example.com", TestApi.Secure("t"), TestApi.FastRetries,
                new FixedAnswer("{\"issues\":[null,{\"id\":\"10001\",\"key\":\"ACC-1\",\"fields\":{\"summary\":\"s\"}}]}")));
            var requests = jira.SearchAccessRequests("ACC", null, CancellationToken.None).ToList();
            Assert.Equal(new[] { "ACC-1" }, requests.Select(r => r.Key));
        }

        private sealed class FixedAnswer : HttpMessageHandler
        {
            private readonly string _body;
            public FixedAnswer(string body) => _body = body;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }
}
