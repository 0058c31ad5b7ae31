#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Roles
{
    /// <summary>Where a role goes: the resource ARI to send (null for the org-level role) and how to show it.</summary>
    public sealed class RoleTarget
    {
        public RoleTarget(string? resourceId, string display)
        {
            ResourceId = resourceId;
            Display = display;
        }

        /// <summary>The ARI for the role-assignment body; null for atlassian/org-admin, which has no resource.</summary>
        public string? ResourceId { get; }
        public string Display { get; }
    }

    /// <summary>
    /// The one place that turns a role and a workspace into the resource the role-assignment endpoints take, for users,
    /// groups and invitations alike, with the API's quirks:
    /// <list type="bullet">
    /// <item>atlassian/org-admin has no resource (users only: the org-role endpoint; groups can't hold it).</item>
    /// <item>atlassian/site-admin goes to the site's platform ARI <c>ari:cloud:platform::site/{siteId}</c>, whichever
    /// product of the site was named.</item>
    /// <item>ID-8887: the workspaces API may list Jira as <c>ari:cloud:jira-admin::site/{id}</c>, but role assignments take
    /// <c>ari:cloud:jira::site/{id}</c> (the listed ARI is answered 400 ADMIN-UAM-400-5 "Empty/Invalid Resource").</item>
    /// </list>
    /// </summary>
    public static class RoleTargets
    {
        private const string JiraAdminPrefix = "ari:cloud:jira-admin::";
        private const string JiraPrefix = "ari:cloud:jira::";
        private const string PlatformSitePrefix = "ari:cloud:platform::site/";

        /// <summary>
        /// The ARI role assignments use for a workspace ARI as the workspaces API lists it (the ID-8887 rewrite); other ARIs
        /// unchanged. No id (null or empty): <see cref="RoleRuleException"/> WorkspaceWithoutId.
        /// </summary>
        public static string AssignableId(string? workspaceId)
        {
            if (workspaceId == null || workspaceId.Length == 0)
                throw new RoleRuleException(RoleRuleError.WorkspaceWithoutId, "The workspace has no id (its resource ARI), so no role can be assigned on it.");
            return workspaceId.StartsWith(JiraAdminPrefix, StringComparison.OrdinalIgnoreCase) ? JiraPrefix + workspaceId.Substring(JiraAdminPrefix.Length) : workspaceId;
        }

        /// <summary>
        /// The resource of <paramref name="role"/> (a normalized id) on workspace <paramref name="w"/>: the site's platform
        /// ARI for site-admin, otherwise the workspace's assignable ARI. A workspace without an id (Atlassian may omit it;
        /// an object built by hand) is <see cref="RoleRuleException"/> WorkspaceWithoutId, naming the workspace.
        /// </summary>
        public static string ResourceFor(string role, AtlassianWorkspace w)
        {
            var id = RequireId(w);
            if (role == RoleCatalog.SiteAdmin && w.SiteId != null && !id.StartsWith("ari:cloud:platform::", StringComparison.OrdinalIgnoreCase))
                return PlatformSitePrefix + w.SiteId;
            return AssignableId(id);
        }

        /// <summary>The workspace's id (resource ARI); none (Atlassian may omit it, an object built by hand): <see cref="RoleRuleException"/> WorkspaceWithoutId naming the workspace.</summary>
        public static string RequireId(AtlassianWorkspace w)
        {
            var id = w.Id;
            if (id == null || id.Length == 0)
                throw new RoleRuleException(RoleRuleError.WorkspaceWithoutId,
                    $"Workspace '{w.Name ?? w.HostUrl ?? "(unnamed)"}'{(w.Product != null ? " (" + w.Product + ")" : "")} has no id (its resource ARI), so no role can be assigned on it.",
                    new[] { w });
            return id;
        }

        /// <summary>
        /// The target of <paramref name="role"/> (a normalized id, see <see cref="RoleCatalog.Normalize"/>) for a
        /// <paramref name="holder"/>. The workspace is <paramref name="workspace"/> if given, else found by
        /// <paramref name="workspaceText"/> (ARI, name or URL) and <paramref name="product"/> in the list
        /// <paramref name="workspaces"/> returns (called only when needed). For site-admin a name may match several
        /// products of one site: they share the site, so that is no ambiguity. Throws <see cref="RoleRuleException"/>
        /// (InvalidRoleForResource, WorkspaceMissing, WorkspaceNotFound, AmbiguousWorkspace, WorkspaceWithoutId).
        /// </summary>
        public static RoleTarget Resolve(string role, RoleHolder holder, AtlassianWorkspace? workspace, string? workspaceText, string? product,
            Func<IReadOnlyList<AtlassianWorkspace>> workspaces, string? orgId, string? orgName)
        {
            if (role == RoleCatalog.OrgAdmin)
            {
                if (holder == RoleHolder.Group)
                    throw new RoleRuleException(RoleRuleError.InvalidRoleForResource,
                        $"{RoleCatalog.OrgAdmin} is the organization's admin role: it is granted to users, not to groups.");
                return new RoleTarget(null, "organization " + (orgName ?? orgId));
            }
            var text = workspaceText?.Trim();
            product = string.IsNullOrWhiteSpace(product) ? null : product!.Trim();
            if (workspace == null && (text == null || text.Length == 0))
                throw new RoleRuleException(RoleRuleError.WorkspaceMissing, $"Role {role} needs a workspace.");
            if (workspace == null && role == RoleCatalog.SiteAdmin && !WorkspaceMatch.IsAri(text))
            {
                var sites = WorkspaceMatch.Match(workspaces(), text!, product).Select(w => w.SiteId).Where(id => id != null).Distinct().ToList();
                if (sites.Count == 1) return new RoleTarget(PlatformSitePrefix + sites[0], text + " (site)");
            }
            var w = workspace ?? WorkspaceMatch.Find(workspaces(), text!, product, orgId);
            var id = ResourceFor(role, w);
            var display = id == AssignableId(w.Id) && w.Name != w.Id ? $"{w.Name} ({w.Product})" : id;
            return new RoleTarget(id, display);
        }
    }
}
