#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A group of an organization directory (v2 <c>MultiDirectoryGroup</c>). Piped into the group cmdlets it binds to
    /// <c>-Group</c>; <see cref="GroupId"/>/<see cref="GroupName"/> make it CSV-export friendly.
    /// </summary>
    public sealed class AtlassianGroup
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? DirectoryId { get; set; }
        /// <summary>True when the group comes from an identity provider (SCIM): its membership can't be changed through the API.</summary>
        public bool ExternalSynced { get; set; }
        /// <summary><c>external</c>, <c>admins</c>, <c>team-members</c> or <c>open</c>.</summary>
        public string? ManagedBy { get; set; }
        /// <summary>Number of members (null when the API did not say).</summary>
        public int? MemberCount { get; set; }
        /// <summary>Number of resources (workspaces) the group has roles on (null when the API did not say).</summary>
        public int? ResourceCount { get; set; }
        public bool? Deletable { get; set; }
        public bool? Modifiable { get; set; }
        public string? OrgId { get; set; }

        public string? GroupId => Id;
        public string? GroupName => Name;

        public override string? ToString() => Name;
    }

    /// <summary>One role a group holds on one resource (workspace ARI), flattened from the v2 role-assignments read.</summary>
    public sealed class AtlassianGroupRoleAssignment
    {
        public string? GroupId { get; set; }
        public string? GroupName { get; set; }
        /// <summary>The resource ARI, e.g. <c>ari:cloud:jira::site/{siteId}</c>.</summary>
        public string? ResourceId { get; set; }
        /// <summary>Product owning the resource (<c>jira</c>, <c>confluence</c>, <c>platform</c>, …).</summary>
        public string? ResourceOwner { get; set; }
        /// <summary>Role id, e.g. <c>atlassian/user</c>.</summary>
        public string? RoleId { get; set; }
        /// <summary>Workspace name when known (filled by the cmdlets from Get-AtlassianWorkspace's list).</summary>
        public string? WorkspaceName { get; set; }
        public string? DirectoryId { get; set; }

        public override string ToString() => $"{GroupName}: {RoleId} on {WorkspaceName ?? ResourceId}";
    }
}
