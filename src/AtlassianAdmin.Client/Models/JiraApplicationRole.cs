#nullable enable
using System.Collections.Generic;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A Jira product's licence on a site (<c>GET /rest/api/3/applicationrole</c>): seats, users counted and the groups that
    /// grant it. Readable by a site admin without an organization key.
    /// </summary>
    public sealed class JiraApplicationRole
    {
        /// <summary><c>jira-software</c>, <c>jira-servicedesk</c>, <c>jira-product-discovery</c>…</summary>
        public string? Key { get; set; }
        public string? Name { get; set; }
        /// <summary>Users counting against the licence.</summary>
        public int? UserCount { get; set; }
        public int? NumberOfSeats { get; set; }
        public int? RemainingSeats { get; set; }
        public bool? HasUnlimitedSeats { get; set; }
        public List<string>? Groups { get; set; }
        public List<string>? DefaultGroups { get; set; }
        public System.Uri? SiteUrl { get; set; }

        public override string ToString() => $"{Name ?? Key}: {UserCount} of {(HasUnlimitedSeats == true ? "unlimited" : NumberOfSeats?.ToString())}";
    }

    /// <summary>One Jira product a site user holds (from the user's <c>applicationRoles</c>), for a licence view without an org key.</summary>
    public sealed class JiraSiteLicense
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public bool Active { get; set; }
        public string? AccountType { get; set; }
        /// <summary>Application role key, e.g. <c>jira-software</c>; null for a user holding none (with -IncludeUnlicensed).</summary>
        public string? Product { get; set; }
        public string? ProductName { get; set; }
        public System.Uri? SiteUrl { get; set; }

        public override string ToString() => $"{DisplayName}: {ProductName ?? Product ?? "no product"}";
    }
}
