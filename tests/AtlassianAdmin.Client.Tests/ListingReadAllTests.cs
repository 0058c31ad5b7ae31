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
    /// <c>ToListAsync</c> on the Jira listings (PageBean pages through <see cref="PageStream"/>, user listings through
    /// <see cref="OffsetStream"/>): worker code reads them whole without holding a thread, and gets what enumerating gets.
    /// The cursor listings' test is in <see cref="CursorStreamTests"/>.
    /// </summary>
    public class ListingReadAllTests
    {
        /// <summary>
        /// Starts 100 reads at once whose first page is answered only later: every one must have sent its first request
        /// from the calling thread (nothing handed to a pool thread that would then block) and none may be finished.
        /// </summary>
        private static async Task AssertNoThreadHeldAsync<TAnswer>(Func<Func<TaskCompletionSource<TAnswer>>, Task<List<int>>> startRead, TAnswer firstPage, IEnumerable<int> expected)
        {
            var caller = Environment.CurrentManagedThreadId;
            var answers = new List<TaskCompletionSource<TAnswer>>();
            var wrongThread = 0;
            TaskCompletionSource<TAnswer> FirstRequest()
            {
                if (Environment.CurrentManagedThreadId != caller) Interlocked.Increment(ref wrongThread);
                var answer = new TaskCompletionSource<TAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (answers) answers.Add(answer);
                return answer;
            }
            var reads = Enumerable.Range(0, 100).Select(_ => startRead(FirstRequest)).ToList();
            Assert.Equal(0, wrongThread);
            lock (answers) Assert.Equal(100, answers.Count);
            Assert.All(reads, r => Assert.False(r.IsCompleted));
            foreach (var a in answers) a.SetResult(firstPage);
            foreach (var r in reads) Assert.Equal(expected, await r);
        }

        [Fact]
        public Task PageBean_listing_ToListAsync_holds_no_thread_while_its_pages_are_on_their_way() =>
            AssertNoThreadHeldAsync(first => PageStream.Stream<int>((next, ct) =>
                    next == null ? first().Task : Task.FromResult(new Page<int>(new[] { 3 }, null)), CancellationToken.None).ToListAsync(CancellationToken.None),
                new Page<int>(new[] { 1, 2 }, "2"), new[] { 1, 2, 3 });

        [Fact]
        public Task Offset_listing_ToListAsync_holds_no_thread_while_its_pages_are_on_their_way() =>
            // An all-items listing: one request until the first page shows the page length, then on to the empty page.
            AssertNoThreadHeldAsync<IReadOnlyList<int>>(first => OffsetStream.Stream<int>((startAt, ct) =>
                    startAt == 0 ? first().Task : Task.FromResult<IReadOnlyList<int>>(Array.Empty<int>()),
                    i => i.ToString(), OffsetPaging.UntilEmpty(4), CancellationToken.None).ToListAsync(CancellationToken.None),
                new[] { 1, 2, 3 }, new[] { 1, 2, 3 });

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Offset_listing_ToListAsync_sends_and_returns_what_enumerating_does(bool ranges)
        {
            // Short pages (every 7th value left out) make neighbouring pages overlap: the de-duplication, the step, the
            // window and the stop rule must be the same whichever way the listing is read.
            const int total = 2000, cap = 40;
            var paging = ranges ? OffsetPaging.Ranges(cap, 1000, 4) : OffsetPaging.UntilEmpty(4, rampAfterPages: 10);
            (List<int> items, List<int> starts) Run(Func<IEnumerable<int>, List<int>> read)
            {
                var starts = new List<int>();
                var listing = OffsetStream.Stream<int>((startAt, ct) =>
                {
                    lock (starts) starts.Add(startAt);
                    return Task.FromResult<IReadOnlyList<int>>(Enumerable.Range(startAt, Math.Max(0, Math.Min(cap, total - startAt))).Where(i => i % 7 != 3).ToList());
                }, i => i.ToString(), paging, CancellationToken.None);
                return (read(listing), starts);
            }

            var enumerated = Run(l => l.ToList());
            var awaited = Run(l => l.ToListAsync(CancellationToken.None).GetAwaiter().GetResult());

            Assert.Equal(Enumerable.Range(0, ranges ? 1000 : total).Where(i => i % 7 != 3), awaited.items);
            Assert.Equal(enumerated.items, awaited.items);
            Assert.Equal(enumerated.starts, awaited.starts);
        }

        [Fact]
        public async Task Jira_user_and_group_listings_read_whole_as_when_enumerated()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 450, JiraUserPageCap = 100, JiraUsersLeftOutEvery = 50 });
            var o = api.Sandbox.Options;
            using var transport = TransportFactory.CreateBasic(api.Transport.BaseUri, o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            var jira = new JiraClient(transport);
            var listed = jira.ListUsers(CancellationToken.None).Select(u => u.AccountId).ToList();
            long listRequests = api.Sandbox.Stats.ByRoute()["GET /rest/api/3/users/search"];
            api.Sandbox.Stats.Reset();

            var read = (await jira.ListUsers(CancellationToken.None).ToListAsync(CancellationToken.None)).Select(u => u.AccountId).ToList();

            Assert.Equal(api.Sandbox.JiraListableAccountIds(), read);
            Assert.Equal(listRequests, api.Sandbox.Stats.ByRoute()["GET /rest/api/3/users/search"]);
            var groups = jira.ListGroups(null, null, CancellationToken.None).Select(g => g.GroupId).ToList();
            Assert.NotEmpty(groups);
            Assert.Equal(groups, (await jira.ListGroups(null, null, CancellationToken.None).ToListAsync(CancellationToken.None)).Select(g => g.GroupId));
        }
    }
}
