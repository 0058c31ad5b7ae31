#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>An Atlassian organization visible to the API key.</summary>
    public sealed class AtlassianOrganization
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public override string ToString() => $"{Name} ({Id})";
    }
}
