#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A user as a Jira site sees them (Jira REST v3). <see cref="AccountId"/> and <see cref="Email"/> bind by name to the
    /// <c>-AccountId</c>/<c>-Email</c> parameters of the other cmdlets, like <see cref="AtlassianUser"/>. The email is often
    /// empty: Jira shows it only when the user's privacy settings (or your admin rights) allow.
    /// </summary>
    public sealed class JiraUser
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        /// <summary>The same value as <see cref="DisplayName"/>, for views and scripts written for <see cref="AtlassianUser"/>.</summary>
        public string? Name => DisplayName;
        public bool Active { get; set; }
        /// <summary><c>atlassian</c>, <c>app</c> or <c>customer</c>.</summary>
        public string? AccountType { get; set; }
        public string? TimeZone { get; set; }
        public string? Locale { get; set; }
        /// <summary>The site the user was read from.</summary>
        public Uri? SiteUrl { get; set; }

        public override string ToString() => string.IsNullOrEmpty(Email) ? $"{DisplayName} ({AccountId})" : $"{DisplayName} <{Email}>";
    }
}
