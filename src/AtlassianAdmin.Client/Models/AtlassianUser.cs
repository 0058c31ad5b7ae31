#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A user of an organization directory (v2 directory user). Property names bind by name to the
    /// <c>-AccountId</c>, <c>-Email</c> and <c>-DirectoryId</c> parameters of the other cmdlets.
    /// </summary>
    public sealed class AtlassianUser
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Nickname { get; set; }
        /// <summary><c>active</c>, <c>suspended</c>, <c>not_invited</c>, <c>deactivated</c> or <c>for_deletion</c>.</summary>
        public string? Status { get; set; }
        /// <summary>Atlassian account status: <c>active</c>, <c>inactive</c> or <c>closed</c>.</summary>
        public string? AccountStatus { get; set; }
        /// <summary>Directory membership: <c>active</c>, <c>suspended</c> or <c>no_membership</c>.</summary>
        public string? MembershipStatus { get; set; }
        public string? AccountType { get; set; }
        /// <summary><c>managed</c> (email on a verified domain) or <c>unmanaged</c>.</summary>
        public string? ClaimStatus { get; set; }
        public DateTimeOffset? AddedToOrg { get; set; }
        public bool? EmailVerified { get; set; }
        public bool? MfaEnabled { get; set; }
        public string? JobTitle { get; set; }
        public string? Department { get; set; }
        public string? ManagementSource { get; set; }
        public string? Picture { get; set; }
        public List<string>? PlatformRoles { get; set; }
        /// <summary>Filled when the listing was asked to expand groups.</summary>
        public List<AtlassianGroupReference>? Groups { get; set; }
        /// <summary>The directory the user was read from (the API omits it; the client sets it when known).</summary>
        public string? DirectoryId { get; set; }
        public string? OrgId { get; set; }

        public string? GroupNames => Groups == null ? null : string.Join(", ", Groups.Select(g => g.Name));
        public override string ToString() => string.IsNullOrEmpty(Email) ? $"{Name} ({AccountId})" : $"{Name} <{Email}>";
    }

    /// <summary>A group as referenced from a user (id and name).</summary>
    public sealed class AtlassianGroupReference
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public override string? ToString() => Name;
    }
}
