using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Scim;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    public class ScimClientTests
    {
        private static ScimClient Scim(SandboxHandler sandbox, string key = null) =>
            new ScimClient(TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure(key ?? sandbox.Options.ScimApiKey), TestApi.FastRetries, sandbox),
                sandbox.Store.DirectoryId);

        [Fact]
        public void Pages_through_capped_short_pages_without_skipping_or_repeating()
        {
            var sandbox = new SandboxHandler(new SandboxOptions { UserCount = 30, ScimMaxPageSize = 4 });
            foreach (var u in sandbox.Store.Users().Take(10)) sandbox.Store.SetManagementSource(u.AccountId, "synced");
            var expected = sandbox.Store.Users().Where(u => u.ManagementSource == "synced").Select(u => u.Email).OrderBy(e => e).ToList();
            var scim = Scim(sandbox);
            scim.PageSize = 10; // asks for 10, gets 4 per page
            var before = sandbox.Stats.Requests;
            var users = scim.ListUsers(null, CancellationToken.None).ToList();
            Assert.Equal(expected, users.Select(u => u.UserName).OrderBy(e => e).ToList());
            // ceil(n/4) pages; the last one reaches totalResults, so no empty page is fetched.
            Assert.Equal((expected.Count + 3) / 4, sandbox.Stats.Requests - before);
            var first = users.First();
            var account = sandbox.Store.FindUserByEmail(first.UserName);
            Assert.Equal(account.AccountId, first.AtlassianAccountId);
            Assert.Equal(account.Department, first.Department);
            Assert.Equal(first.UserName, first.Email);
            Assert.Equal(sandbox.Store.DirectoryId, first.DirectoryId);
            Assert.NotNull(first.Created);
        }

        [Fact]
        public async Task Filters_and_gets_by_id_with_404_as_null()
        {
            var sandbox = new SandboxHandler(new SandboxOptions());
            var scim = Scim(sandbox);
            var synced = sandbox.Store.Users().Single(u => u.ManagementSource == "synced");
            var hit = scim.ListUsers(ScimClient.EqFilter("userName", synced.Email), CancellationToken.None).Single();
            Assert.Equal(synced.Name, hit.DisplayName);
            Assert.Equal(hit.UserName, (await scim.GetUserAsync(hit.Id, CancellationToken.None)).UserName);
            Assert.Null(await scim.GetUserAsync("no-such-id", CancellationToken.None));
            var hr = scim.ListGroups(ScimClient.EqFilter("displayName", "hr-synced"), CancellationToken.None).Single();
            Assert.Equal(sandbox.Store.GroupMembers(hr.Id).Count, hr.MemberCount);
            Assert.Null(await scim.GetGroupAsync(Guid.NewGuid().ToString(), CancellationToken.None));
        }

        [Fact]
        public void Quotes_in_filter_values_are_escaped() =>
            Assert.Equal("userName eq \"a\\\"b\\\\c\"", ScimClient.EqFilter("userName", "a\"b\\c"));

        [Fact]
        public void The_org_key_is_rejected_with_the_scim_detail()
        {
            var sandbox = new SandboxHandler(new SandboxOptions());
            var scim = Scim(sandbox, sandbox.Options.ApiKey);
            var e = Assert.Throws<AtlassianApiException>(() => scim.ListUsers(null, CancellationToken.None).ToList());
            Assert.Equal(401, e.Status);
            Assert.Contains("SCIM API key", e.Message);
        }

        [Fact]
        public void Survives_a_missing_totalResults_by_stopping_at_the_empty_page()
        {
            var pages = new Queue<string>(new[]
            {
                "{\"Resources\":[{\"id\":\"1\",\"userName\":\"a@x.example\"},{\"id\":\"2\",\"userName\":\"b@x.example\"}]}",
                "{\"Resources\":[{\"id\":\"3\",\"userName\":\"c@x.example\"}]}",
                "{\"Resources\":[]}",
            });
            var seen = new List<string>();
            var stub = new StubHandler(req =>
            {
                seen.Add(req.RequestUri.Query);
                return pages.Dequeue();
            });
            var scim = new ScimClient(TransportFactory.CreateBearer(new Uri("https://api.atlassian.com/"), TestApi.Secure("k"), TestApi.FastRetries, stub), "dir-1") { PageSize = 2 };
            var users = scim.ListUsers(null, CancellationToken.None).Select(u => u.Id).ToList();
            Assert.Equal(new[] { "1", "2", "3" }, users);
            Assert.Equal(3, seen.Count);
            Assert.Contains("startIndex=1&", seen[0]);
            Assert.Contains("startIndex=3&", seen[1]);
            Assert.Contains("startIndex=4&", seen[2]);
        }

        private sealed class StubHandler : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, string> _answer;
            public StubHandler(Func<HttpRequestMessage, string> answer) => _answer = answer;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string body;
                lock (this) body = _answer(request);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
            }
        }
    }
}
