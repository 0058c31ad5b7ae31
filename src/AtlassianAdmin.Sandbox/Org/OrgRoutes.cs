using System;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Orgs, domains and directories.</summary>
    internal static class OrgRoutes
    {
        public static void Register(Router r)
        {
            r.Admin("GET", "/admin/v1/orgs", ctx => SandboxResponse.Ok(new
            {
                data = new[] { Org(ctx.Store) },
                links = new { self = (string)null, prev = (string)null, next = (string)null },
            }));
            r.Admin("GET", "/admin/v1/orgs/{orgId}", ctx => SandboxResponse.Ok(new { data = Org(ctx.Store) }));
            r.Admin("GET", "/admin/v1/orgs/{orgId}/domains", Domains);
            r.Admin("GET", "/admin/v1/orgs/{orgId}/domains/{domainId}", ctx =>
            {
                var d = ctx.Store.DomainList.FirstOrDefault(x => x.Id == ctx["domainId"]) ?? throw AdminErrors.DomainNotFound();
                return SandboxResponse.Ok(new { data = Domain(ctx.Store, d) });
            });
            r.Admin("GET", "/admin/v2/orgs/{orgId}/directories", Directories);
        }

        private static object Org(SandboxStore s) => new
        {
            id = s.OrgId,
            type = "orgs",
            attributes = new { name = s.OrgName },
            relationships = new
            {
                domains = new { links = new { related = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/domains" } },
                users = new { links = new { related = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/users" } },
            },
            links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId },
        };

        private static object Domain(SandboxStore s, DomainRecord d) => new
        {
            id = d.Id,
            type = "domains",
            attributes = new { name = d.Name, claim = new { type = d.ClaimType, status = d.ClaimStatus } },
            links = new { self = OrgJson.Base + "/v1/orgs/" + s.OrgId + "/domains/" + d.Id },
        };

        private static SandboxResponse Domains(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            var page = CursorPager.Page(req, s.DomainList, i => s.DomainList[i].Seq, _ => true);
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(d => Domain(s, d)).ToList(),
                links = new { self = CursorPager.V1Link(ctx, page.Self), prev = CursorPager.V1Link(ctx, page.Prev), next = CursorPager.V1Link(ctx, page.Next) },
            });
        }

        private static SandboxResponse Directories(RequestContext ctx)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            var accountId = req.Params.Get("accountId");
            var ids = req.Params.List("directoryIds");
            if (ids.Count > 10) throw AdminErrors.BadRequest("'directoryIds' takes at most 10 ids.");
            var term = req.Params.Get("searchTerm");
            Func<DirectoryRecord, bool> filter = d =>
                (accountId == null || (s.UsersById.TryGetValue(accountId, out var u) && u.DirectoryIds.Contains(d.Id)))
                && (ids.Count == 0 || ids.Contains(d.Id))
                && (string.IsNullOrEmpty(term) || d.Name.IndexOf(term, StringComparison.OrdinalIgnoreCase) >= 0);
            var page = CursorPager.Page(req, s.DirectoryList, i => s.DirectoryList[i].Seq, filter);
            return SandboxResponse.Ok(OrgJson.List(page, d => new { directoryId = d.Id, name = d.Name, icon = d.Icon }));
        }
    }
}
