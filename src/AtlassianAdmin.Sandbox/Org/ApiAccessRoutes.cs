using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>
    /// The org's API-access API (<c>https://api.atlassian.com/admin/api-access/v1</c>): every managed account's API tokens in one
    /// listing. Shape from developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token:
    /// <c>{data:[{id,label,status,createdAt,expiresAt,lastActiveAt,user:{id,orgId,name,email}}],links:{self,next,prev}}</c>.
    /// The documented bulk <c>DELETE …/api-tokens</c> revokes every token of the org; it is modelled so tests can prove the
    /// module never calls it.
    /// </summary>
    internal static class ApiAccessRoutes
    {
        private const string Base = "/admin/api-access/v1/orgs/{orgId}/api-tokens";

        public static void Register(Router r)
        {
            r.Admin("GET", Base, List);
            r.Admin("DELETE", Base, ctx =>
            {
                foreach (var u in ctx.Store.UserList.Where(u => u.Managed && u.ApiTokens.Count > 0))
                {
                    u.ApiTokens.Clear();
                    ctx.Store.Record("api_token_revoked", (u.AccountId, "users"));
                }
                return Http.SandboxResponse.NoContent();
            });
        }

        private static Http.SandboxResponse List(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            var q = req.Params.Get("q");
            // (unverified) paging by ?cursor= with links.next, like the other admin APIs; q matches the owner's name or email.
            var rows = s.UserList.Where(u => u.Managed && u.InOrg)
                .Where(u => string.IsNullOrEmpty(q) || (u.Name ?? "").IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0 || (u.Email ?? "").IndexOf(q, StringComparison.OrdinalIgnoreCase) >= 0)
                .SelectMany(u => u.ApiTokens.OrderBy(t => t.CreatedAt).Select(t => (u, t))).ToList();
            var page = CursorPager.Page(req, rows);
            return Http.SandboxResponse.Ok(new
            {
                data = page.Items.Select(x => new Dictionary<string, object>
                {
                    ["id"] = x.t.Id,
                    ["label"] = x.t.Label,
                    ["status"] = "ALLOWED",
                    ["createdAt"] = OrgJson.Time(x.t.CreatedAt),
                    ["expiresAt"] = OrgJson.Time(x.t.ExpiresAt),
                    ["lastActiveAt"] = OrgJson.Time(x.t.LastAccess),
                    ["user"] = new { id = x.u.AccountId, orgId = s.OrgId, name = x.u.Name, email = x.u.Email },
                }).ToList(),
                links = new { self = page.Self, next = page.Next, prev = page.Prev },
            });
        }
    }
}
