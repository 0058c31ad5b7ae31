using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>POST /v2/orgs/{orgId}/workspaces: a POST query over the org's product sites.</summary>
    internal static class WorkspaceRoutes
    {
        public static void Register(Router r)
        {
            r.Admin("POST", "/admin/v2/orgs/{orgId}/workspaces", Query);
        }

        private static SandboxResponse Query(RequestContext ctx)
        {
            var s = ctx.Store;
            var workspaces = s.ResourceList.Where(x => x.IsWorkspace).ToList();
            // "query"/"sort" are accepted and ignored: their structure is unverified, and leaving them out lists everything.
            var req = CursorPager.Resolve(ctx.BodyParams(), ctx.Options);
            var page = CursorPager.Page(req, workspaces);
            return SandboxResponse.Ok(new
            {
                data = page.Items.Select(w => new
                {
                    id = ListedId(ctx, w),
                    type = "workspace",
                    attributes = new
                    {
                        name = w.Name, typeKey = w.TypeKey, type = w.TypeKey, owner = s.OrgId, status = w.Status, hostUrl = w.HostUrl,
                        realm = "eu", regions = new[] { "eu-central-1" }, labels = w.Licensed ? new string[0] : new[] { "unlicensed" },
                        sandbox = new { type = "none" }, createdAt = OrgJson.Time(w.CreatedAt),
                    },
                    links = new { self = OrgJson.Base + "/v2/orgs/" + s.OrgId + "/workspaces/" + ListedId(ctx, w) },
                    relationships = new { },
                }).ToList(),
                links = OrgJson.Links(page),
                meta = new
                {
                    pageSize = req.Limit, startIndex = page.StartIndex,
                    endIndex = page.Items.Count == 0 ? page.StartIndex : page.StartIndex + page.Items.Count - 1, total = workspaces.Count,
                },
            });
        }

        // ID-8887: the listed Jira ARI may be ari:cloud:jira-admin::…, which role assignments refuse (SandboxOptions.WorkspacesListJiraAdminAri).
        private static string ListedId(RequestContext ctx, Store.ResourceRecord w) =>
            ctx.Options.WorkspacesListJiraAdminAri && w.Owner == "jira" ? "ari:cloud:jira-admin::" + w.Id.Substring("ari:cloud:jira::".Length) : w.Id;
    }
}
