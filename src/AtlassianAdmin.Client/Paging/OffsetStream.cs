#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Paging
{
    /// <summary>How an offset (<c>startAt</c>) listing pages and when it ends (correction C1).</summary>
    public sealed class OffsetPaging
    {
        /// <summary>
        /// All-items listings (<c>/users/search</c>): the server caps the page and filters accounts out of it, so only an
        /// empty page ends the listing, and <c>startAt</c> advances by the largest page length seen so far (never more than
        /// the server covered, never one by one through filtered accounts).
        /// </summary>
        /// <param name="pagesInFlight">Pages requested ahead once the listing has proven long.</param>
        /// <param name="rampAfterPages">
        /// Until half this many pages have arrived at most two are in flight, until this many three: the pages requested
        /// past the end are wasted, so a short listing keeps that waste to one request (two past half the ramp), a long one
        /// (where it is a small share) gets the full window.
        /// </param>
        public static OffsetPaging UntilEmpty(int pagesInFlight, int rampAfterPages = 30) =>
            new OffsetPaging { PagesInFlight = pagesInFlight, RampAfterPages = rampAfterPages };

        /// <summary>
        /// Range-then-filter listings (<c>/user/search?query=</c>): a short or empty page says nothing, so every range
        /// <c>[k·pageSize, (k+1)·pageSize)</c> below <paramref name="ceiling"/> is read.
        /// </summary>
        public static OffsetPaging Ranges(int pageSize, int ceiling, int pagesInFlight) =>
            new OffsetPaging { RangeStep = pageSize, Ceiling = ceiling, PagesInFlight = pagesInFlight };

        /// <summary>Pages requested ahead of the one being handed out (each still passes the connection's rate-limit gate).</summary>
        public int PagesInFlight { get; private set; } = 2;
        /// <summary>Fixed step for range-then-filter listings; 0 = step by the largest page seen.</summary>
        public int RangeStep { get; private set; }
        /// <summary>Pages that must have arrived before more than two are kept in flight (all-items listings).</summary>
        public int RampAfterPages { get; private set; }
        /// <summary>First <c>startAt</c> the server never answers (range listings only).</summary>
        public int Ceiling { get; private set; } = int.MaxValue;
    }

    /// <summary>
    /// Streams a Jira offset listing with a bounded number of pages in flight, handing items out in page order and
    /// de-duplicated (by <c>key</c>) across neighbouring pages, which may overlap when a page was shorter than its range.
    /// Memory stays flat: at most <see cref="OffsetPaging.PagesInFlight"/> pages plus the keys of the last two pages.
    /// A page still passes the connection's rate-limit gate when it is sent, so running ahead never exceeds the limit.
    /// </summary>
    public static class OffsetStream
    {
        public static IEnumerable<T> Stream<T>(Func<int, CancellationToken, Task<IReadOnlyList<T>>> fetch, Func<T, string?> key,
            OffsetPaging paging, CancellationToken cancellationToken)
        {
            int window = Math.Max(1, paging.PagesInFlight);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = new Queue<Task<IReadOnlyList<T>>>();
            int largest = 0;          // largest page length seen: the safe step of an all-items listing
            int pagesSeen = 0;
            int frontier = 0;         // startAt of the next page to request
            bool stepKnown = paging.RangeStep > 0;
            var previousKeys = new HashSet<string>(StringComparer.Ordinal);
            var currentKeys = new HashSet<string>(StringComparer.Ordinal);

            void Launch()
            {
                pending.Enqueue(fetch(frontier, cts.Token));
                frontier += stepKnown ? (paging.RangeStep > 0 ? paging.RangeStep : largest) : 0;
            }

            bool CanLaunch() => frontier < paging.Ceiling;

            try
            {
                // Until the first page shows the server's page length the step is unknown: one request alone.
                if (stepKnown) { while (pending.Count < window && CanLaunch()) Launch(); }
                else if (CanLaunch()) Launch();

                while (pending.Count > 0)
                {
                    var page = pending.Dequeue().GetAwaiter().GetResult() ?? Array.Empty<T>();
                    if (paging.RangeStep == 0)
                    {
                        if (page.Count == 0) break;   // the only end of an all-items listing
                        // A page shorter than the largest may be the last. While the listing is short, any shortfall counts
                        // (a wasted request past the end is a large share of few); once long, filtering's small trims are
                        // ignored and only a page at most half the largest counts.
                        bool longListing = pagesSeen + 1 >= paging.RampAfterPages;
                        bool likelyLast = longListing ? page.Count * 2 <= largest : page.Count < largest;
                        largest = Math.Max(largest, page.Count);
                        if (!stepKnown) { stepKnown = true; frontier = largest; }
                        // Near the likely end request ahead only what is needed to go on (the empty page that ends it).
                        pagesSeen++;
                        // The window opens in steps: past half the ramp a third page goes ahead (one more request wasted
                        // at most, a small share by then), past the ramp the full window.
                        bool halfway = pagesSeen >= paging.RampAfterPages / 2;
                        int target = likelyLast ? 1 : longListing ? window : Math.Min(window, halfway ? 3 : 2);
                        while (pending.Count < target && CanLaunch()) Launch();
                    }
                    else
                    {
                        while (pending.Count < window && CanLaunch()) Launch();
                    }

                    (previousKeys, currentKeys) = (currentKeys, previousKeys);
                    currentKeys.Clear();
                    foreach (var item in page)
                    {
                        var k = key(item);
                        if (k != null && (!currentKeys.Add(k) || previousKeys.Contains(k))) continue;
                        yield return item;
                    }
                }
            }
            finally
            {
                if (pending.Count > 0)
                {
                    cts.Cancel();
                    // Observe the abandoned requests so their cancellation is not an unobserved task exception.
                    foreach (var t in pending) t.ContinueWith(x => _ = x.Exception, TaskScheduler.Default);
                }
            }
        }
    }
}
