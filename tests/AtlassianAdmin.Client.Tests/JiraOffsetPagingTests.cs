using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>
    /// Jira's offset user listings as Jira pages them (correction C1): maxResults capped below what is asked, accounts
    /// left out of a page, /user/search taking the range first and filtering after, nothing past startAt 1000.
    /// </summary>
    public class JiraOffsetPagingTests
    {
        private const string UsersSearch = "GET /rest/api/3/users/search";
        private const string UserSearch = "GET /rest/api/3/user/search";

        private static async Task<(TestApi api, JiraClient jira, ApiTransport transport)> SiteAsync(SandboxOptions options)
        {
            var api = await TestApi.OverHttpAsync(options);
            var o = api.Sandbox.Options;
            var transport = TransportFactory.CreateBasic(api.Transport.BaseUri, o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            return (api, new JiraClient(transport), transport);
        }

        [Fact]
        public async Task All_users_listing_survives_capped_and_filtered_pages_within_1_2x_of_users_per_page()
        {
            // Asked 1000, the server gives 100; every 50th account is left out of its page, so every page is short.
            var (api, jira, transport) = await SiteAsync(new SandboxOptions { UserCount = 1250, JiraUserPageCap = 100, JiraUsersLeftOutEvery = 50 });
            await using var _ = api;
            using var __ = transport;
            var expected = api.Sandbox.JiraListableAccountIds();
            Assert.True(expected.Count > 1000, "the seed must give a large site");

            var listed = jira.ListUsers(CancellationToken.None).Select(u => u.AccountId).ToList();

            Assert.Equal(expected, listed);                                   // all of them, in order, no duplicates
            long requests = api.Sandbox.Stats.ByRoute()[UsersSearch];
            Assert.True(requests <= 1.2 * expected.Count / 100.0, $"{requests} requests for {expected.Count} users at 100 per page");
        }

        [Fact]
        public async Task Query_search_reads_every_range_because_jira_filters_after_taking_it()
        {
            var (api, jira, transport) = await SiteAsync(new SandboxOptions { UserCount = 600, JiraUserPageCap = 100 });
            await using var _ = api;
            using var __ = transport;
            var store = api.Sandbox.Store;
            // A prefix that matches users spread over the whole site, so most ranges hold few or none.
            var active = store.Users().Where(u => u.Status == "active" && store.HasJiraAccess(u.AccountId)).ToList();
            var last = active.Last();
            var prefix = last.Name.Split(' ')[0];
            var expected = active.Where(u => u.Name.Split(' ').Any(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                                             || u.Email.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(u => u.AccountId).ToList();
            string warning = null;

            var found = jira.SearchUsers(prefix, CancellationToken.None, w => warning = w).Select(u => u.AccountId).ToList();

            Assert.Equal(expected, found);
            Assert.Contains(last.AccountId, found);                           // the match in the last range is found
            Assert.Null(warning);                                              // 600 users: nothing reaches the ceiling
            Assert.Equal(JiraClient.UserSearchCeiling / 100, api.Sandbox.Stats.ByRoute()[UserSearch]);
            // An email lookup stops at the range that holds the match.
            api.Sandbox.Stats.Reset();
            Assert.Equal(last.AccountId, (await jira.FindUserByEmailAsync(last.Email, CancellationToken.None)).AccountId);
            var index = active.FindIndex(u => u.AccountId == last.AccountId);
            Assert.Equal(index / 100 + 1, api.Sandbox.Stats.ByRoute()[UserSearch]);
        }

        [Fact]
        public async Task Query_search_warns_when_matches_reach_the_1000_user_ceiling()
        {
            var (api, jira, transport) = await SiteAsync(new SandboxOptions { UserCount = 1700, JiraUserPageCap = 100 });
            await using var _ = api;
            using var __ = transport;
            var store = api.Sandbox.Store;
            var active = store.Users().Where(u => u.Status == "active" && store.HasJiraAccess(u.AccountId)).ToList();
            Assert.True(active.Count > 1050, "the seed must give more than 1000 active Jira users");
            var beyond = active[1050];                                         // past the ceiling: Jira never returns it
            string warning = null;

            var found = jira.SearchUsers("", CancellationToken.None, w => warning = w).Select(u => u.AccountId).ToList();

            Assert.Equal(active.Take(1000).Select(u => u.AccountId), found);
            Assert.DoesNotContain(beyond.AccountId, found);
            Assert.Contains("JRACLOUD-73019", warning);
            Assert.Contains(beyond.AccountId, jira.ListUsers(CancellationToken.None).Select(u => u.AccountId));   // the listing is complete
        }

        [Fact]
        public void Offset_stream_keeps_a_bounded_number_of_pages_in_flight_and_hands_items_out_in_order()
        {
            const int total = 1000, cap = 40, window = 3;
            var starts = new List<int>();
            Task<IReadOnlyList<int>> Fetch(int startAt, CancellationToken ct)
            {
                lock (starts) starts.Add(startAt);
                // A range of 40 with every 7th value left out: pages are short, so stepping by the largest length seen
                // makes neighbouring pages overlap, which the stream must de-duplicate without leaving gaps.
                IReadOnlyList<int> page = Enumerable.Range(startAt, Math.Max(0, Math.Min(cap, total - startAt))).Where(i => i % 7 != 3).ToList();
                return Task.FromResult(page);
            }

            var items = new List<int>();
            int pagesHandedOut = 0, lastStartSeen = -1, worstAhead = 0;
            foreach (var i in OffsetStream.Stream(Fetch, i => i.ToString(), OffsetPaging.UntilEmpty(window), CancellationToken.None))
            {
                items.Add(i);
                int requested;
                lock (starts) requested = starts.Count;
                var pageStart = starts.Last(s => s <= i);
                if (pageStart != lastStartSeen) { lastStartSeen = pageStart; pagesHandedOut++; }
                worstAhead = Math.Max(worstAhead, requested - pagesHandedOut);
            }

            Assert.Equal(Enumerable.Range(0, total).Where(i => i % 7 != 3), items);   // in order, nothing lost, no duplicate
            Assert.InRange(worstAhead, 1, window);                                    // fetches ahead, never more than the window
            Assert.Equal(0, starts.Last() - starts[starts.Count - 2] > cap ? 1 : 0);  // never steps past what a page covered
        }
    }
}
