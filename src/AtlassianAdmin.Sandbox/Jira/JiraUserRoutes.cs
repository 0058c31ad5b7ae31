using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Org;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>serverInfo, myself, user get/search/create, user groups.</summary>
    internal static class JiraUserRoutes
    {
        private static readonly string[] Products = { "jira-core", "jira-servicedesk", "jira-product-discovery", "jira-software" };

        public static void Register(Router r)
        {
            r.JiraAnonymous("GET", "/serverInfo", ctx => SandboxResponse.Ok(new
            {
                baseUrl = ctx.Origin, version = "1001.0.0-SNAPSHOT", versionNumbers = new[] { 1001, 0, 0 }, deploymentType = "Cloud",
                buildNumber = 100300, buildDate = "2025-01-01T00:00:00.000+0000", serverTime = JiraJson.Time(DateTimeOffset.UtcNow),
                scmInfo = "sandbox", serverTitle = "Jira",
            }));
            r.Jira("GET", "/myself", ctx => SandboxResponse.Ok(JiraJson.User(ctx, JiraLookup.Caller(ctx), Expand(ctx))));
            r.Jira("GET", "/user", ctx => SandboxResponse.Ok(JiraJson.User(ctx, JiraLookup.User(ctx, ctx.Query.Get("accountId")), Expand(ctx))));
            r.Jira("POST", "/user", Create);
            r.Jira("GET", "/user/search", ctx => Search(ctx, activeOnly: true));
            r.Jira("GET", "/user/assignable/search", ctx => Search(ctx, activeOnly: true));
            r.Jira("GET", "/users/search", ctx => Search(ctx, activeOnly: false));
            r.Jira("GET", "/users", ctx => Search(ctx, activeOnly: false));
            r.Jira("GET", "/user/bulk", Bulk);
            r.Jira("GET", "/user/groups", ctx =>
            {
                var u = JiraLookup.User(ctx, ctx.Query.Get("accountId"));
                return SandboxResponse.Ok(u.GroupIds.Select(id => ctx.Store.GroupsById[id]).OrderBy(g => g.Name).Select(g => JiraJson.Group(ctx, g)).ToList());
            });
        }

        private static HashSet<string> Expand(RequestContext ctx) => new HashSet<string>(ctx.Query.List("expand"));

        /// <summary>/user/search (and assignable search) never return anything at startAt &gt;= 1000 (JRACLOUD-73019, Won't Fix).</summary>
        internal const int UserSearchCeiling = 1000;

        /// <summary>
        /// Plain arrays paged by startAt/maxResults, as Jira does it (correction C1): the page size is capped below what was
        /// asked, a page takes its range of accounts first and then filters (accounts left out, and for a query the
        /// non-matching ones), so a short or even empty page says nothing about the end. /user/search shows active users
        /// only and only within the first 1000 accounts.
        /// </summary>
        private static SandboxResponse Search(RequestContext ctx, bool activeOnly)
        {
            var s = ctx.Store;
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            int cap = ctx.Options.JiraUserPageCap > 0 ? ctx.Options.JiraUserPageCap : ctx.Options.MaxPageSize;
            max = Math.Min(max, cap);
            var query = ctx.Query.Get("query");
            var accountId = ctx.Query.Get("accountId");
            var candidates = s.JiraUsers(activeOnly);
            int end = Math.Min(candidates.Count, activeOnly ? UserSearchCeiling : int.MaxValue);
            // The range [startAt, startAt + max) by index: a page costs its own size, not a scan of every user before it.
            var range = new List<UserRecord>();
            for (long i = Math.Max(0, startAt); i < end && i < (long)startAt + max; i++) range.Add(candidates[(int)i]);
            var users = range
                .Where(u => !LeftOut(ctx.Options, u)
                            && (string.IsNullOrEmpty(accountId) || u.AccountId == accountId)
                            && (string.IsNullOrEmpty(query) || PrefixMatch(u, query, !JiraJson.EmailHidden(ctx.Options, u))))
                .Select(u => JiraJson.User(ctx, u)).ToList();
            return SandboxResponse.Ok(users);
        }

        private static bool LeftOut(SandboxOptions o, UserRecord u) => o.JiraUsersLeftOutEvery > 0 && u.Seq % o.JiraUsersLeftOutEvery == 0;

        /// <summary>Account ids a complete Jira <c>/users/search</c> listing returns (all pages), for tests.</summary>
        internal static List<string> Listable(SandboxStore s, SandboxOptions o) =>
            s.UserList.Where(u => s.HasJiraAccess(u) && !LeftOut(o, u)).Select(u => u.AccountId).ToList();
        /// <summary>
        /// <c>GET /user/bulk?accountId=..&amp;accountId=..</c>: a PageBean of the users with those ids (jira.js
        /// <c>bulkGetUsers</c>: <c>accountId</c> repeated, <c>startAt</c>/<c>maxResults</c>). Ids the site does not know are
        /// left out (unverified); no id at all is a 400 (unverified).
        /// </summary>
        private static SandboxResponse Bulk(RequestContext ctx)
        {
            var s = ctx.Store;
            var ids = ctx.Query.List("accountId");
            if (ids.Count == 0) throw JiraErrors.BadRequest("Specify at least one accountId.");
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            var users = ids.Distinct().Select(id => s.UsersById.TryGetValue(id, out var u) && s.HasJiraAccess(u) ? u : null).Where(u => u != null).ToList();
            return SandboxResponse.Ok(JiraJson.PageBean(ctx, users, startAt, max, u => JiraJson.User(ctx, u)));
        }

        /// <summary>Jira matches the start of any word of the display name, or the email.</summary>
        private static bool PrefixMatch(UserRecord u, string query, bool byEmail) =>
            (byEmail && (u.Email ?? "").StartsWith(query, StringComparison.OrdinalIgnoreCase))
            || (u.Name ?? "").StartsWith(query, StringComparison.OrdinalIgnoreCase)
            || (u.Name ?? "").Split(' ').Any(w => w.StartsWith(query, StringComparison.OrdinalIgnoreCase));

        private static SandboxResponse Create(RequestContext ctx)
        {
            var s = ctx.Store;
            JiraLookup.RequireAdmin(ctx);
            var body = ctx.BodyObject();
            var email = OrgLookup.OptionalString(body, "emailAddress");
            if (string.IsNullOrEmpty(email) || email.IndexOf('@') <= 0) throw JiraErrors.Field("emailAddress", "You must specify a valid email address.");
            if (!body.TryGetProperty("products", out var p) || p.ValueKind != JsonValueKind.Array)
                throw JiraErrors.Field("products", "The products field is required. Use [] for no product access.");
            var products = p.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : "").ToList();
            var bad = products.FirstOrDefault(x => !Products.Contains(x));
            if (bad != null) throw JiraErrors.Field("products", "Invalid product '" + bad + "'. Valid: " + string.Join(", ", Products) + ".");
            if (products.Contains("jira-product-discovery")) throw JiraErrors.BadRequest("Product jira-product-discovery is not licensed on this site.");

            if (s.AccountsByEmail.TryGetValue(email, out var existing) && existing.InOrg)
            {
                if (s.HasJiraAccess(existing)) return SandboxResponse.Created(JiraJson.User(ctx, existing));
                throw JiraErrors.BadRequest("The user with email " + email + " already exists but has no access to Jira. Grant product access in admin.atlassian.com.");
            }
            var u = existing ?? s.CreateAccount(email, OrgLookup.OptionalString(body, "displayName"));
            s.JoinOrg(u, s.DirectoryId);   // also makes the account visible to the org API (Atlassian KB)
            u.AddedToOrg = DateTimeOffset.UtcNow;
            s.Record("user_invited", (u.AccountId, "users"));
            if (products.Contains("jira-software") || products.Contains("jira-core"))
            {
                var defaultGroup = s.GroupByName("jira-software-users");
                if (defaultGroup != null && s.AddMembership(defaultGroup, u))
                    s.Record("user_added_to_group", (u.AccountId, "users"), (defaultGroup.Id, "groups"));
            }
            if (products.Contains("jira-servicedesk") && !s.SeatsExceeded(s.ServiceDeskResourceId, "atlassian/user", new[] { u })
                && s.GrantUserRole(u, s.ServiceDeskResourceId, "atlassian/user"))
                s.Record("role_granted", (u.AccountId, "users"), (s.ServiceDeskResourceId, "resources"));
            return SandboxResponse.Created(JiraJson.User(ctx, u));
        }
    }
}
