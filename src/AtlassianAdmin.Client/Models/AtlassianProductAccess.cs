#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One row of the product access report: one user's access to one product (workspace), flat for Export-Csv.
    /// </summary>
    public sealed class AtlassianProductAccess
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        /// <summary>Directory status: <c>active</c>, <c>suspended</c>, <c>deactivated</c>, <c>for_deletion</c>…</summary>
        public string? Status { get; set; }
        /// <summary>Atlassian account status: <c>active</c>, <c>inactive</c> or <c>closed</c>.</summary>
        public string? AccountStatus { get; set; }
        /// <summary>Product key, e.g. <c>jira-software</c>, <c>confluence</c>, <c>jira-servicedesk</c>.</summary>
        public string? Product { get; set; }
        /// <summary>Product of the workspace (the productAccess items carry no display name).</summary>
        public string? ProductName { get; set; }
        /// <summary>Workspace (site) name.</summary>
        public string? Workspace { get; set; }
        /// <summary>Workspace host, e.g. <c>acme.atlassian.net</c>.</summary>
        public string? WorkspaceUrl { get; set; }
        /// <summary>The workspace ARI, e.g. <c>ari:cloud:jira::site/…</c> (what roles are granted on).</summary>
        public string? ResourceId { get; set; }
        /// <summary>The seat-taking roles (atlassian/user, admin, basic, contributor) the user holds on the workspace, directly or through groups, separated by ", "; empty for free roles only.</summary>
        public string? Roles { get; set; }
        /// <summary>The account is active and holds a role that takes a licence seat on this product.</summary>
        public bool Billable { get; set; }
        /// <summary>Last day the user used this product (UTC date, from <c>lastActiveTimestamp</c>); null when no activity is recorded.</summary>
        public DateTime? LastActive { get; set; }
        /// <summary>Whole days since <see cref="LastActive"/>; for a user who never used the product, days since they joined the org.</summary>
        public int? DaysInactive { get; set; }
        public DateTimeOffset? AddedToOrg { get; set; }
        public string? DirectoryId { get; set; }
        public string? OrgId { get; set; }

        public override string ToString() => $"{(string.IsNullOrEmpty(Email) ? Name : Email)} @ {ProductName ?? Product}";
    }

    /// <summary>Seats per product, aggregated from the product access report.</summary>
    public sealed class AtlassianLicenseSummary
    {
        public string? Product { get; set; }
        public string? ProductName { get; set; }
        public string? Workspace { get; set; }
        public string? ResourceId { get; set; }
        /// <summary>Users with any role on the product (any status).</summary>
        public int Users { get; set; }
        /// <summary>Billable seats: active users holding a seat-taking role.</summary>
        public int Billable { get; set; }
        /// <summary>Billable users inactive for at least <see cref="InactiveDays"/> days (seats to reclaim).</summary>
        public int Inactive { get; set; }
        /// <summary>Billable users who never used the product.</summary>
        public int NeverActive { get; set; }
        /// <summary>Suspended users who still hold roles on the product.</summary>
        public int Suspended { get; set; }
        /// <summary>The threshold used for <see cref="Inactive"/>.</summary>
        public int InactiveDays { get; set; }
        public string? OrgId { get; set; }

        public override string ToString() => $"{ProductName ?? Product}: {Billable} billable";
    }
}
