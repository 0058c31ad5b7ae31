#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Paging
{
    /// <summary>A client listing that streams when enumerated and can also be read whole without holding a thread.</summary>
    internal interface IAsyncListing<T> : IEnumerable<T>
    {
        Task<List<T>> ReadAllAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Streams a cursor listing at the page-size ÷ round-trip bound. A cursor listing cannot run ahead of the server
    /// (each cursor comes in the previous page), so what matters is that the next request leaves the moment a page
    /// arrives: a worker fetches page after page, up to <c>pagesAhead</c> pages ahead of the reader, and the reader
    /// (the pipeline thread, with its per-item work) never sits between one page and the next request.
    /// Memory stays flat: the page being read, at most <c>pagesAhead</c> waiting pages and none in flight beyond them.
    /// Abandoning the enumeration (e.g. <c>-First 10</c>) cancels the worker; items come out in server order, and a
    /// failure surfaces after the items of the pages fetched before it.
    /// </summary>
    public static class CursorStream
    {
        public const int DefaultPagesAhead = 2;

        public static IEnumerable<T> Stream<T>(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken, int pagesAhead = DefaultPagesAhead)
        {
            if (fetchPage == null) throw new ArgumentNullException(nameof(fetchPage));
            if (pagesAhead < 1) throw new ArgumentOutOfRangeException(nameof(pagesAhead));
            return new PagedListing<T>(fetchPage, cancellationToken, (fetch, ct) => Iterate(fetch, ct, pagesAhead));
        }

        /// <summary>
        /// Every item of a listing, read without blocking a thread. For worker code (a plan's lookup, a batch): the
        /// streaming enumerator blocks its thread while a page is on its way, and a bulk run that starts dozens of
        /// lookups at once on the thread pool would block as many pool threads, leaving none for the HTTP continuations
        /// they wait for (the pool adds about one thread a second: a 2,000-row run sent nothing for 18 s). A listing
        /// the client returns (<see cref="Stream{T}"/>, <see cref="PageStream"/>, <see cref="OffsetStream"/>) is paged
        /// asynchronously here; any other sequence (a <c>Select</c>/<c>Where</c> over one: apply it after) is read on the pool.
        /// </summary>
        public static Task<List<T>> ToListAsync<T>(this IEnumerable<T> source, CancellationToken cancellationToken)
        {
            if (source is IAsyncListing<T> listing) return listing.ReadAllAsync(cancellationToken);
            return Task.Run(() => source.ToList(), cancellationToken);
        }

        private static IEnumerable<T> Iterate<T>(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken, int pagesAhead)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var buffer = new Buffer<T>(pagesAhead);
            var worker = Task.Run(() => FetchAllAsync(fetchPage, buffer, cts.Token));
            try
            {
                while (true)
                {
                    var page = buffer.Take(cancellationToken);
                    if (page == null) break; // the worker is done (or failed: rethrown below, after the pages before it)
                    foreach (var item in page.Items) yield return item;
                }
                buffer.Failure?.Throw();
            }
            finally
            {
                cts.Cancel();
                // Observe the abandoned worker so its cancellation is not an unobserved task exception.
                worker.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }

        private static async Task FetchAllAsync<T>(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, Buffer<T> buffer, CancellationToken ct)
        {
            try
            {
                string? cursor = null;
                do
                {
                    await buffer.WaitForRoomAsync(ct).ConfigureAwait(false);
                    var page = await fetchPage(cursor, ct).ConfigureAwait(false);
                    buffer.Add(page);
                    cursor = page.Next;
                } while (!string.IsNullOrEmpty(cursor));
                buffer.Complete(null);
            }
            catch (Exception e)
            {
                buffer.Complete(ExceptionDispatchInfo.Capture(e));
            }
        }

        /// <summary>Pages handed from the worker to the reader; room for a bounded number of fetched, unread pages.</summary>
        private sealed class Buffer<T>
        {
            private readonly ConcurrentQueue<Page<T>> _pages = new ConcurrentQueue<Page<T>>();
            private readonly SemaphoreSlim _room;
            private readonly SemaphoreSlim _ready = new SemaphoreSlim(0);
            private volatile bool _completed;

            public Buffer(int capacity) => _room = new SemaphoreSlim(capacity);

            public ExceptionDispatchInfo? Failure { get; private set; }

            /// <summary>A slot is taken before the request is sent, so no more than the capacity is ever fetched unread.</summary>
            public Task WaitForRoomAsync(CancellationToken ct) => _room.WaitAsync(ct);

            public void Add(Page<T> page)
            {
                _pages.Enqueue(page);
                _ready.Release();
            }

            public void Complete(ExceptionDispatchInfo? failure)
            {
                Failure = failure;
                _completed = true;
                _ready.Release();
            }

            /// <summary>The next page in order, or null once the worker has finished and every page was read.</summary>
            public Page<T>? Take(CancellationToken ct)
            {
                while (true)
                {
                    _ready.Wait(ct);
                    if (_pages.TryDequeue(out var page))
                    {
                        _room.Release();
                        return page;
                    }
                    if (_completed) return null;
                }
            }
        }
    }
}
