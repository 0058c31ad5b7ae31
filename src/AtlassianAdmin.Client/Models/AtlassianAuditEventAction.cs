namespace AtlassianAdmin.Models
{
    /// <summary>An action the org's audit log records (<c>GET /v1/orgs/{orgId}/event-actions</c>): the id is what
    /// <c>Get-AtlassianAuditEvent -Action</c> takes.</summary>
    public sealed class AtlassianAuditEventAction
    {
        public string OrgId { get; set; }
        /// <summary>The action id, e.g. <c>user_added_to_group</c>.</summary>
        public string Id { get; set; }
        /// <summary>What admin.atlassian.com shows for it, e.g. "Added user to group".</summary>
        public string DisplayName { get; set; }
        /// <summary>The action's group in the audit log UI, e.g. "Group management" (several are joined with "; ").</summary>
        public string GroupDisplayName { get; set; }
        public override string ToString() => Id;
    }
}
