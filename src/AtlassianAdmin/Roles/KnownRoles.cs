using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Roles
{
    /// <summary>The role ids of the Organization API (Atlassian's role-id enum in the OpenAPI, as generated into jira.js src/admin/models; the team's API reference, section 4.6 "Role assignments") and how a role + workspace become the API's resource.</summary>
    internal static class KnownRoles
    {
        public const string OrgAdmin = "atlassian/org-admin";
        public const string SiteAdmin = "atlassian/site-admin";

        public static readonly string[] All =
        {
            "atlassian/user", "atlassian/admin", "atlassian/guest", "atlassian/customer", "atlassian/user-access-admin",
            "atlassian/contributor", "atlassian/basic", "atlassian/stakeholder", "atlassian/viewer", OrgAdmin, SiteAdmin,
            "atlassian/ai-access",
        };

        /// <summary>Roles that can only be granted to groups.</summary>
        public static readonly string[] GroupOnly = { "atlassian/viewer" };

        /// <summary>
        /// The role id for <paramref name="text"/> (case-insensitive; <c>user</c> means <c>atlassian/user</c>). Throws
        /// <see cref="ItemFailedException"/> (RoleMissing / UnknownRole / InvalidRoleForResource) listing the valid ones.
        /// </summary>
        public static string Normalize(string text, bool forUser)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw new ItemFailedException("RoleMissing", ErrorCategory.InvalidArgument, "No role was given. Use -Role with one of: " + string.Join(", ", Valid(forUser)) + ".");
            var role = text.Trim().ToLowerInvariant();
            if (role.IndexOf('/') < 0) role = "atlassian/" + role;
            if (!All.Contains(role))
                throw new ItemFailedException("UnknownRole", ErrorCategory.InvalidArgument, $"'{text.Trim()}' is not a known role. Valid roles: {string.Join(", ", Valid(forUser))}.");
            if (forUser && GroupOnly.Contains(role))
                throw new ItemFailedException("InvalidRoleForResource", ErrorCategory.InvalidArgument, $"{role} can only be granted to groups, not to users. Valid user roles: {string.Join(", ", Valid(true))}.");
            return role;
        }

        public static IEnumerable<string> Valid(bool forUser) => forUser ? All.Except(GroupOnly) : All;
    }

    /// <summary>Where a role goes: the resource ARI and how to show it.</summary>
    internal sealed class RoleTarget
    {
        public string ResourceId { get; set; }
        public string Display { get; set; }

        /// <summary>
        /// The resource for <paramref name="role"/> on a workspace: none for org-admin; the site's platform ARI for
        /// site-admin (the workspace name may then match several products of the site); otherwise the workspace ARI.
        /// Throws <see cref="ItemFailedException"/> (WorkspaceMissing / WorkspaceNotFound / AmbiguousWorkspace).
        /// </summary>
        public static RoleTarget Resolve(AtlassianConnection connection, WorkspacePipeBind workspace, string product, string role, CancellationToken ct)
        {
            if (role == KnownRoles.OrgAdmin) return new RoleTarget { ResourceId = null, Display = "organization " + (connection.OrgName ?? connection.OrgId) };
            if (role == KnownRoles.SiteAdmin && workspace?.Workspace == null && !string.IsNullOrEmpty(workspace?.Text) && !workspace.Text.StartsWith("ari:", StringComparison.OrdinalIgnoreCase))
            {
                var sites = WorkspaceResolver.Match(WorkspaceResolver.All(connection, ct), workspace.Text, product).Select(w => w.SiteId).Where(id => id != null).Distinct().ToList();
                if (sites.Count == 1) return new RoleTarget { ResourceId = "ari:cloud:platform::site/" + sites[0], Display = workspace.Text + " (site)" };
            }
            if (string.IsNullOrEmpty(workspace?.Text) && workspace?.Workspace == null)
                throw new ItemFailedException("WorkspaceMissing", ErrorCategory.InvalidArgument,
                    $"Role {role} needs a workspace. Give -Workspace (a name, URL or ARI from Get-AtlassianWorkspace) or a workspace/site column.");
            var w = WorkspaceResolver.Resolve(connection, workspace, string.IsNullOrWhiteSpace(product) ? null : product.Trim(), ct);
            var id = w.Id;
            if (role == KnownRoles.SiteAdmin && w.SiteId != null && !id.StartsWith("ari:cloud:platform::", StringComparison.OrdinalIgnoreCase))
                id = "ari:cloud:platform::site/" + w.SiteId;
            // Known issue (ID-8887): the workspaces API may list ari:cloud:jira-admin::site/ID; roles need ari:cloud:jira::site/ID.
            if (id.StartsWith("ari:cloud:jira-admin::", StringComparison.OrdinalIgnoreCase)) id = "ari:cloud:jira::" + id.Substring("ari:cloud:jira-admin::".Length);
            return new RoleTarget { ResourceId = id, Display = id == w.Id && w.Name != w.Id ? $"{w.Name} ({w.Product})" : id };
        }
    }
}
