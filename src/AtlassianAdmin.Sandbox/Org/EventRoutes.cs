using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Audit log: events (newest first), one event, event actions, and the events-stream polling API.</summary>
    internal static class EventRoutes
    {
        private const string V1 = "/admin/v1/orgs/{orgId}";

        private static readonly (string id, string name, string group)[] Actions =
        {
            ("user_invited", "Invited user", "User management"),
            ("user_suspended", "Suspended user access", "User management"),
            ("user_restored", "Restored user access", "User management"),
            ("user_removed_from_directory", "Removed user from directory", "User management"),
            ("user_added_to_group", "Added user to group", "Group management"),
            ("user_removed_from_group", "Removed user from group", "Group management"),
            ("group_created", "Created group", "Group management"),
            ("group_deleted", "Deleted group", "Group management"),
            ("role_granted", "Granted role", "Product access"),
            ("role_revoked", "Revoked role", "Product access"),
            ("user_deactivated", "Deactivated account", "Managed accounts"),
            ("user_reactivated", "Reactivated account", "Managed accounts"),
            ("user_deleted", "Scheduled account deletion", "Managed accounts"),
            ("user_deletion_cancelled", "Cancelled account deletion", "Managed accounts"),
            ("user_email_changed", "Changed email address", "Managed accounts"),
            ("user_profile_updated", "Updated profile", "Managed accounts"),
            ("api_token_revoked", "Revoked API token", "Managed accounts"),
            ("user_removed_from_site", "Removed user from site", "User management"),
        };

        public static void Register(Router r)
        {
            r.Admin("GET", V1 + "/events", List);
            r.Admin("GET", V1 + "/events/{eventId}", ctx =>
            {
                var e = ctx.Store.EventList.FirstOrDefault(x => x.Id == ctx["eventId"]) ?? throw AdminErrors.EventNotFound();
                return SandboxResponse.Ok(new { data = Event(ctx.Store, e, false) });
            });
            r.Admin("GET", V1 + "/event-actions", ctx => SandboxResponse.Ok(new
            {
                data = Actions.Select(a => new { id = a.id, type = "event-actions", attributes = new { displayName = a.name, groupDisplayName = a.group } }).ToList(),
            }));
            r.Admin("GET", V1 + "/events-stream", Stream);
        }

        private static SandboxResponse List(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            var p = req.Params;
            var from = Time(p.Get("from"), "from");
            var to = Time(p.Get("to"), "to");
            var action = p.List("action");
            var actor = p.Get("actor");
            var q = p.Get("q");
            var ip = p.Get("ip");
            Func<EventRecord, bool> filter = e =>
                (from == null || e.Time >= from) && (to == null || e.Time <= to)
                && (action.Count == 0 || action.Contains(e.Action))
                && (actor == null || e.ActorId == actor)
                && (ip == null || e.Ip == ip)
                && (string.IsNullOrEmpty(q) || Matches(e, q));
            // Newest first; keys must increase along the list, hence -Seq.
            var newestFirst = Enumerable.Reverse(s.EventList).ToList();
            var page = CursorPager.Page(req, newestFirst, i => -newestFirst[i].Seq, filter);
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(e => Event(s, e, false)).ToList(),
                links = new { self = CursorPager.V1Link(ctx, page.Self), prev = CursorPager.V1Link(ctx, page.Prev), next = CursorPager.V1Link(ctx, page.Next) },
                meta = new { next = page.Next, page_size = req.Limit },
            });
        }

        private static SandboxResponse Stream(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options, 200, 500);
            var p = req.Params;
            var from = Time(p.Get("from"), "from");
            var to = Time(p.Get("to"), "to");
            bool desc = string.Equals(p.Get("sortOrder"), "desc", StringComparison.OrdinalIgnoreCase);
            Func<EventRecord, bool> filter = e => (from == null || e.ProcessedAt >= from) && (to == null || e.ProcessedAt <= to);
            var list = desc ? Enumerable.Reverse(s.EventList).ToList() : s.EventList.OrderBy(e => e.Seq).ToList();
            var page = CursorPager.Page(req, list, i => desc ? -list[i].Seq : list[i].Seq, filter);
            // Polling API: "the cursor can be used when the last page is reached to poll for new events". In ascending
            // order the last page's cursor points after its last event (or stays where it was on an empty page).
            var next = page.Next;
            if (next == null && !desc)
                next = page.Items.Count > 0 ? CursorPager.Encode(p, page.Items[page.Items.Count - 1].Seq) : page.Self;
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(e => Event(s, e, true)).ToList(),
                links = new { self = page.Self, next },
                meta = new { next, page_size = req.Limit },
            });
        }

        private static bool Matches(EventRecord e, string q) =>
            e.Action.IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0
            || (e.ActorName ?? "").IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0
            || e.Context.Any(c => c.Key.IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>ISO-8601, or epoch seconds / milliseconds (both are seen in clients).</summary>
        private static DateTimeOffset? Time(string value, string name)
        {
            if (string.IsNullOrEmpty(value)) return null;
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
                return epoch > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            throw AdminErrors.InvalidTime("'" + name + "' must be an ISO-8601 timestamp or epoch milliseconds.");
        }

        private static Dictionary<string, object> ContextAttributes(SandboxStore s, string id, string type)
        {
            var d = new Dictionary<string, object>();
            if (type == "users" && s.UsersById.TryGetValue(id, out var u)) { d["name"] = u.Name; d["email"] = u.Email; }
            else if (type == "groups" && s.GroupsById.TryGetValue(id, out var g)) d["name"] = g.Name;
            return d;
        }

        private static object Event(SandboxStore s, EventRecord e, bool stream)
        {
            var attributes = new Dictionary<string, object>
            {
                ["time"] = OrgJson.Time(e.Time),
                ["action"] = e.Action,
                ["actor"] = new
                {
                    id = e.ActorId, name = e.ActorName, email = e.ActorId != null && s.UsersById.TryGetValue(e.ActorId, out var actor) ? actor.Email : null,
                    links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/users/" + e.ActorId },
                },
                // jira.js eventObjectModel: {id, type, attributes: record<string, any>, links}. (unverified) the attribute
                // names: users carry name and email, groups their name, as the admin UI shows them.
                ["context"] = e.Context.Select(c => new Dictionary<string, object>
                {
                    ["id"] = c.Key, ["type"] = c.Value, ["attributes"] = ContextAttributes(s, c.Key, c.Value),
                    ["links"] = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/" + c.Value + "/" + c.Key, alt = (string)null },
                }).ToList(),
                ["container"] = new[] { new { id = s.OrgId, type = "orgs", links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId } } },
                ["location"] = new { ip = e.Ip, geo = e.Geo },
            };
            var result = new Dictionary<string, object> { ["id"] = e.Id, ["type"] = "events", ["attributes"] = attributes };
            result["links"] = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/events/" + e.Id };
            if (stream)
            {
                attributes["processedAt"] = OrgJson.Time(e.ProcessedAt);
                // jira.js pollingEventModel: message sits beside attributes. (unverified) its content/format values.
                result["message"] = new { content = e.Action.Replace('_', ' '), format = "simple" };
            }
            return result;
        }
    }
}
