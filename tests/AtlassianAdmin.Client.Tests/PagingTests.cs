using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    public class PagingTests
    {
        [Fact]
        public async Task Users_stream_across_many_pages_over_http_without_duplicates_or_gaps()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 57, DefaultPageSize = 2 });
            api.Org.PageSize = 2;
            var users = api.Org.SearchUsers(api.OrgId, api.DirectoryId, new UserQuery(), CancellationToken.None).ToList();

            var expected = api.Sandbox.Store.Users().Select(u => u.AccountId).OrderBy(x => x).ToList();
            Assert.Equal(expected, users.Select(u => u.AccountId).OrderBy(x => x).ToList());
            Assert.Equal(users.Count, users.Select(u => u.AccountId).Distinct().Count());
            // 57 users at 2 per page: 29 search requests.
            Assert.Equal(29, api.Sandbox.Stats.ByRoute().Where(kv => kv.Key.StartsWith("POST") && kv.Key.Contains("users/search")).Sum(kv => kv.Value));
        }

        [Fact]
        public void Filters_survive_paging_in_process()
        {
            var api = TestApi.InProcess(new SandboxOptions { UserCount = 80, DefaultPageSize = 3 });
            api.Org.PageSize = 3;
            var suspended = api.Org.SearchUsers(api.OrgId, api.DirectoryId, new UserQuery { Status = new List<string> { "suspended" } }, CancellationToken.None).ToList();
            var expected = api.Sandbox.Store.Users().Where(u => u.Status == "suspended").Select(u => u.AccountId).OrderBy(x => x);
            Assert.NotEmpty(suspended);
            Assert.Equal(expected, suspended.Select(u => u.AccountId).OrderBy(x => x));
            Assert.All(suspended, u => Assert.Equal("suspended", u.Status));
        }

        [Fact]
        public void Abandoning_a_stream_stops_fetching_pages()
        {
            var api = TestApi.InProcess(new SandboxOptions { UserCount = 200, DefaultPageSize = 10 });
            api.Org.PageSize = 10;
            var first = api.Org.SearchUsers(api.OrgId, api.DirectoryId, new UserQuery(), CancellationToken.None).Take(5).ToList();
            Assert.Equal(5, first.Count);
            // The first page plus at most the pages fetched ahead; never the whole listing.
            Assert.InRange(api.Sandbox.Stats.Requests, 1, 1 + CursorStream.DefaultPagesAhead);
        }

        [Theory]
        [InlineData("kloHX1ZQVasDAkx_P48NYQ", "kloHX1ZQVasDAkx_P48NYQ")]
        [InlineData("https://api.atlassian.com/admin/v1/orgs?cursor=abc%3D%3D&x=1", "abc==")]
        [InlineData(null, null)]
        [InlineData("https://api.atlassian.com/admin/v1/orgs?limit=5", null)]
        public void Cursor_is_taken_from_a_bare_token_or_a_link(string next, string expected) =>
            Assert.Equal(expected, PageStream.CursorFromLink(next));
    }
}
