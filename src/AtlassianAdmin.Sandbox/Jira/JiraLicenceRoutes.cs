using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>
    /// Application roles (Jira's licence view, <c>GET /applicationrole[/{key}]</c>, jira.js cloud/models/applicationRole.ts)
    /// and removing a user from the site (<c>DELETE /user?accountId=</c>, jira.js cloud/api/users.ts removeUser).
    /// </summary>
    internal static class JiraLicenceRoutes
    {
        public static void Register(Router r)
        {
            r.Jira("GET", "/applicationrole", ctx => SandboxResponse.Ok(Roles(ctx).ToList()));
            r.Jira("GET", "/applicationrole/{key}", ctx =>
            {
                var role = Roles(ctx).FirstOrDefault(x => (string)x["key"] == ctx["key"]);
                return role == null ? throw JiraErrors.Fail(404, "The application role '" + ctx["key"] + "' does not exist.") : SandboxResponse.Ok(role);
            });
            r.Jira("DELETE", "/user", RemoveFromSite);
        }

        private static IEnumerable<Dictionary<string, object>> Roles(RequestContext ctx)
        {
            var s = ctx.Store;
            JiraLookup.RequireAdmin(ctx);
            foreach (var (key, name, resource) in new[] { ("jira-software", "Jira", s.JiraResourceId), ("jira-servicedesk", "Jira Service Management", s.ServiceDeskResourceId) })
            {
                var res = s.Resource(resource);
                if (res == null) continue;
                var groups = s.GroupList.Where(g => g.Roles.Any(x => x.ResourceId == resource && x.RoleId == "atlassian/user")).OrderBy(g => g.Name).ToList();
                var used = s.SeatsUsed(resource);
                var d = new Dictionary<string, object>
                {
                    ["key"] = key,
                    ["name"] = name,
                    ["groups"] = groups.Select(g => g.Name).ToList(),
                    ["groupDetails"] = groups.Select(g => new { name = g.Name, groupId = g.Id, self = JiraJson.Api(ctx) + "/group?groupId=" + g.Id }).ToList(),
                    ["defaultGroups"] = groups.Take(1).Select(g => g.Name).ToList(),
                    ["defaultGroupsDetails"] = groups.Take(1).Select(g => new { name = g.Name, groupId = g.Id }).ToList(),
                    ["selectedByDefault"] = key == "jira-software",
                    ["defined"] = true,
                    ["platform"] = false,
                    ["userCount"] = used,
                    ["userCountDescription"] = "users",
                    ["hasUnlimitedSeats"] = res.SeatLimit == null,
                };
                // (unverified) numberOfSeats/remainingSeats for an unlimited licence: the sandbox leaves them out.
                if (res.SeatLimit != null)
                {
                    d["numberOfSeats"] = res.SeatLimit.Value;
                    d["remainingSeats"] = System.Math.Max(0, res.SeatLimit.Value - used);
                }
                yield return d;
            }
        }

        /// <summary>
        /// Removes the user from the site's user base (the Atlassian account stays): direct roles on the site's Jira products
        /// go, and so do memberships of groups granting them, except groups synced from an identity provider. 204.
        /// </summary>
        private static SandboxResponse RemoveFromSite(RequestContext ctx)
        {
            var s = ctx.Store;
            JiraLookup.RequireAdmin(ctx);
            var u = JiraLookup.User(ctx, ctx.Query.Get("accountId"));
            var siteResources = new[] { s.JiraResourceId, s.ServiceDeskResourceId };
            var changed = u.DirectRoles.RemoveAll(x => siteResources.Contains(x.ResourceId)) > 0;
            foreach (var g in s.GroupList.Where(g => !g.ExternalSynced && g.MemberSet.Contains(u.AccountId) && g.Roles.Any(x => siteResources.Contains(x.ResourceId))).ToList())
                changed |= s.RemoveMembership(g, u);
            s.RemoveJiraActors(u.AccountId, null);
            if (changed) s.Record("user_removed_from_site", (u.AccountId, "users"));
            return SandboxResponse.NoContent();
        }
    }
}
