using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Sandbox.Store
{
    // Mutable internal state. Only touched while holding SandboxStore.Sync; the public API hands out snapshot copies.

    internal sealed class RoleRef : IEquatable<RoleRef>
    {
        public RoleRef(string resourceId, string roleId) { ResourceId = resourceId; RoleId = roleId; }
        public string ResourceId { get; }
        public string RoleId { get; }
        public bool Equals(RoleRef other) => other != null && other.ResourceId == ResourceId && other.RoleId == RoleId;
        public override bool Equals(object obj) => Equals(obj as RoleRef);
        public override int GetHashCode() => (ResourceId ?? "").GetHashCode() * 31 + RoleId.GetHashCode();
    }

    internal sealed class UserRecord
    {
        public long Seq;
        public string AccountId;
        public string AccountType = "atlassian";
        public string Email;
        public string Name;
        public string Nickname;
        public string JobTitle;
        public string Department;
        public string Organization;
        public string Location;
        public string Zoneinfo = "Europe/Berlin";
        public string Locale = "en-US";
        public string ManagementSource = "invited";
        public string Picture;
        public bool EmailVerified = true;
        public bool MfaEnabled;
        public bool Managed;
        public bool Suspended;
        public bool Deactivated;
        public bool PendingDeletion;
        public bool InOrg = true;
        public DateTimeOffset AddedToOrg;
        /// <summary>Product key (jira-software, confluence, ...) → last activity; null value = never.</summary>
        public Dictionary<string, DateTimeOffset?> LastActive = new Dictionary<string, DateTimeOffset?>();
        public HashSet<string> DirectoryIds = new HashSet<string>();
        public HashSet<string> GroupIds = new HashSet<string>();
        public List<RoleRef> DirectRoles = new List<RoleRef>();
        public List<ApiTokenRecord> ApiTokens = new List<ApiTokenRecord>();

        public string Status => PendingDeletion ? "for_deletion" : Deactivated ? "deactivated" : Suspended ? "suspended" : "active";
        public string AccountStatus => PendingDeletion || Deactivated ? "inactive" : "active";
        public string MembershipStatus => Suspended ? "suspended" : "active";
        public string ClaimStatus => Managed ? "managed" : "unmanaged";
        /// <summary>Can log in and use products (Jira's "active").</summary>
        public bool IsActive => !Suspended && !Deactivated && !PendingDeletion;
    }

    internal sealed class ApiTokenRecord
    {
        public string Id;
        public string Label;
        public DateTimeOffset CreatedAt;
        public DateTimeOffset? LastAccess;
        public DateTimeOffset ExpiresAt;
    }

    internal sealed class GroupRecord
    {
        public long Seq;
        public string Id;
        public string Name;
        public string Description;
        public string DirectoryId;
        public bool ExternalSynced;
        /// <summary>Created with <c>JiraCreateGroupNotReadBack</c> or <c>CreateGroupAnswer.NoContentNotListedYet</c>: no listing shows it yet.</summary>
        public bool NotYetListed;
        public string ManagedBy = "admins";
        public List<string> Members = new List<string>();
        public HashSet<string> MemberSet = new HashSet<string>();
        public List<RoleRef> Roles = new List<RoleRef>();
    }

    /// <summary>Anything a role can be granted on: product workspaces, the platform site, the org.</summary>
    internal sealed class ResourceRecord
    {
        public string Id;               // ARI
        public string Owner;            // resourceOwner: jira, confluence, jira-servicedesk, platform, ...
        public bool IsWorkspace;
        public string Name;
        public string TypeKey;
        public string HostUrl;
        public string ProductKey;       // key used in lastActive/productAccess, e.g. jira-software
        public string ProductName;
        public string Status = "online";
        public DateTimeOffset CreatedAt;
        public int? SeatLimit;          // holders of atlassian/user (billable seats); null = unlimited
        public bool Licensed = true;
        public HashSet<string> Roles = new HashSet<string>();
        public HashSet<string> GroupOnlyRoles = new HashSet<string>();
    }

    internal sealed class DirectoryRecord
    {
        public long Seq;
        public string Id;
        public string Name;
        public string Icon;
    }

    internal sealed class DomainRecord
    {
        public long Seq;
        public string Id;
        public string Name;
        public string ClaimType;
        public string ClaimStatus;
    }

    internal sealed class EventRecord
    {
        public long Seq;
        public string Id;
        public DateTimeOffset Time;
        public DateTimeOffset ProcessedAt;
        public string Action;
        public string ActorId;
        public string ActorName;
        public List<KeyValuePair<string, string>> Context = new List<KeyValuePair<string, string>>(); // (id, type)
        public string Ip = "203.0.113.5";
        public string Geo = "Berlin, DE";
    }
}
