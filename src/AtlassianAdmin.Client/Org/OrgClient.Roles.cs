using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// A user's role assignments: read (v2, streamed) and direct grants/revokes (v1 <c>roles/assign|revoke</c>;
    /// <c>atlassian/org-admin</c> goes to the org-level <c>role-assignments/assign|revoke</c> without a resource).
    /// Assign and revoke set a state, so repeating them cannot apply anything twice: they are retried safely.
    /// </summary>
    public sealed partial class OrgClient
    {
        public const string OrgAdminRole = "atlassian/org-admin";

        /// <summary>Streams <c>GET /v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments</c>, one item per role.</summary>
        public IEnumerable<AtlassianRoleAssignment> ListUserRoleAssignments(string orgId, string directoryId, string accountId, CancellationToken ct)
        {
            var path = Dir(orgId, directoryId) + "/users/" + E(accountId) + "/role-assignments";
            return CursorStream.Stream<AtlassianRoleAssignment>(async (cursor, t) =>
            {
                var env = await _api.GetAsync<CursorEnvelope<ResourceRoles>>(path + CursorQuery(cursor, first: true, limit: PageSize), t).ConfigureAwait(false);
                var items = new List<AtlassianRoleAssignment>();
                foreach (var r in env?.Data ?? new List<ResourceRoles>()) items.AddRange(Flatten(r));
                return new Page<AtlassianRoleAssignment>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        /// <summary>Grants a role directly (<c>POST /v1/orgs/{orgId}/users/{accountId}/roles/assign</c>).</summary>
        public Task AssignUserRoleAsync(string orgId, string accountId, string role, string resource, CancellationToken ct) =>
            UserRoleAsync(orgId, accountId, role, resource, "assign", ct);

        /// <summary>Revokes a direct role (<c>POST /v1/orgs/{orgId}/users/{accountId}/roles/revoke</c>).</summary>
        public Task RevokeUserRoleAsync(string orgId, string accountId, string role, string resource, CancellationToken ct) =>
            UserRoleAsync(orgId, accountId, role, resource, "revoke", ct);

        private Task UserRoleAsync(string orgId, string accountId, string role, string resource, string action, CancellationToken ct)
        {
            if (string.Equals(role, OrgAdminRole, StringComparison.OrdinalIgnoreCase))
                return _api.SendAsync(HttpMethod.Post, Org(orgId) + "/users/" + E(accountId) + "/role-assignments/" + action, new { role = OrgAdminRole }, idempotent: true, ct);
            return _api.SendAsync(HttpMethod.Post, Org(orgId) + "/users/" + E(accountId) + "/roles/" + action, new { role, resource }, idempotent: true, ct);
        }

        private static IEnumerable<AtlassianRoleAssignment> Flatten(ResourceRoles r)
        {
            AtlassianRoleAssignment New(string roleId) => new AtlassianRoleAssignment
            {
                ResourceId = r.ResourceId, ResourceOwner = r.ResourceOwner, RoleId = roleId, DirectoryId = r.DirectoryId, UserDirectoryStatus = r.UserDirectoryStatus,
            };
            if (r.RoleAssignments != null && r.RoleAssignments.Count > 0)
            {
                foreach (var item in r.RoleAssignments)
                {
                    if (item.ValueKind == JsonValueKind.String) { yield return New(item.GetString()); continue; }
                    if (item.ValueKind != JsonValueKind.Object) continue;
                    var a = New(Str(item, "roleId") ?? Str(item, "role") ?? Str(item, "id"));
                    var principal = Str(item, "principalType");
                    var from = Str(item, "inheritedFrom") ?? Str(item, "groupId");
                    if (from != null || string.Equals(principal, "GROUP", StringComparison.OrdinalIgnoreCase)) { a.Via = "Group"; a.GroupId = from; }
                    else if (string.Equals(principal, "USER", StringComparison.OrdinalIgnoreCase)) a.Via = "Direct";
                    if (a.RoleId != null) yield return a;
                }
            }
            else if (r.Roles != null)
            {
                // "roles" is the deprecated plain list: it does not say whether a role is direct or from a group.
                foreach (var role in r.Roles) yield return New(role);
            }
        }

        private static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private sealed class ResourceRoles
        {
            public string ResourceId { get; set; }
            public string ResourceOwner { get; set; }
            public List<JsonElement> RoleAssignments { get; set; }
            public List<string> Roles { get; set; }
            public string DirectoryId { get; set; }
            public string UserDirectoryStatus { get; set; }
        }
    }
}
