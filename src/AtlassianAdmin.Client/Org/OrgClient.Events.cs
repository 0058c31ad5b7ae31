#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// The audit log: <c>GET /v1/orgs/{orgId}/events</c>. The endpoint allows only 10 requests per minute (per user and
    /// per path), so its requests go through <see cref="EventsLimiter"/>, which waits for the endpoint's budget instead
    /// of failing and keeps the rest of the connection's traffic out of it.
    /// </summary>
    public sealed partial class OrgClient
    {
        /// <summary>The documented limit of <c>GET /v1/orgs/{orgId}/events</c>.</summary>
        public const int EventsRequestsPerMinute = 10;

        /// <summary>One per connection: every audit log read of the connection shares the endpoint's budget.</summary>
        public EndpointRateLimiter EventsLimiter { get; } = new EndpointRateLimiter("/admin/v1/orgs/{orgId}/events", EventsRequestsPerMinute);

        /// <summary>Streams the events matching <paramref name="query"/>, newest first.</summary>
        /// <remarks>One page ahead only: at 10 requests a minute a page fetched and never read is expensive.</remarks>
        public IEnumerable<AtlassianAuditEvent> ListEvents(string orgId, EventQuery? query, CancellationToken ct) =>
            CursorStream.Stream<AtlassianAuditEvent>((cursor, t) => GetEventsPageAsync(orgId, query, cursor, t), ct, pagesAhead: 1);

        /// <summary>One page of events; pass the returned <see cref="Page{T}.Next"/> as <paramref name="cursor"/> for the next.</summary>
        public async Task<Page<AtlassianAuditEvent>> GetEventsPageAsync(string orgId, EventQuery? query, string? cursor, CancellationToken ct)
        {
            var q = new QueryBuilder();
            if (cursor != null) q.Add("cursor", cursor); // the cursor carries the filters
            else
            {
                query = query ?? new EventQuery();
                // The reference gives epoch milliseconds for the audit log's time filters (events-stream documents them so; clients send epoch).
                if (query.From.HasValue) q.Add("from", query.From.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                if (query.To.HasValue) q.Add("to", query.To.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                foreach (var a in query.Actions ?? Enumerable.Empty<string>()) q.Add("action", a);
                q.Add("actor", query.ActorId);
                q.Add("q", query.SearchTerm);
                q.Add("ip", query.Ip);
                q.Add("limit", (query.Limit ?? PageSize).ToString(CultureInfo.InvariantCulture));
            }
            var env = await _api.GetAsync<EventsEnvelope>(Org(orgId) + "/events" + q, EventsLimiter, ct).ConfigureAwait(false);
            var items = (env?.Data ?? new List<EventResource>()).Select(e => ToEvent(orgId, e)).ToList();
            var next = PageStream.CursorFromLink(env?.Links?.Next) ?? PageStream.CursorFromLink(env?.Meta?.Next);
            return new Page<AtlassianAuditEvent>(items, items.Count == 0 ? null : next);
        }

        /// <summary>
        /// One page of the polling feed <c>GET /v1/orgs/{orgId}/events-stream</c> (bulk export: limit up to 500, ascending by
        /// processing time; <c>from</c>/<c>to</c> are epoch milliseconds). Not behind the 10-per-minute budget of <c>/events</c>.
        /// The returned cursor may be present on the last page, to poll for newer events later.
        /// </summary>
        public async Task<Page<AtlassianAuditEvent>> GetEventStreamPageAsync(string orgId, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int limit, CancellationToken ct)
        {
            var q = new QueryBuilder();
            if (cursor != null) q.Add("cursor", cursor);
            else
            {
                if (from.HasValue) q.Add("from", from.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                if (to.HasValue) q.Add("to", to.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                q.Add("sortOrder", "asc");
            }
            q.Add("limit", limit.ToString(CultureInfo.InvariantCulture));
            var env = await _api.GetAsync<EventsEnvelope>(Org(orgId) + "/events-stream" + q, ct).ConfigureAwait(false);
            var items = (env?.Data ?? new List<EventResource>()).Select(e => ToEvent(orgId, e)).ToList();
            var next = PageStream.CursorFromLink(env?.Meta?.Next) ?? PageStream.CursorFromLink(env?.Links?.Next);
            return new Page<AtlassianAuditEvent>(items, next);
        }

        /// <summary>
        /// <c>GET /v1/orgs/{orgId}/event-actions</c>: every action the org's audit log records, the values of
        /// <see cref="EventQuery.Actions"/>. One unpaged list (jira.js eventActions: <c>data</c> only), outside the
        /// 10-per-minute budget of <c>/events</c> (a path of its own).
        /// </summary>
        public async Task<IReadOnlyList<AtlassianAuditEventAction>> GetEventActionsAsync(string orgId, CancellationToken ct)
        {
            var env = await _api.GetAsync<DataEnvelope<List<JsonApiResource<EventActionAttributes>>>>(Org(orgId) + "/event-actions", ct).ConfigureAwait(false);
            return (env?.Data ?? new List<JsonApiResource<EventActionAttributes>>()).Select(a => ToEventAction(orgId, a)).ToList();
        }

        internal static AtlassianAuditEventAction ToEventAction(string orgId, JsonApiResource<EventActionAttributes> a) => new AtlassianAuditEventAction
        {
            OrgId = orgId,
            Id = a.Id,
            DisplayName = a.Attributes?.DisplayName,
            // jira.js eventActionModel has both, each optional: an answer may carry only the list.
            GroupDisplayName = a.Attributes?.GroupDisplayName
                ?? (a.Attributes?.GroupDisplayNames is { Count: > 0 } names ? string.Join("; ", names) : null),
        };

        internal sealed class EventActionAttributes
        {
            public string? DisplayName { get; set; }
            public string? GroupDisplayName { get; set; }
            public List<string>? GroupDisplayNames { get; set; }
        }

        private static AtlassianAuditEvent ToEvent(string orgId, EventResource e)
        {
            var a = e.Attributes ?? new EventAttributes();
            var context = a.Context ?? new List<EventRef>();
            var user = context.FirstOrDefault(c => string.Equals(c.Type, "users", StringComparison.OrdinalIgnoreCase));
            var group = context.FirstOrDefault(c => string.Equals(c.Type, "groups", StringComparison.OrdinalIgnoreCase));
            return new AtlassianAuditEvent
            {
                ActorEmail = a.Actor?.Email,
                TargetUserName = user?.Attr("name") ?? user?.Attr("displayName"),
                TargetUserEmail = user?.Attr("email"),
                TargetGroupName = group?.Attr("name") ?? group?.Attr("groupName"),
                ProcessedAt = a.ProcessedAt,
                Message = e.Message?.Content ?? a.Message?.Content,
                Id = e.Id,
                Time = a.Time,
                Action = a.Action,
                ActorId = a.Actor?.Id,
                ActorName = a.Actor?.Name,
                Targets = Join(context),
                TargetUserId = context.FirstOrDefault(c => string.Equals(c.Type, "users", StringComparison.OrdinalIgnoreCase))?.Id,
                TargetGroupId = context.FirstOrDefault(c => string.Equals(c.Type, "groups", StringComparison.OrdinalIgnoreCase))?.Id,
                Container = Join(a.Container),
                Ip = a.Location?.Ip,
                Location = a.Location?.Geo,
                OrgId = orgId,
            };
        }

        private static string? Join(List<EventRef>? refs) =>
            refs == null || refs.Count == 0 ? null : string.Join("; ", refs.Select(r => r.Type + ":" + r.Id));

        private sealed class EventsEnvelope
        {
            public List<EventResource>? Data { get; set; }
            public Links? Links { get; set; }
            public EventsMeta? Meta { get; set; }
        }

        private sealed class EventsMeta
        {
            public string? Next { get; set; }
        }

        private sealed class EventAttributes
        {
            public DateTimeOffset? Time { get; set; }
            public DateTimeOffset? ProcessedAt { get; set; }
            public EventMessage? Message { get; set; }
            public string? Action { get; set; }
            public EventRef? Actor { get; set; }
            public List<EventRef>? Context { get; set; }
            public List<EventRef>? Container { get; set; }
            public EventLocation? Location { get; set; }
        }

        private sealed class EventRef
        {
            public string? Id { get; set; }
            public string? Type { get; set; }
            public string? Name { get; set; }
            public string? Email { get; set; }
            /// <summary>Free-form per jira.js eventObjectModel (record of any).</summary>
            public Dictionary<string, System.Text.Json.JsonElement>? Attributes { get; set; }

            public string? Attr(string key) =>
                Attributes != null && Attributes.TryGetValue(key, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        }

        /// <summary>An event: jira.js eventModel / pollingEventModel, with <c>message</c> beside <c>attributes</c>.</summary>
        private sealed class EventResource
        {
            public string? Id { get; set; }
            public string? Type { get; set; }
            public EventAttributes? Attributes { get; set; }
            public EventMessage? Message { get; set; }
        }

        private sealed class EventMessage
        {
            public string? Content { get; set; }
            public string? Format { get; set; }
        }

        private sealed class EventLocation
        {
            public string? Ip { get; set; }
            public string? Geo { get; set; }
        }
    }

    /// <summary>Filters of the audit log (all optional; combined with AND).</summary>
    public sealed class EventQuery
    {
        public DateTimeOffset? From { get; set; }
        public DateTimeOffset? To { get; set; }
        public List<string>? Actions { get; set; }
        public string? ActorId { get; set; }
        /// <summary>Free text (<c>q</c>).</summary>
        public string? SearchTerm { get; set; }
        public string? Ip { get; set; }
        public int? Limit { get; set; }
    }
}
