using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>Shared lookups and permission checks for Jira routes.</summary>
    internal static class JiraLookup
    {
        public static UserRecord Caller(RequestContext ctx) =>
            ctx.CallerAccountId != null && ctx.Store.UsersById.TryGetValue(ctx.CallerAccountId, out var u) ? u : null;

        /// <summary>Site admin or Jira admin; group/user administration needs it.</summary>
        public static void RequireAdmin(RequestContext ctx)
        {
            var s = ctx.Store;
            var u = Caller(ctx);
            if (u == null || !(s.HasRole(u, s.JiraResourceId, "atlassian/admin") || s.HasRole(u, s.PlatformSiteResourceId, "atlassian/site-admin")))
                throw JiraErrors.Fail(403, "You do not have the permission to perform this operation (site administrator required).");
        }

        /// <summary>Any account of the site's user base.</summary>
        public static UserRecord User(RequestContext ctx, string accountId, int status = 404)
        {
            if (string.IsNullOrEmpty(accountId)) throw JiraErrors.BadRequest("The accountId must be provided.");
            if (!ctx.Store.UsersById.TryGetValue(accountId, out var u))
                throw JiraErrors.Fail(status, "Specified user does not exist or you do not have required permissions");
            return u;
        }

        /// <summary>Group by groupId or groupname (not both), as the group endpoints take them.</summary>
        public static GroupRecord Group(RequestContext ctx, bool required = true)
        {
            var id = ctx.Query.Get("groupId");
            var name = ctx.Query.Get("groupname") ?? ctx.Query.Get("groupName");
            if (id != null && name != null) throw JiraErrors.BadRequest("You cannot specify both groupId and groupname.");
            if (id == null && name == null)
            {
                if (!required) return null;
                throw JiraErrors.BadRequest("You must specify a group (groupId or groupname).");
            }
            var g = id != null ? (ctx.Store.GroupsById.TryGetValue(id, out var byId) ? byId : null) : ctx.Store.GroupByName(name);
            if (g == null) throw JiraErrors.NotFound("Specified group does not exist.");
            return g;
        }

        public static ProjectRecord Project(RequestContext ctx) =>
            ctx.Store.Project(ctx["projectIdOrKey"]) ?? throw JiraErrors.NotFound("No project could be found with key '" + ctx["projectIdOrKey"] + "'.");

        public static IssueRecord Issue(RequestContext ctx) =>
            ctx.Store.Issue(ctx["issueIdOrKey"]) ?? throw JiraErrors.NotFound("Issue does not exist or you do not have permission to see it.");

        public static bool IsJiraUser(SandboxStore s, UserRecord u) => s.HasJiraAccess(u);

        public static System.Collections.Generic.List<UserRecord> JiraUsers(SandboxStore s) => s.UserList.Where(u => s.HasJiraAccess(u)).ToList();
    }
}
