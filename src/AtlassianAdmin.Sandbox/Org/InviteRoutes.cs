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
                // The real result shape (correction C5; jira.js adminInviteResponse.ts, singleAdminInviteResult.ts,
                // roleAssignmentResult.ts, groupAssignmentResult.ts): per user, results[] of {roleAssignmentResult[],
                // groupAssignmentResult[]}, each item INVITED or ERROR with a statusReason. A 200 can carry ERROR items.
                // (unverified) the statusReason wording.
                var roleResults = new List<object>();
                var groupResults = new List<object>();
                s.AccountsByEmail.TryGetValue(email, out var u);
                if (u == null) u = s.CreateAccount(email, null);
                if (!u.InOrg)
                {
                    s.JoinOrg(u, s.DirectoryId);
                    u.AddedToOrg = System.DateTimeOffset.UtcNow;
                }
                s.Record("user_invited", (u.AccountId, "users"));
                foreach (var (resource, role) in rules)
                {
                    string reason = null;
                    if (s.SeatsExceeded(resource, role, new[] { u })) reason = "License limit exceeded: no seats left on " + resource + ".";
                    else if (s.GrantUserRole(u, resource, role)) s.Record("role_granted", (u.AccountId, "users"), (resource, "resources"));
                    roleResults.Add(new { resource, role, status = reason == null ? "INVITED" : "ERROR", statusReason = reason });
                }
                foreach (var g in groups)
                {
                    string reason = null;
                    if (g.ExternalSynced) reason = "The group is synced from an identity provider; its membership can't be changed here.";
                    else if (!u.DirectoryIds.Contains(g.DirectoryId)) reason = "The user is not in the group's directory.";
                    else if (g.Roles.Any(r => s.SeatsExceeded(r.ResourceId, r.RoleId, new[] { u }))) reason = "License limit exceeded for a product the group grants.";
                    else if (s.AddMembership(g, u)) s.Record("user_added_to_group", (u.AccountId, "users"), (g.Id, "groups"));
                    groupResults.Add(new { group = g.Id, status = reason == null ? "INVITED" : "ERROR", statusReason = reason });
                }
                var results = new List<object> { new { roleAssignmentResult = roleResults, groupAssignmentResult = groupResults } };
                data.Add(new { id = u.AccountId, email = u.Email, results });
            }
            return SandboxResponse.Ok(new { data });
        }
    }
}
