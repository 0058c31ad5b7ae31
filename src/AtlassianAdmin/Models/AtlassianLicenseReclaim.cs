using System;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One licence seat that could be taken back: a seat-taking role a user holds on a product they have not used for a
    /// while (or never). Flat for Export-Csv; AccountId, Email, Role and ResourceId bind by name to Revoke-AtlassianUserRole
    /// (ResourceId → -Workspace), AccountId/Email to Suspend-AtlassianDirectoryUser.
    /// </summary>
    public sealed class AtlassianLicenseReclaim
    {
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string Name { get; set; }
        public string Status { get; set; }
        public string AccountType { get; set; }
        /// <summary>Product key, e.g. jira-software (not named Product, so it does not bind to -Product of the role cmdlets).</summary>
        public string ProductKey { get; set; }
        /// <summary>Workspace (site) name (not named Workspace: the ARI in <see cref="ResourceId"/> is what binds to -Workspace).</summary>
        public string WorkspaceName { get; set; }
        /// <summary>The workspace ARI the role is held on.</summary>
        public string ResourceId { get; set; }
        /// <summary>The seat-taking role, e.g. atlassian/user.</summary>
        public string Role { get; set; }
        /// <summary><c>Direct</c> (Revoke-AtlassianUserRole frees it), <c>Group</c> (remove the memberships or suspend the user), <c>Direct, Group</c> (both needed) or <c>Inferred</c>.</summary>
        public string Via { get; set; }
        /// <summary>Groups that grant the role, when held through groups.</summary>
        public string Groups { get; set; }
        public DateTime? LastActive { get; set; }
        public bool NeverActive { get; set; }
        /// <summary>Days since the last activity; never active: days since the user joined the org.</summary>
        public int? DaysInactive { get; set; }
        /// <summary>What frees the seat: <c>RevokeRole</c>, <c>RemoveGroupMembership</c>, both, or <c>Suspend</c> (held otherwise).</summary>
        public string Action { get; set; }
        /// <summary>True when an exclusion applies (only written with -IncludeExcluded).</summary>
        public bool Excluded { get; set; }
        /// <summary>Why: admin, app account, service account (pattern), allow list.</summary>
        public string ExclusionReason { get; set; }
        public string DirectoryId { get; set; }

        public override string ToString() => $"{Email ?? Name}: {Role} on {WorkspaceName} ({(NeverActive ? "never active" : DaysInactive + " days inactive")})";
    }

    /// <summary>Seats freed per product if every non-excluded candidate of Find-AtlassianUnusedLicense is acted on.</summary>
    public sealed class AtlassianLicenseReclaimSummary
    {
        public string ProductKey { get; set; }
        public string Workspace { get; set; }
        public string ResourceId { get; set; }
        /// <summary>Billable seats now.</summary>
        public int Billable { get; set; }
        /// <summary>Users whose seat would be freed.</summary>
        public int SeatsFreed { get; set; }
        public int NeverActive { get; set; }
        /// <summary>Inactive users kept by an exclusion.</summary>
        public int Excluded { get; set; }
        public int InactiveDays { get; set; }

        public override string ToString() => $"{ProductKey} ({Workspace}): {SeatsFreed} of {Billable} seats freed";
    }
}
