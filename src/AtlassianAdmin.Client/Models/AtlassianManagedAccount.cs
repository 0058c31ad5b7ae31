#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A managed account (email on a verified domain of the organization) as the user management API shows it, with its
    /// lifecycle state. Property names bind by name to <c>-AccountId</c>/<c>-Email</c> of the other cmdlets.
    /// </summary>
    public sealed class AtlassianManagedAccount
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Nickname { get; set; }
        /// <summary><c>atlassian</c>, <c>customer</c> or <c>app</c>.</summary>
        public string? AccountType { get; set; }
        /// <summary>Atlassian account status: <c>active</c>, <c>inactive</c> (deactivated or pending deletion) or <c>closed</c>.</summary>
        public string? AccountStatus { get; set; }
        /// <summary>
        /// <c>active</c>, <c>suspended</c> (in the directory), <c>deactivated</c>, <c>for_deletion</c> (14-day grace) — from
        /// the directory when the account is in it, otherwise from <see cref="AccountStatus"/>.
        /// </summary>
        public string? LifecycleState { get; set; }
        public bool? EmailVerified { get; set; }
        public string? JobTitle { get; set; }
        public string? Department { get; set; }
        public string? Organization { get; set; }
        public string? Location { get; set; }
        /// <summary>IANA time zone (the API's <c>zoneinfo</c>).</summary>
        public string? TimeZone { get; set; }
        public string? Locale { get; set; }
        public string? Picture { get; set; }

        public override string ToString() => (string.IsNullOrEmpty(Email) ? $"{Name} ({AccountId})" : $"{Name} <{Email}>") + (LifecycleState == null ? "" : $" [{LifecycleState}]");
    }
}
