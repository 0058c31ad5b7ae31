using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>POST /v2/orgs/{orgId}/users/invite (and the deprecated v1 path): one data[] entry per email.</summary>
    internal static class InviteRoutes
    {
        public static void Register(Router r)
        {
            r.Admin("POST", "/admin/v2/orgs/{orgId}/users/invite", Invite);
            r.Admin("POST", "/admin/v1/orgs/{orgId}/users/invite", Invite);
        }

        private static SandboxResponse Invite(RequestContext ctx)
        {
            var s = ctx.Store;
            var body = ctx.BodyObject();
            var emails = OrgLookup.StringArray(ctx, body, "emails");
            if (emails.Count == 0) throw AdminErrors.BadRequest("'emails' must contain at least one address.");
            foreach (var e in emails)
                if (e.IndexOf('@') <= 0 || e.IndexOf('@') == e.Length - 1) throw AdminErrors.BadRequest("'" + e + "' is not a valid email address.");

            // Validate everything first so a bad rule or group changes nothing.
            var rules = new List<(string resource, string role)>();
            if (body.TryGetProperty("permissionRules", out var pr) && pr.ValueKind == JsonValueKind.Array)
                foreach (var rule in pr.EnumerateArray())
                {
                    if (rule.ValueKind != JsonValueKind.Object) throw AdminErrors.BadRequest("'permissionRules' items must be objects.");
                    var resource = OrgLookup.OptionalString(rule, "resource", "resourceId");
                    var role = OrgLookup.OptionalString(rule, "role", "roleId");
                    RoleRoutes.Validate(s, resource, role, false);
                    rules.Add((s.RoleResource(resource, role), role));
                }
            var groups = OrgLookup.StringArray(ctx, body, "additionalGroups").Select(id => OrgLookup.Group(ctx, id)).ToList();

            var data = new List<object>();
            foreach (var email in emails)
            {
                var results = new List<object>();
                bool existed = s.AccountsByEmail.TryGetValue(email, out var u) && u.InOrg;
                if (u == null) u = s.CreateAccount(email, null);
                if (!u.InOrg)
                {
                    s.JoinOrg(u, s.DirectoryId);
                    u.AddedToOrg = System.DateTimeOffset.UtcNow;
                }
                s.Record("user_invited", (u.AccountId, "users"));
                // (unverified) shape of the results items.
                results.Add(new { type = "invitation", status = existed ? "ALREADY_IN_ORG" : "INVITED" });
                foreach (var (resource, role) in rules)
                {
                    string status = "SUCCESS";
                    if (s.SeatsExceeded(resource, role, new[] { u })) status = "FAILED_LICENCE_LIMIT";
                    else if (s.GrantUserRole(u, resource, role)) s.Record("role_granted", (u.AccountId, "users"), (resource, "resources"));
                    results.Add(new { type = "role", resource, role, status });
                }
                foreach (var g in groups)
                {
                    string status = "SUCCESS";
                    if (g.ExternalSynced) status = "FAILED_EXTERNALLY_MANAGED";
                    else if (!u.DirectoryIds.Contains(g.DirectoryId)) status = "FAILED_USER_NOT_IN_DIRECTORY";
                    else if (g.Roles.Any(r => s.SeatsExceeded(r.ResourceId, r.RoleId, new[] { u }))) status = "FAILED_LICENCE_LIMIT";
                    else if (s.AddMembership(g, u)) s.Record("user_added_to_group", (u.AccountId, "users"), (g.Id, "groups"));
                    results.Add(new { type = "group", groupId = g.Id, status });
                }
                data.Add(new { id = u.AccountId, email = u.Email, results });
            }
            return SandboxResponse.Ok(new { data });
        }
    }
}
