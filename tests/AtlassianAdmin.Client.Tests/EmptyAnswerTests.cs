using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
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

        private sealed class FixedAnswer : HttpMessageHandler
        {
            private readonly string _body;
            public FixedAnswer(string body) => _body = body;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }
}
