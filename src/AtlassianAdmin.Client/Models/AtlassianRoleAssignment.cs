using System.Collections.Generic;

namespace AtlassianAdmin.Models
{
    /// <summary>One role a user holds on one resource, as read from <c>GET …/users/{accountId}/role-assignments</c>.</summary>
    public sealed class AtlassianRoleAssignment
    {
        /// <summary>The resource ARI, e.g. <c>ari:cloud:jira::site/{siteId}</c>.</summary>
        public string ResourceId { get; set; }
        /// <summary><c>jira</c>, <c>confluence</c>, <c>platform</c>, …</summary>
        public string ResourceOwner { get; set; }
        public string RoleId { get; set; }
        /// <summary>
        /// How the role is held: <c>Direct</c> (granted to the user; revocable on the user), <c>Group</c> (only through
        /// group membership), <c>Inferred</c> (implied by another assignment), or null when the API does not say.
        /// </summary>
        public string Via { get; set; }
        /// <summary>Every way the role is held (<c>Direct</c>, <c>Group</c>, <c>Inferred</c>), from <c>roleAssignmentMethods</c>.</summary>
        public string[] AssignmentMethods { get; set; } = System.Array.Empty<string>();
        /// <summary>The group the role comes from, when the API says (Atlassian's read does not name it).</summary>
        public string GroupId { get; set; }
        public string DirectoryId { get; set; }
        public string UserDirectoryStatus { get; set; }

        public override string ToString() => $"{RoleId} on {ResourceId}{(Via != null && Via != "Direct" ? " (" + Via.ToLowerInvariant() + ")" : "")}";
    }

    /// <summary>Body item of <c>POST /v2/orgs/{orgId}/users/invite</c>'s <c>permissionRules</c>.</summary>
    public sealed class AtlassianPermissionRule
    {
        public string Resource { get; set; }
        public string Role { get; set; }
        public override string ToString() => Role + " on " + Resource;
    }

    /// <summary>Body of <c>POST /v2/orgs/{orgId}/users/invite</c>.</summary>
    public sealed class AtlassianInvitationRequest
    {
        public List<string> Emails { get; set; } = new List<string>();
        public List<AtlassianPermissionRule> PermissionRules { get; set; }
        public List<string> AdditionalGroups { get; set; }
        public bool? SendNotification { get; set; }
        public string NotificationText { get; set; }
        public override string ToString() => $"Invite {Emails?.Count ?? 0} email(s)";
    }

    /// <summary>One <c>data[]</c> entry of the invite response: the account and per role/group results.</summary>
    public sealed class AtlassianInvitationResult
    {
        /// <summary>The accountId of the invited (or existing) account.</summary>
        public string Id { get; set; }
        public string Email { get; set; }
        public List<AtlassianInvitationItemResult> Results { get; set; }
        public override string ToString() => $"{Email} ({Id})";
    }

    /// <summary>
    /// A per role/group result of an invitation: an item of <c>results[].roleAssignmentResult[]</c> (Type <c>role</c>) or
    /// <c>results[].groupAssignmentResult[]</c> (Type <c>group</c>), status <c>INVITED</c> or <c>ERROR</c> with a
    /// <c>statusReason</c> (correction C5; jira.js roleAssignmentResult.ts, groupAssignmentResult.ts).
    /// </summary>
    public sealed class AtlassianInvitationItemResult
    {
        public string Type { get; set; }
        public string Status { get; set; }
        /// <summary>Why the assignment failed, when <see cref="Status"/> is <c>ERROR</c>.</summary>
        public string StatusReason { get; set; }
        public string Resource { get; set; }
        public string Role { get; set; }
        public string GroupId { get; set; }

        /// <summary><c>ERROR</c>; (unverified) older <c>FAILED…</c> wording is read as a failure too.</summary>
        public bool IsFailure => Status != null && (Status.Equals("ERROR", System.StringComparison.OrdinalIgnoreCase) || Status.StartsWith("FAIL", System.StringComparison.OrdinalIgnoreCase));

        public override string ToString() =>
            (Type == "group" ? "group " + GroupId : Type == "role" ? $"{Role} on {Resource}" : Type) + ": " + Status
            + (string.IsNullOrEmpty(StatusReason) ? "" : " (" + StatusReason + ")");
    }

    /// <summary>A group found by name or id (for invitations' additionalGroups).</summary>
    public sealed class AtlassianGroupRef
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string DirectoryId { get; set; }
        public override string ToString() => Name;
    }
}
