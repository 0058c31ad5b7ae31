using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;

namespace AtlassianAdmin.Sandbox.Paging
{
    /// <summary>What to page: the effective filters (from the request or the cursor), where to resume, and the page size.</summary>
    internal sealed class PageRequest
    {
        public ParamBag Params;
        /// <summary>Key of the last item already returned; null = from the start.</summary>
        public long? After;
        public int Limit;
    }

    internal sealed class CursorPage<T>
    {
        public List<T> Items = new List<T>();
        public int StartIndex;
        public string Self;
        public string Prev;
        public string Next;
    }

    /// <summary>
    /// Org API cursor paging. A cursor is base64url(JSON{"p":filters,"a":lastKey}): it freezes the filters, which is why
    /// the API can ignore all other parameters when a cursor is sent. Lists are ordered by a strictly increasing key
    /// (a sequence number or the index), so resuming is a binary search, never a rescan from the start.
    /// </summary>
    internal static class CursorPager
    {
        private sealed class CursorState
        {
            public Dictionary<string, List<string>> p { get; set; }
            public long? a { get; set; }
        }

        /// <summary>
        /// Effective parameters: the cursor's if one is present (others are ignored), else the request's. With
        /// <paramref name="cursorIsPositionOnly"/> a cursor only says where to resume and the request's own filters apply
        /// (a server that does not keep filters in POST search cursors: correction C9, unverified either way).
        /// </summary>
        public static PageRequest Resolve(ParamBag request, SandboxOptions options, int? defaultLimit = null, int? maxLimit = null, bool cursorIsPositionOnly = false)
        {
            var cursor = request.Get("cursor");
            var req = new PageRequest { Params = request.Without("cursor") };
            if (!string.IsNullOrEmpty(cursor))
            {
                var state = Decode(cursor);
                if (!cursorIsPositionOnly) req.Params = ParamBag.FromDictionary(state.p);
                req.After = state.a;
            }
            if (!req.Params.TryInt("limit", out var limit) || (limit.HasValue && limit.Value < 1))
                throw AdminErrors.BadRequest("'limit' must be a positive integer.");
            // Design choice: a limit above the maximum is clamped rather than rejected.
            int max = maxLimit ?? options.MaxPageSize;
            req.Limit = Math.Min(limit ?? defaultLimit ?? options.DefaultPageSize, Math.Max(1, max));
            return req;
        }

        public static CursorPage<T> Page<T>(PageRequest req, IReadOnlyList<T> ordered, Func<int, long> keyAt, Func<T, bool> filter)
        {
            var page = new CursorPage<T>();
            int start = req.After == null ? 0 : IndexAfter(ordered.Count, keyAt, req.After.Value);
            page.StartIndex = start;
            int i = start;
            int last = -1;
            for (; i < ordered.Count && page.Items.Count < req.Limit; i++)
                if (filter(ordered[i])) { page.Items.Add(ordered[i]); last = i; }
            bool more = false;
            for (; i < ordered.Count && !more; i++) more = filter(ordered[i]);

            page.Self = Encode(req.Params, req.After);
            page.Next = more && last >= 0 ? Encode(req.Params, keyAt(last)) : null;
            page.Prev = PrevCursor(req, ordered, keyAt, filter, start);
            return page;
        }

        /// <summary>Pages a list keyed by index (for small derived lists).</summary>
        public static CursorPage<T> Page<T>(PageRequest req, IReadOnlyList<T> list, Func<T, bool> filter = null) =>
            Page(req, list, i => i, filter ?? (_ => true));

        private static string PrevCursor<T>(PageRequest req, IReadOnlyList<T> ordered, Func<int, long> keyAt, Func<T, bool> filter, int start)
        {
            int found = 0, earliest = -1;
            for (int j = start - 1; j >= 0 && found < req.Limit; j--)
                if (filter(ordered[j])) { found++; earliest = j; }
            if (found == 0) return null;
            return Encode(req.Params, earliest == 0 ? (long?)null : keyAt(earliest - 1));
        }

        private static int IndexAfter(int count, Func<int, long> keyAt, long after)
        {
            int lo = 0, hi = count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (keyAt(mid) <= after) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        public static string Encode(ParamBag filters, long? after)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new CursorState { p = filters.ToDictionary(), a = after });
            return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        private static CursorState Decode(string cursor)
        {
            try
            {
                var s = cursor.Replace('-', '+').Replace('_', '/');
                s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
                var state = JsonSerializer.Deserialize<CursorState>(Encoding.UTF8.GetString(Convert.FromBase64String(s)));
                if (state?.p == null) throw AdminErrors.InvalidCursor();
                return state;
            }
            catch (FormatException) { throw AdminErrors.InvalidCursor(); }
            catch (JsonException) { throw AdminErrors.InvalidCursor(); }
            catch (ArgumentException) { throw AdminErrors.InvalidCursor(); }
        }

        /// <summary>v1 list endpoints give full URLs in links.next (v2 gives bare tokens); clients must handle both.</summary>
        public static string V1Link(RequestContext ctx, string token) =>
            token == null ? null : ctx.Origin + ctx.Uri.AbsolutePath + "?cursor=" + Uri.EscapeDataString(token);
    }
}
