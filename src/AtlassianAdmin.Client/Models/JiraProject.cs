#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>A Jira project with its lead (the approver access requests are routed to).</summary>
    public sealed class JiraProject
    {
        public string? Id { get; set; }
        public string? Key { get; set; }
        /// <summary>The key again, under the name every cmdlet binds a project from (Get-AtlassianProject | Get-AtlassianProjectRole).</summary>
        public string? ProjectKey => Key;
        public string? Name { get; set; }
        public string? Description { get; set; }
        /// <summary><c>software</c>, <c>service_desk</c> or <c>business</c>.</summary>
        public string? ProjectTypeKey { get; set; }
        /// <summary>The project lead; null when the project has none.</summary>
        public JiraUser? Lead { get; set; }
        public string? LeadAccountId => Lead?.AccountId;
        public string? LeadName => Lead?.DisplayName;
        public Uri? SiteUrl { get; set; }
        public override string? ToString() => Key;
    }
}
