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
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(e => Event(s, e, true)).ToList(),
                links = new { self = page.Self, next = page.Next },
                meta = new { next = page.Next, page_size = req.Limit },
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

        private static object Event(SandboxStore s, EventRecord e, bool stream)
        {
            var attributes = new Dictionary<string, object>
            {
                ["time"] = OrgJson.Time(e.Time),
                ["action"] = e.Action,
                ["actor"] = new { id = e.ActorId, name = e.ActorName, links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/users/" + e.ActorId } },
                ["context"] = e.Context.Select(c => new
                {
                    id = c.Key, type = c.Value,
                    links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/" + c.Value + "/" + c.Key, alt = (string)null },
                }).ToList(),
                ["container"] = new[] { new { id = s.OrgId, type = "orgs", links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId } } },
                ["location"] = new { ip = e.Ip, geo = e.Geo },
            };
            if (stream)
            {
                attributes["processedAt"] = OrgJson.Time(e.ProcessedAt);
                attributes["message"] = new { content = e.Action.Replace('_', ' '), format = "simple" };
            }
            return new { id = e.Id, type = "events", attributes, links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/events/" + e.Id } };
        }
    }
}
