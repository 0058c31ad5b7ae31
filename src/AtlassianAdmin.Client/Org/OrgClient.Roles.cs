#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
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

        /// <summary>
        /// One item per role of a resource entry. The real items are <c>roleAssignments: [{role, roleAssignmentMethods:
        /// ["direct" | "group_direct" | "inferred"]}]</c> (correction C4; jira.js multiDirectoryRoleAssignment.ts,
        /// multiDirectoryRoleAssignmentMethod.ts), superseding the deprecated plain <c>roles</c> list, which is the fallback
        /// (Via unknown). Via is Direct when any method is direct (revocable on the user), else Group, else Inferred.
        /// </summary>
        internal static IEnumerable<AtlassianRoleAssignment> Flatten(ResourceRoles r)
        {
            AtlassianRoleAssignment New(string? roleId) => new AtlassianRoleAssignment
            {
                ResourceId = r.ResourceId, ResourceOwner = r.ResourceOwner, RoleId = roleId, DirectoryId = r.DirectoryId, UserDirectoryStatus = r.UserDirectoryStatus,
            };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in r.RoleAssignments ?? new List<JsonElement>())
            {
                if (item.ValueKind == JsonValueKind.String) { var id = item.GetString() ?? ""; if (seen.Add(id)) yield return New(id); continue; }
                if (item.ValueKind != JsonValueKind.Object) continue;
                // (unverified) "roleId" is read too, in case an older answer names the field so.
                var a = New(Str(item, "role") ?? Str(item, "roleId"));
                if (a.RoleId == null || !seen.Add(a.RoleId)) continue;
                var methods = new List<string>();
                if (item.TryGetProperty("roleAssignmentMethods", out var m) && m.ValueKind == JsonValueKind.Array)
                    foreach (var x in m.EnumerateArray())
                        if (x.ValueKind == JsonValueKind.String && MethodName(x.GetString()) is string method) methods.Add(method);
                a.AssignmentMethods = methods.Distinct().ToArray();
                a.Via = a.AssignmentMethods.Contains("Direct") ? "Direct" : a.AssignmentMethods.Contains("Group") ? "Group"
                    : a.AssignmentMethods.Contains("Inferred") ? "Inferred" : null;
                yield return a;
            }
            // The deprecated list does not say how a role was granted; it also covers roles missing from roleAssignments.
            foreach (var role in r.Roles ?? new List<string>())
                if (!string.IsNullOrEmpty(role) && seen.Add(role)) yield return New(role);
        }

        private static string? MethodName(string? wire)
        {
            switch ((wire ?? "").ToLowerInvariant())
            {
                case "direct": return "Direct";
                case "group_direct": return "Group";
                case "inferred": return "Inferred";
                default: return string.IsNullOrEmpty(wire) ? null : wire;   // an unknown future method, kept as sent
            }
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        internal sealed class ResourceRoles
        {
            public string? ResourceId { get; set; }
            public string? ResourceOwner { get; set; }
            public List<JsonElement>? RoleAssignments { get; set; }
            public List<string>? Roles { get; set; }
            public string? DirectoryId { get; set; }
            public string? UserDirectoryStatus { get; set; }
        }
    }
}
