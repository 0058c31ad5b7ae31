namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One role a user holds on one workspace (or the site/org), from Get-AtlassianUserRole. Pipes into
    /// Revoke-AtlassianUserRole: AccountId, ResourceId (→ -Workspace), Product and RoleId (→ -Role) bind by name.
    /// </summary>
    public sealed class AtlassianUserRole
    {
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string UserName { get; set; }
        /// <summary>The workspace's name, or the ARI when the workspaces API does not list the resource.</summary>
        public string WorkspaceName { get; set; }
        /// <summary>The resource owner: <c>jira</c>, <c>confluence</c>, <c>jira-servicedesk</c>, <c>platform</c>, …</summary>
        public string Product { get; set; }
        /// <summary>The resource ARI.</summary>
        public string ResourceId { get; set; }
        public string RoleId { get; set; }
        /// <summary>
        /// <c>Direct</c> (granted to the user), <c>Group</c> (only through group membership) or <c>Inferred</c> (implied by
        /// another assignment), from the API's <c>roleAssignmentMethods</c>; null when the API does not say.
        /// </summary>
        public string Via { get; set; }
        /// <summary>The group granting the role, when <see cref="Via"/> is <c>Group</c> and the API names it (Atlassian's read does not).</summary>
        public string GroupId { get; set; }
        public string DirectoryId { get; set; }

        public override string ToString() =>
            $"{RoleId} on {WorkspaceName ?? ResourceId}{(string.IsNullOrEmpty(Product) ? "" : " (" + Product + ")")}{(Via == "Group" ? " via group" + (GroupId == null ? "" : " " + GroupId) : Via == "Inferred" ? " (inferred)" : "")}";
    }
}
