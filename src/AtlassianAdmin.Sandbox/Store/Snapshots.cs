using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Sandbox
{
    // Public read-only copies of the store's state for tests. Changing them does not change the store.

    public sealed class SandboxUser
    {
        public string AccountId { get; set; }
        public string AccountType { get; set; }
        public string Email { get; set; }
        public string Name { get; set; }
        public string Nickname { get; set; }
        /// <summary>active | suspended | deactivated | for_deletion</summary>
        public string Status { get; set; }
        /// <summary>active | inactive | closed</summary>
        public string AccountStatus { get; set; }
        /// <summary>active | suspended | no_membership</summary>
        public string MembershipStatus { get; set; }
        /// <summary>managed | unmanaged</summary>
        public string ClaimStatus { get; set; }
        /// <summary>Email on a verified domain of the org (user management API allowed).</summary>
        public bool Managed { get; set; }
        public bool EmailVerified { get; set; }
        public bool MfaEnabled { get; set; }
        public string JobTitle { get; set; }
        public string Department { get; set; }
        public string Zoneinfo { get; set; }
        public string Locale { get; set; }
        public DateTimeOffset AddedToOrg { get; set; }
        /// <summary>Product key → last activity (null = never used the product).</summary>
        public IReadOnlyDictionary<string, DateTimeOffset?> LastActive { get; set; }
        /// <summary>Most recent activity over all products, null if never active.</summary>
        public DateTimeOffset? LastActiveAny { get; set; }
        /// <summary>True after lifecycle/disable (user management API).</summary>
        public bool Deactivated { get; set; }
        /// <summary>True after lifecycle/delete until cancel-delete (14-day grace).</summary>
        public bool PendingDeletion { get; set; }
        public IReadOnlyList<string> DirectoryIds { get; set; }
        public IReadOnlyList<string> GroupIds { get; set; }
        public int ApiTokenCount { get; set; }
        /// <summary>invited | synced (provisioned by an identity provider).</summary>
        public string ManagementSource { get; set; }
    }

    public sealed class SandboxGroup
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public string DirectoryId { get; set; }
        public bool ExternalSynced { get; set; }
        /// <summary>external | admins | team-members | open</summary>
        public string ManagedBy { get; set; }
        public int MemberCount { get; set; }
    }

    public sealed class SandboxRoleAssignment
    {
        public string ResourceId { get; set; }
        public string ResourceOwner { get; set; }
        public string RoleId { get; set; }
        /// <summary>Null for a direct assignment; otherwise the group that grants it (first one found for effective roles).</summary>
        public string GroupId { get; set; }
        public override string ToString() => RoleId + " on " + ResourceId + (GroupId == null ? "" : " via " + GroupId);
    }

    public sealed class SandboxWorkspace
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string TypeKey { get; set; }
        public string HostUrl { get; set; }
        public string ProductKey { get; set; }
        public string Status { get; set; }
        public int? SeatLimit { get; set; }
        public bool Licensed { get; set; }
        public IReadOnlyList<string> Roles { get; set; }
        public IReadOnlyList<string> GroupOnlyRoles { get; set; }
    }

    public sealed class SandboxEvent
    {
        public string Id { get; set; }
        public DateTimeOffset Time { get; set; }
        public string Action { get; set; }
        public string ActorId { get; set; }
        /// <summary>(id, type) pairs, e.g. ("5b10...", "users"), ("7c2f...", "groups").</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Context { get; set; }
    }

    public sealed class SandboxDirectory
    {
        public string Id { get; set; }
        public string Name { get; set; }
    }

    public sealed class SandboxDomain
    {
        public string Id { get; set; }
        public string Name { get; set; }
        public string ClaimStatus { get; set; }
    }

    public sealed class SandboxProject
    {
        public string Id { get; set; }
        public string Key { get; set; }
        public string Name { get; set; }
        public string LeadAccountId { get; set; }
        /// <summary>Role name → role id (Administrators 10002, Developers 10001, Users 10000).</summary>
        public IReadOnlyDictionary<string, int> Roles { get; set; }
    }

    public sealed class SandboxProjectRoleActor
    {
        /// <summary>"user" or "group".</summary>
        public string Type { get; set; }
        public string AccountId { get; set; }
        public string GroupId { get; set; }
        public string GroupName { get; set; }
    }

    public sealed class SandboxIssue
    {
        public string Id { get; set; }
        public string Key { get; set; }
        public string ProjectKey { get; set; }
        public string IssueType { get; set; }
        public string Summary { get; set; }
        public string DescriptionJson { get; set; }
        public string Status { get; set; }
        public string AssigneeAccountId { get; set; }
        public string ReporterAccountId { get; set; }
        public IReadOnlyList<string> Labels { get; set; }
        /// <summary>Entity property key → raw JSON value.</summary>
        public IReadOnlyDictionary<string, string> Properties { get; set; }
        public IReadOnlyList<SandboxComment> Comments { get; set; }
    }

    public sealed class SandboxComment
    {
        public string Id { get; set; }
        public string AuthorAccountId { get; set; }
        public string BodyJson { get; set; }
        public DateTimeOffset Created { get; set; }
    }
}
