#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Paging
{
    /// <summary>One page of a listing and how to ask for the next (null = last page).</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T>? items, string? next) { Items = items ?? Array.Empty<T>(); Next = next; }
        public IReadOnlyList<T> Items { get; }
        public string? Next { get; }
    }

    /// <summary>
    /// A listing of pages that each name the next (cursor or PageBean): enumerated, it streams as <c>iterate</c> does; read
    /// with <see cref="CursorStream.ToListAsync{T}"/>, its pages are awaited one after another and no thread is held.
    /// </summary>
    internal sealed class PagedListing<T> : IAsyncListing<T>
    {
        private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetchPage;
        private readonly CancellationToken _cancellationToken;
        private readonly Func<Func<string?, CancellationToken, Task<Page<T>>>, CancellationToken, IEnumerable<T>> _iterate;

        public PagedListing(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken,
            Func<Func<string?, CancellationToken, Task<Page<T>>>, CancellationToken, IEnumerable<T>> iterate)
        {
            _fetchPage = fetchPage;
            _cancellationToken = cancellationToken;
            _iterate = iterate;
        }

        public IEnumerator<T> GetEnumerator() => _iterate(_fetchPage, _cancellationToken).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public async Task<List<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
            var items = new List<T>();
            string? next = null;
            do
            {
                var page = await _fetchPage(next, cts.Token).ConfigureAwait(false);
                items.AddRange(page.Items);
                next = page.Next;
            } while (!string.IsNullOrEmpty(next));
            return items;
        }
    }

    /// <summary>
    /// Streams a paged listing item by item. The next page is requested as soon as the current one arrives, so the
    /// network round trip overlaps with the caller's work on this page; at most two pages are ever held in memory.
    /// Abandoning the enumeration (e.g. <c>-First 10</c>) cancels the prefetch.
    /// </summary>
    public static class PageStream
    {
        public static IEnumerable<T> Stream<T>(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
        {
            if (fetchPage == null) throw new ArgumentNullException(nameof(fetchPage));
            return new PagedListing<T>(fetchPage, cancellationToken, Iterate);
        }

        private static IEnumerable<T> Iterate<T>(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<Page<T>>? pending = fetchPage(null, cts.Token);
            try
            {
                while (pending != null)
                {
                    var page = pending.GetAwaiter().GetResult();
                    pending = string.IsNullOrEmpty(page.Next) ? null : fetchPage(page.Next, cts.Token);
                    foreach (var item in page.Items) yield return item;
                }
            }
            finally
            {
                if (pending != null)
                {
                    cts.Cancel();
                    // Observe the abandoned prefetch so its cancellation is not an unobserved task exception.
                    pending.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                }
            }
        }

        /// <summary>
        /// Cursor tokens: Atlassian's v2 APIs return bare tokens in <c>links.next</c>; some v1 endpoints return a full URL
        /// whose <c>cursor</c> query parameter is the token.
        /// </summary>
        public static string? CursorFromLink(string? next)
        {
            if (next == null || next.Length == 0) return null;
            if (!next.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return next;
            var query = new Uri(next).Query.TrimStart('?');
            foreach (var pair in query.Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq > 0 && pair.Substring(0, eq) == "cursor") return Uri.UnescapeDataString(pair.Substring(eq + 1));
            }
            return null;
        }
    }
}
