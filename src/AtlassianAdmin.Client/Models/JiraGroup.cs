#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>A group as a Jira site sees it (the same group id as in the org directory).</summary>
    public sealed class JiraGroup
    {
        public string? GroupId { get; set; }
        public string? Name { get; set; }
        /// <summary>The same value as <see cref="GroupId"/>, for scripts written for <see cref="AtlassianGroup"/>.</summary>
        public string? Id => GroupId;
        public override string? ToString() => Name;
    }
}
