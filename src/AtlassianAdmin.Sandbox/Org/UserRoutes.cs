using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Directory users: search/list/get/count/stats, suspend/restore/remove (v2 + v1), last-active dates, v1 managed accounts.</summary>
    internal static class UserRoutes
    {
        private const string Dir = "/admin/v2/orgs/{orgId}/directories/{directoryId}";
        private const string V1 = "/admin/v1/orgs/{orgId}";

        public static void Register(Router r)
        {
            r.Admin("POST", Dir + "/users/search", ctx => Search(ctx, ctx.BodyParams()));
            r.Admin("GET", Dir + "/users", ctx => Search(ctx, ctx.Query));                 // deprecated list
            r.Admin("GET", Dir + "/users/count", Count);
            r.Admin("GET", Dir + "/users/stats", Stats);
            r.Admin("GET", Dir + "/users/{accountId}", Get);
            r.Admin("POST", Dir + "/users/{accountId}/suspend", ctx => { Suspend(ctx); return LifecycleAnswer(ctx, "suspended"); });
            r.Admin("POST", Dir + "/users/{accountId}/restore", ctx => { Restore(ctx); return LifecycleAnswer(ctx, "restored"); });
            r.Admin("DELETE", Dir + "/users/{accountId}", Remove);

            r.Admin("POST", V1 + "/users/search", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/users/search", ctx => Search(ctx, ctx.BodyParams())));
            r.Admin("POST", V1 + "/directory/users/{accountId}/suspend-access", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend",
                ctx => { Suspend(ctx); return SandboxResponse.Ok(OrgJson.Message("User access suspended")); }));
            r.Admin("POST", V1 + "/directory/users/{accountId}/restore-access", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore",
                ctx => { Restore(ctx); return SandboxResponse.Ok(OrgJson.Message("User access restored")); }));
            r.Admin("DELETE", V1 + "/directory/users/{accountId}", RemovedEndpoints.V1("DELETE /v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}", Remove));
            r.Admin("GET", V1 + "/directory/users/{accountId}/last-active-dates", LastActiveDates);
            r.Admin("GET", V1 + "/users", ManagedAccounts);
        }

        /// <summary>204, or with <see cref="SandboxOptions.LifecycleAnswersWithBody"/> 200 and a small JSON body (unverified shape).</summary>
        private static SandboxResponse LifecycleAnswer(RequestContext ctx, string what) =>
            ctx.Options.LifecycleAnswersWithBody ? SandboxResponse.Ok(OrgJson.Message("User access " + what)) : SandboxResponse.NoContent();

        private static SandboxResponse Search(RequestContext ctx, ParamBag bag)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(bag, ctx.Options, cursorIsPositionOnly: ctx.Method == "POST" && ctx.Options.SearchCursorIsPositionOnly);
            var filter = UserQuery.Filter(ctx, req.Params, OrgLookup.Directory(ctx));
            var sort = UserQuery.Sort(req.Params);
            var expand = OrgLookup.Expand(req.Params);
            CursorPage<UserRecord> page;
            if (sort == null) page = CursorPager.Page(req, s.UserList, i => s.UserList[i].Seq, filter);
            else
            {
                var sorted = s.UserList.Where(filter).ToList();
                sorted.Sort(sort);
                page = CursorPager.Page(req, sorted);
            }
            return SandboxResponse.Ok(OrgJson.List(page, u => OrgJson.UserV2(s, u, expand)));
        }

        private static SandboxResponse Count(RequestContext ctx)
        {
            var filter = UserQuery.Filter(ctx, ctx.Query, OrgLookup.Directory(ctx));
            return SandboxResponse.Ok(new { count = ctx.Store.UserList.Count(filter) });
        }

        private static SandboxResponse Stats(RequestContext ctx)
        {
            var s = ctx.Store;
            var users = s.UserList.Where(UserQuery.Filter(ctx, new ParamBag(), OrgLookup.Directory(ctx))).ToList();
            // jira.js multiDirectoryUserStats: {roles: [{roleId, count}], accountStatus: [{status, count}]}.
            var roles = users.SelectMany(u => s.EffectiveRoleRefs(u).Select(r => (r.role.RoleId, u.AccountId)).Distinct())
                .GroupBy(x => x.RoleId).OrderBy(g => g.Key).Select(g => new { roleId = g.Key, count = g.Count() }).ToList();
            return SandboxResponse.Ok(new
            {
                roles,
                accountStatus = users.GroupBy(u => u.AccountStatus).OrderBy(g => g.Key).Select(g => new { status = g.Key, count = g.Count() }).ToList(),
            });
        }

        private static SandboxResponse Get(RequestContext ctx)
        {
            var u = OrgLookup.User(ctx);
            // (unverified) the {"data":...} wrapper follows the group-details pattern.
            return SandboxResponse.Ok(new { data = OrgJson.UserV2(ctx.Store, u, OrgLookup.Expand(ctx.Query)) });
        }

        // Suspend/restore are idempotent; an event is recorded only when the state really changes.
        private static void Suspend(RequestContext ctx)
        {
            var u = OrgLookup.User(ctx);
            if (u.Suspended) return;
            u.Suspended = true;
            ctx.Store.Record("user_suspended", (u.AccountId, "users"));
        }

        private static void Restore(RequestContext ctx)
        {
            var u = OrgLookup.User(ctx);
            if (!u.Suspended) return;
            u.Suspended = false;
            ctx.Store.Record("user_restored", (u.AccountId, "users"));
        }

        private static SandboxResponse Remove(RequestContext ctx)
        {
            var u = OrgLookup.User(ctx);
            ctx.Store.RemoveFromDirectory(u, OrgLookup.Directory(ctx));
            ctx.Store.Record("user_removed_from_directory", (u.AccountId, "users"));
            return SandboxResponse.NoContent();
        }

        private static SandboxResponse LastActiveDates(RequestContext ctx)
        {
            var u = OrgLookup.User(ctx);
            return SandboxResponse.Ok(new
            {
                data = new { product_access = OrgJson.ProductAccessV1(ctx.Store, u), added_to_org = OrgJson.Date(u.AddedToOrg) },
                links = new { self = (string)null, next = (string)null },
            });
        }

        /// <summary>v1 managed accounts (verified-domain users), snake_case, meta.total, full-URL next links.</summary>
        private static SandboxResponse ManagedAccounts(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            System.Func<UserRecord, bool> managed = u => u.Managed;
            var page = CursorPager.Page(req, s.UserList, i => s.UserList[i].Seq, managed);
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(u => OrgJson.UserV1(s, u)).ToList(),
                meta = new { total = s.UserList.Count(managed) },
                links = new { self = CursorPager.V1Link(ctx, page.Self), prev = CursorPager.V1Link(ctx, page.Prev), next = CursorPager.V1Link(ctx, page.Next) },
            });
        }
    }
}
