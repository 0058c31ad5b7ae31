#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>A product instance of the organization (Jira, Confluence, …) — the resource roles are granted on.</summary>
    /// <remarks>Every field may be missing (Atlassian may omit one, an object may be built by hand); role targets refuse a workspace without <see cref="Id"/> (WorkspaceWithoutId).</remarks>
    public sealed class AtlassianWorkspace
    {
        /// <summary>The resource ARI, e.g. <c>ari:cloud:jira::site/{siteId}</c>.</summary>
        public string? Id { get; set; }
        public string? Name { get; set; }
        /// <summary>Product key (<c>jira</c>, <c>jira-software</c>, <c>confluence</c>, <c>jira-servicedesk</c>, …).</summary>
        public string? Product { get; set; }
        public string? Status { get; set; }
        /// <summary>Host, e.g. <c>acme.atlassian.net</c>.</summary>
        public string? HostUrl { get; set; }
        public Uri? Url => string.IsNullOrEmpty(HostUrl) ? null : new Uri(HostUrl!.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? HostUrl : "https://" + HostUrl);
        public string? SiteId
        {
            get
            {
                var id = Id;
                var slash = id?.LastIndexOf('/') ?? -1;
                return id != null && slash >= 0 ? id.Substring(slash + 1) : null;
            }
        }
        public DateTimeOffset? CreatedAt { get; set; }
        public string[]? Labels { get; set; }
        public string? OrgId { get; set; }
        public override string ToString() => $"{Name} ({Product})";
    }
}
