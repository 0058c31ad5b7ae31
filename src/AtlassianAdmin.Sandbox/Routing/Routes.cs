using AtlassianAdmin.Sandbox.Jira;
using AtlassianAdmin.Sandbox.Org;

namespace AtlassianAdmin.Sandbox.Routing
{
    /// <summary>The full route table (built once; handlers are stateless and get the store through the context).</summary>
    internal static class Routes
    {
        public static Router Build()
        {
            var r = new Router();
            OrgRoutes.Register(r);
            UserRoutes.Register(r);
            InviteRoutes.Register(r);
            GroupRoutes.Register(r);
            RoleRoutes.Register(r);
            WorkspaceRoutes.Register(r);
            EventRoutes.Register(r);
            UserManagementRoutes.Register(r);
            ApiAccessRoutes.Register(r);
            ScimRoutes.Register(r);
            JiraUserRoutes.Register(r);
            JiraLicenceRoutes.Register(r);
            JiraGroupRoutes.Register(r);
            JiraProjectRoutes.Register(r);
            JiraIssueRoutes.Register(r);
            return r;
        }
    }
}
