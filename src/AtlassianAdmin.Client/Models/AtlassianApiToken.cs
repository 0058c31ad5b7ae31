#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One API token of a managed account: ids, label and dates only (Atlassian never returns a token's value, and neither
    /// does this module). <see cref="AccountId"/> and <see cref="TokenId"/> bind by name to Revoke-AtlassianApiToken.
    /// </summary>
    public sealed class AtlassianApiToken
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? UserName { get; set; }
        public string? TokenId { get; set; }
        public string? Label { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        /// <summary>Last time the token authenticated a call; null = never used (or not recorded).</summary>
        public DateTimeOffset? LastAccess { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        /// <summary>From the org-wide API-access listing (e.g. ALLOWED); null when read per user.</summary>
        public string? Status { get; set; }

        /// <summary>Whole days since the token was created (null when unknown).</summary>
        public int? AgeDays => CreatedAt.HasValue ? (int?)Math.Max(0, (int)(DateTimeOffset.UtcNow - CreatedAt.Value).TotalDays) : null;

        public override string ToString() => $"{Label} ({TokenId}) of {Email ?? AccountId}";
    }

    /// <summary>One privilege from <c>GET /users/{accountId}/manage?privileges=</c>: whether this key may do it, and why not.</summary>
    public sealed class AtlassianManagePrivilege
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        /// <summary>e.g. <c>lifecycle.enablement</c>, <c>apiToken.delete</c>, <c>profile.write.name</c>.</summary>
        public string? Privilege { get; set; }
        public bool Allowed { get; set; }
        /// <summary>Atlassian's reason key when not allowed, e.g. <c>externalDirectory.scim</c>, <c>managedAccount</c>.</summary>
        public string? Reason { get; set; }

        public override string ToString() => $"{Privilege}: {(Allowed ? "allowed" : "not allowed (" + Reason + ")")}";
    }
}
