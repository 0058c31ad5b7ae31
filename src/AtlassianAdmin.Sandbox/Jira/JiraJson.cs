using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>Wire shapes of Jira REST v3 (camelCase), with self links on the request's host.</summary>
    internal static class JiraJson
    {
        public static string Api(RequestContext ctx) => ctx.Origin + "/rest/api/3";

        public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

        public static Dictionary<string, object> User(RequestContext ctx, UserRecord u, ICollection<string> expand = null)
        {
            var s = ctx.Store;
            var d = new Dictionary<string, object>
            {
                ["self"] = Api(ctx) + "/user?accountId=" + Uri.EscapeDataString(u.AccountId),
                ["accountId"] = u.AccountId,
                ["accountType"] = u.AccountType,
                ["avatarUrls"] = new Dictionary<string, string>
                {
                    ["48x48"] = u.Picture, ["24x24"] = u.Picture, ["16x16"] = u.Picture, ["32x32"] = u.Picture,
                },
                ["displayName"] = u.Name,
                ["active"] = u.IsActive,
                ["timeZone"] = u.Zoneinfo,
                ["locale"] = (u.Locale ?? "en-US").Replace('-', '_'),
            };
            if (!EmailHidden(ctx.Options, u)) d["emailAddress"] = u.Email;
            if (expand != null && expand.Contains("groups"))
            {
                var groups = u.GroupIds.Select(id => s.GroupsById[id]).OrderBy(g => g.Name).Select(g => Group(ctx, g)).ToList();
                d["groups"] = new Dictionary<string, object> { ["size"] = groups.Count, ["items"] = groups };
            }
            if (expand != null && expand.Contains("applicationRoles"))
            {
                var roles = ApplicationRoles(s, u).Select(k => new { key = k, name = k == "jira-servicedesk" ? "Jira Service Management" : "Jira" }).ToList();
                d["applicationRoles"] = new Dictionary<string, object> { ["size"] = roles.Count, ["items"] = roles };
            }
            return d;
        }

        /// <summary>The user keeps their email private (Jira omits it and does not search by it).</summary>
        public static bool EmailHidden(SandboxOptions o, UserRecord u) => o.JiraHiddenEmailEvery > 0 && u.Seq % o.JiraHiddenEmailEvery == 0;

        public static IEnumerable<string> ApplicationRoles(SandboxStore s, UserRecord u)
        {
            if (s.HasAnyRoleOn(u, s.JiraResourceId)) yield return "jira-software";
            if (s.HasRole(u, s.ServiceDeskResourceId, "atlassian/user")) yield return "jira-servicedesk";
        }

        public static Dictionary<string, object> Group(RequestContext ctx, GroupRecord g) => new Dictionary<string, object>
        {
            ["name"] = g.Name,
            ["groupId"] = g.Id,
            ["self"] = Api(ctx) + "/group?groupId=" + g.Id,
        };

        /// <summary>Offset paging parameters (startAt 0-based, maxResults clamped to the max page size).</summary>
        public static (int startAt, int maxResults) Paging(RequestContext ctx, ParamBag p)
        {
            int startAt = ctx.Int(p, "startAt") ?? 0;
            int max = ctx.Int(p, "maxResults") ?? ctx.Options.DefaultPageSize;
            if (startAt < 0 || max < 0) throw JiraErrors.BadRequest("startAt and maxResults must not be negative.");
            return (startAt, Math.Min(max, ctx.Options.MaxPageSize));
        }

        /// <summary>PageBean: {self, nextPage?, maxResults, startAt, total, isLast, values}.</summary>
        public static Dictionary<string, object> PageBean<T>(RequestContext ctx, IReadOnlyList<T> all, int startAt, int maxResults, Func<T, object> map)
        {
            var values = all.Skip(startAt).Take(maxResults).Select(map).ToList();
            bool isLast = startAt + values.Count >= all.Count;
            var self = ctx.Uri.GetLeftPart(UriPartial.Path);
            var d = new Dictionary<string, object>
            {
                ["self"] = ctx.Uri.ToString(),
                ["maxResults"] = maxResults,
                ["startAt"] = startAt,
                ["total"] = all.Count,
                ["isLast"] = isLast,
                ["values"] = values,
            };
            if (!isLast)
            {
                var query = ctx.Query.Without("startAt", "maxResults").ToDictionary()
                    .SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v)))
                    .Concat(new[] { "startAt=" + (startAt + maxResults), "maxResults=" + maxResults });
                d["nextPage"] = self + "?" + string.Join("&", query);
            }
            return d;
        }
    }
}
