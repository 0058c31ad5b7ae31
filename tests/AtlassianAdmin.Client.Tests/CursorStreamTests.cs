using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    public class CursorStreamTests
    {
        /// <summary>Pages of <paramref name="size"/> numbers; the cursor is the next page's index.</summary>
        private static Func<string, CancellationToken, Task<Page<int>>> Pages(int count, int size, Action<int> onFetch = null, int failAt = -1) =>
            (cursor, ct) =>
            {
                var index = cursor == null ? 0 : int.Parse(cursor);
                onFetch?.Invoke(index);
                if (index == failAt) throw new InvalidOperationException("page " + index + " failed");
                var items = Enumerable.Range(index * size, size).ToList();
                return Task.FromResult(new Page<int>(items, index + 1 < count ? (index + 1).ToString() : null));
            };

        [Fact]
        public void Items_come_out_in_order_with_nothing_dropped()
        {
            var fetched = new List<int>();
            var items = CursorStream.Stream(Pages(7, 3, i => { lock (fetched) fetched.Add(i); }), CancellationToken.None).ToList();
            Assert.Equal(Enumerable.Range(0, 21), items);
            Assert.Equal(Enumerable.Range(0, 7), fetched); // each page once, in cursor order
        }

        [Fact]
        public void The_next_pages_are_fetched_while_the_reader_is_still_on_the_first()
        {
            var fetched = new CountdownEvent(3);
            using var e = CursorStream.Stream(Pages(10, 5, _ => { if (!fetched.IsSet) fetched.Signal(); }), CancellationToken.None, pagesAhead: 2).GetEnumerator();
            Assert.True(e.MoveNext());
            // The reader holds page 0; the worker must reach pages 1 and 2 without it (timeout only guards a hang).
            Assert.True(fetched.Wait(TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public void The_worker_never_runs_more_than_pagesAhead_pages_ahead_of_the_reader()
        {
            var taken = 0;        // pages the reader has started
            var violations = new List<string>();
            Action<int> onFetch = index =>
            {
                // Fetching page `index` needs room: at most 2 fetched pages unread, so the reader has taken ≥ index - 2.
                var readerPages = Volatile.Read(ref taken);
                if (index - readerPages > 2) lock (violations) violations.Add($"page {index} fetched while the reader had taken {readerPages}");
            };
            foreach (var item in CursorStream.Stream(Pages(30, 4, onFetch), CancellationToken.None, pagesAhead: 2))
            {
                if (item % 4 == 0) Interlocked.Increment(ref taken);
            }
            Assert.Equal(30, taken);
            Assert.Empty(violations);
        }

        [Fact]
        public void A_failing_page_surfaces_after_the_items_of_the_pages_before_it()
        {
            var read = new List<int>();
            var ex = Assert.Throws<InvalidOperationException>(() =>
            {
                foreach (var item in CursorStream.Stream(Pages(10, 2, failAt: 3), CancellationToken.None)) read.Add(item);
            });
            Assert.Equal("page 3 failed", ex.Message);
            Assert.Equal(Enumerable.Range(0, 6), read);
        }

        [Fact]
        public async Task Abandoning_the_stream_cancels_the_worker()
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Func<string, CancellationToken, Task<Page<int>>> fetch = async (cursor, ct) =>
            {
                if (cursor == null) return new Page<int>(new[] { 1, 2, 3 }, "1");
                // The second page never answers on its own: only cancellation ends it.
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { cancelled.TrySetResult(true); throw; }
                return null;
            };
            Assert.Equal(new[] { 1, 2 }, CursorStream.Stream(fetch, CancellationToken.None).Take(2).ToArray());
            // The guard only bounds a hang; WaitAsync throws TimeoutException if the worker is never cancelled.
            Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public void Cancelling_the_caller_stops_a_reader_waiting_for_a_page()
        {
            using var cts = new CancellationTokenSource();
            Func<string, CancellationToken, Task<Page<int>>> fetch = async (cursor, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            };
            var reading = Task.Run(() => CursorStream.Stream(fetch, cts.Token).ToList());
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => reading.GetAwaiter().GetResult());
        }
            [Fact]
        public async Task ToListAsync_holds_no_thread_while_its_pages_are_on_their_way()
        {
            // A bulk run starts a lookup per 100 rows at once. Each one that blocked a pool thread on the streaming
            // enumerator left fewer threads for the HTTP continuations they all waited for (a 2,000-row run sent
            // nothing for 18 s). Paged asynchronously, every lookup is under way before any page has answered, all
            // from the calling thread, and none holds a thread while it waits.
            var caller = Environment.CurrentManagedThreadId;
            var answers = new List<TaskCompletionSource<Page<int>>>();
            var wrongThread = 0;
            Func<string, CancellationToken, Task<Page<int>>> fetch = (cursor, ct) =>
            {
                if (cursor == null && Environment.CurrentManagedThreadId != caller) Interlocked.Increment(ref wrongThread);
                if (cursor != null) return Task.FromResult(new Page<int>(new[] { 3 }, null)); // the last page
                var answer = new TaskCompletionSource<Page<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (answers) answers.Add(answer);
                return answer.Task;
            };
            var lookups = Enumerable.Range(0, 100).Select(_ => CursorStream.Stream(fetch, CancellationToken.None).ToListAsync(CancellationToken.None)).ToList();
            Assert.Equal(0, wrongThread);
            Assert.Equal(100, answers.Count);
            Assert.All(lookups, l => Assert.False(l.IsCompleted));
            foreach (var a in answers) a.SetResult(new Page<int>(new[] { 1, 2 }, "next"));
            foreach (var l in lookups) Assert.Equal(new[] { 1, 2, 3 }, await l);
        }
    }
}
