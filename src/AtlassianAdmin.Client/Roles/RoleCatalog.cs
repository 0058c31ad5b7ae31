#nullable enable
using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Client.Roles
{
    /// <summary>Who receives a role: the two role-assignment endpoints accept different roles.</summary>
    public enum RoleHolder
    {
        User,
        Group,
    }

    /// <summary>
    /// The role ids of the Organization API: Atlassian's role-id enum in its OpenAPI (as generated into jira.js
    /// src/admin/models) with the official descriptions, summarised in the API reference under "Role assignments".
    /// </summary>
    public static class RoleCatalog
    {
        public const string User = "atlassian/user";
        public const string OrgAdmin = "atlassian/org-admin";
        public const string SiteAdmin = "atlassian/site-admin";

        public static readonly IReadOnlyList<string> All = new[]
        {
            User, "atlassian/admin", "atlassian/guest", "atlassian/customer", "atlassian/user-access-admin",
            "atlassian/contributor", "atlassian/basic", "atlassian/stakeholder", "atlassian/viewer", OrgAdmin, SiteAdmin,
            "atlassian/ai-access",
        };

        /// <summary>Roles that can only be granted to groups (the enum's description of atlassian/viewer).</summary>
        public static readonly IReadOnlyList<string> GroupOnly = new[] { "atlassian/viewer" };

        public static IEnumerable<string> Valid(RoleHolder holder) => holder == RoleHolder.User ? All.Except(GroupOnly) : All;

        /// <summary>
        /// The role id for <paramref name="text"/>: case-insensitive, and the <c>atlassian/</c> prefix may be left out
        /// (<c>user</c> means <c>atlassian/user</c>). Throws <see cref="RoleRuleException"/> (RoleMissing, UnknownRole,
        /// or InvalidRoleForResource for a group-only role given to a user).
        /// </summary>
        public static string Normalize(string? text, RoleHolder holder)
        {
            if (text == null || string.IsNullOrWhiteSpace(text))
                throw new RoleRuleException(RoleRuleError.RoleMissing, "No role was given.");
            var role = text.Trim().ToLowerInvariant();
            if (role.IndexOf('/') < 0) role = "atlassian/" + role;
            if (!All.Contains(role))
                throw new RoleRuleException(RoleRuleError.UnknownRole, $"'{text.Trim()}' is not a known role. Valid roles: {string.Join(", ", Valid(holder))}.");
            if (holder == RoleHolder.User && GroupOnly.Contains(role))
                throw new RoleRuleException(RoleRuleError.InvalidRoleForResource,
                    $"{role} can only be granted to groups, not to users. Valid user roles: {string.Join(", ", Valid(RoleHolder.User))}.");
            return role;
        }
    }
}
