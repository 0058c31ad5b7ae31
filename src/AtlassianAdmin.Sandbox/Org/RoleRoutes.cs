using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Role assignments: user reads (v2), user grants (v1 roles + org role), group reads/grants (v2 + deprecated v1).</summary>
    internal static class RoleRoutes
    {
        private const string Dir = "/admin/v2/orgs/{orgId}/directories/{directoryId}";
        private const string V1 = "/admin/v1/orgs/{orgId}";

        public static void Register(Router r)
        {
            r.Admin("GET", Dir + "/users/{accountId}/role-assignments", UserAssignments);
            r.Admin("POST", V1 + "/users/{accountId}/roles/assign", ctx => UserRole(ctx, true, false));
            r.Admin("POST", V1 + "/users/{accountId}/roles/revoke", ctx => UserRole(ctx, false, false));
            r.Admin("POST", V1 + "/users/{accountId}/role-assignments/assign", ctx => UserRole(ctx, true, true));
            r.Admin("POST", V1 + "/users/{accountId}/role-assignments/revoke", ctx => UserRole(ctx, false, true));

            r.Admin("GET", Dir + "/groups/{groupId}/role-assignments", GroupAssignments);
            r.Admin("POST", Dir + "/groups/{groupId}/role-assignments/assign", ctx => GroupRole(ctx, true));
            r.Admin("POST", Dir + "/groups/{groupId}/role-assignments/revoke", ctx => GroupRole(ctx, false));
            r.Admin("POST", V1 + "/directory/groups/{groupId}/roles/assign", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/assign", ctx => GroupRole(ctx, true)));
            r.Admin("POST", V1 + "/directory/groups/{groupId}/roles/revoke", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/revoke", ctx => GroupRole(ctx, false)));
        }

        public static SandboxApiException LicenceLimit(string resourceId) =>
            AdminErrors.Fail(409, "ADMIN-UAM-409-3", "Product License Limit Exceeded", "No seats left on " + resourceId + ".");

        private static SandboxResponse UserAssignments(RequestContext ctx)
        {
            var s = ctx.Store;
            var u = OrgLookup.User(ctx);
            var dir = OrgLookup.Directory(ctx);
            var roles = s.EffectiveRoleRefs(u).ToList();   // a role held directly and through a group lists both methods
            return PagedAssignments(ctx, roles, u, dir == "-" ? u.DirectoryIds.OrderBy(x => x).FirstOrDefault() : dir);
        }

        private static SandboxResponse GroupAssignments(RequestContext ctx)
        {
            var g = OrgLookup.Group(ctx);
            return PagedAssignments(ctx, g.Roles.Select(r => (r, (string)null)).ToList(), null, g.DirectoryId);
        }

        private static SandboxResponse PagedAssignments(RequestContext ctx, List<(RoleRef role, string groupId)> roles, UserRecord user, string directoryId)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(ctx.Query, ctx.Options);
            var resourceIds = new HashSet<string>(req.Params.List("resourceIds"));
            var roleIds = new HashSet<string>(req.Params.List("roleIds"));
            var owners = new HashSet<string>(req.Params.List("resourceOwners"));
            var filtered = roles.Where(r => (resourceIds.Count == 0 || resourceIds.Contains(r.role.ResourceId))
                                            && (roleIds.Count == 0 || roleIds.Contains(r.role.RoleId))
                                            && (owners.Count == 0 || owners.Contains(s.Resource(r.role.ResourceId)?.Owner ?? "")));
            // One entry per resource; the page is over resources.
            var perResource = OrgJson.RoleAssignments(s, filtered, user, directoryId);
            var page = CursorPager.Page(req, perResource);
            return SandboxResponse.Ok(OrgJson.List(page, x => x));
        }

        private static SandboxResponse UserRole(RequestContext ctx, bool assign, bool orgLevel)
        {
            var s = ctx.Store;
            var u = OrgLookup.User(ctx);
            var body = ctx.BodyObject();
            var role = OrgLookup.OptionalString(body, "role", "roleId");
            var resource = OrgLookup.OptionalString(body, "resource", "resourceId");
            if (orgLevel)
            {
                // The org-level endpoint only takes org roles and no resource.
                if (role != "atlassian/org-admin")
                    throw AdminErrors.Fail(400, "ADMIN-UAM-400-3", "Invalid Role for Resource", "Only atlassian/org-admin can be assigned at org level.");
                resource = null;
            }
            else if (string.IsNullOrEmpty(resource) && role != "atlassian/org-admin")
                throw InvalidResource();
            Validate(s, resource, role, false);
            resource = s.RoleResource(resource, role);
            if (assign)
            {
                if (!u.IsActive)
                    throw AdminErrors.Fail(400, "ADMIN-UAM-400-2", "Inactive user", "Roles can't be granted to suspended or deactivated users.");
                if (s.SeatsExceeded(resource, role, new[] { u })) throw LicenceLimit(resource);
                if (s.GrantUserRole(u, resource, role)) s.Record("role_granted", (u.AccountId, "users"), (resource, "resources"));
            }
            else if (s.RevokeUserRole(u, resource, role)) s.Record("role_revoked", (u.AccountId, "users"), (resource, "resources"));
            // (unverified) 200-vs-204; jira.js types these as void, so no body.
            return SandboxResponse.NoContent();
        }

        private static SandboxResponse GroupRole(RequestContext ctx, bool assign)
        {
            var s = ctx.Store;
            var g = OrgLookup.Group(ctx);
            var body = ctx.BodyObject();
            var role = OrgLookup.OptionalString(body, "roleId", "role");
            var resource = OrgLookup.OptionalString(body, "resourceId", "resource");
            if (string.IsNullOrEmpty(resource)) throw InvalidResource();
            Validate(s, resource, role, true);
            if (assign)
            {
                var members = g.Members.Select(id => s.UsersById[id]).Where(m => m.IsActive);
                if (s.SeatsExceeded(resource, role, members)) throw LicenceLimit(resource);
                if (s.GrantGroupRole(g, resource, role)) s.Record("role_granted", (g.Id, "groups"), (resource, "resources"));
            }
            else if (s.RevokeGroupRole(g, resource, role)) s.Record("role_revoked", (g.Id, "groups"), (resource, "resources"));
            return SandboxResponse.NoContent();
        }

        /// <summary>Maps the store's role check to the documented ADMIN-UAM-400-* codes.</summary>
        internal static void Validate(SandboxStore s, string resource, string role, bool forGroup)
        {
            switch (s.ValidateRole(resource, role, forGroup))
            {
                case RoleCheck.InvalidResource: throw InvalidResource();
                case RoleCheck.InvalidRole:
                    throw AdminErrors.Fail(400, "ADMIN-UAM-400-3", "Invalid Role for Resource",
                        "Role '" + role + "' can't be assigned" + (forGroup ? " to a group" : " to a user") + " on " + resource + ".");
                case RoleCheck.NotLicensed:
                    throw AdminErrors.Fail(400, "ADMIN-UAM-400-4", "Product not licensed", "The product " + resource + " is not licensed.");
            }
        }

        private static SandboxApiException InvalidResource() =>
            AdminErrors.Fail(400, "ADMIN-UAM-400-5", "Empty/Invalid Resource", "Cloud Resource is invalid");
    }
}
