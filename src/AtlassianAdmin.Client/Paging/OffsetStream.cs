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
            if (fetch == null) throw new ArgumentNullException(nameof(fetch));
            return new Listing<T>(fetch, key, paging, cancellationToken);
        }

        /// <summary>Streams when enumerated; pages asynchronously for <see cref="CursorStream.ToListAsync{T}"/> (worker code).</summary>
        private sealed class Listing<T> : IAsyncListing<T>
        {
            private readonly Func<int, CancellationToken, Task<IReadOnlyList<T>>> _fetch;
            private readonly Func<T, string?> _key;
            private readonly OffsetPaging _paging;
            private readonly CancellationToken _cancellationToken;

            public Listing(Func<int, CancellationToken, Task<IReadOnlyList<T>>> fetch, Func<T, string?> key, OffsetPaging paging, CancellationToken cancellationToken)
            {
                _fetch = fetch;
                _key = key;
                _paging = paging;
                _cancellationToken = cancellationToken;
            }

            public IEnumerator<T> GetEnumerator() => Iterate().GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            private IEnumerable<T> Iterate()
            {
                using var reader = new Reader<T>(_fetch, _key, _paging, _cancellationToken);
                while (reader.Next().GetAwaiter().GetResult() is List<T> page)
                    foreach (var item in page) yield return item;
            }

            public async Task<List<T>> ReadAllAsync(CancellationToken cancellationToken)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
                using var reader = new Reader<T>(_fetch, _key, _paging, cts.Token);
                var items = new List<T>();
                while (await reader.Next().ConfigureAwait(false) is List<T> page) items.AddRange(page);
                return items;
            }
        }

        /// <summary>The paging of one read: which pages are in flight, the step, the stop rule and the de-duplication.</summary>
        private sealed class Reader<T> : IDisposable
        {
            private readonly Func<int, CancellationToken, Task<IReadOnlyList<T>>> _fetch;
            private readonly Func<T, string?> _key;
            private readonly OffsetPaging _paging;
            private readonly CancellationTokenSource _cts;
            private readonly Queue<Task<IReadOnlyList<T>>> _pending = new Queue<Task<IReadOnlyList<T>>>();
            private readonly int _window;
            private int _largest;         // largest page length seen: the safe step of an all-items listing
            private int _pagesSeen;
            private int _frontier;        // startAt of the next page to request
            private bool _stepKnown;
            private bool _done;
            private HashSet<string> _previousKeys = new HashSet<string>(StringComparer.Ordinal);
            private HashSet<string> _currentKeys = new HashSet<string>(StringComparer.Ordinal);

            public Reader(Func<int, CancellationToken, Task<IReadOnlyList<T>>> fetch, Func<T, string?> key, OffsetPaging paging, CancellationToken cancellationToken)
            {
                _fetch = fetch;
                _key = key;
                _paging = paging;
                _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _window = Math.Max(1, paging.PagesInFlight);
                _stepKnown = paging.RangeStep > 0;
                // Until the first page shows the server's page length the step is unknown: one request alone.
                if (_stepKnown) { while (_pending.Count < _window && CanLaunch()) Launch(); }
                else if (CanLaunch()) Launch();
            }

            private void Launch()
            {
                _pending.Enqueue(_fetch(_frontier, _cts.Token));
                _frontier += _stepKnown ? (_paging.RangeStep > 0 ? _paging.RangeStep : _largest) : 0;
            }

            private bool CanLaunch() => _frontier < _paging.Ceiling;

            /// <summary>The next page's new items (the next requests already sent), or null at the end.</summary>
            public async Task<List<T>?> Next()
            {
                if (_done || _pending.Count == 0) return null;
                var page = await _pending.Dequeue().ConfigureAwait(false) ?? Array.Empty<T>();
                if (_paging.RangeStep == 0)
                {
                    if (page.Count == 0) { _done = true; return null; }   // the only end of an all-items listing
                    // A page shorter than the largest may be the last. While the listing is short, any shortfall counts
                    // (a wasted request past the end is a large share of few); once long, filtering's small trims are
                    // ignored and only a page at most half the largest counts.
                    bool longListing = _pagesSeen + 1 >= _paging.RampAfterPages;
                    bool likelyLast = longListing ? page.Count * 2 <= _largest : page.Count < _largest;
                    _largest = Math.Max(_largest, page.Count);
                    if (!_stepKnown) { _stepKnown = true; _frontier = _largest; }
                    // Near the likely end request ahead only what is needed to go on (the empty page that ends it).
                    _pagesSeen++;
                    // The window opens in steps: past half the ramp a third page goes ahead (one more request wasted
                    // at most, a small share by then), past the ramp the full window.
                    bool halfway = _pagesSeen >= _paging.RampAfterPages / 2;
                    int target = likelyLast ? 1 : longListing ? _window : Math.Min(_window, halfway ? 3 : 2);
                    while (_pending.Count < target && CanLaunch()) Launch();
                }
                else
                {
                    while (_pending.Count < _window && CanLaunch()) Launch();
                }

                (_previousKeys, _currentKeys) = (_currentKeys, _previousKeys);
                _currentKeys.Clear();
                var fresh = new List<T>(page.Count);
                foreach (var item in page)
                {
                    var k = _key(item);
                    if (k != null && (!_currentKeys.Add(k) || _previousKeys.Contains(k))) continue;
                    fresh.Add(item);
                }
                return fresh;
            }

            public void Dispose()
            {
                if (_pending.Count > 0)
                {
                    _cts.Cancel();
                    // Observe the abandoned requests so their cancellation is not an unobserved task exception.
                    foreach (var t in _pending) t.ContinueWith(x => _ = x.Exception, TaskScheduler.Default);
                }
                _cts.Dispose();
            }
        }
    }
}
