#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>A user directory of the organization (centralized orgs have exactly one).</summary>
    public sealed class AtlassianDirectory
    {
        public string? OrgId { get; set; }
        public string? DirectoryId { get; set; }
        public string? Name { get; set; }
        public string? Icon { get; set; }
        public override string ToString() => $"{Name} ({DirectoryId})";
    }
}
