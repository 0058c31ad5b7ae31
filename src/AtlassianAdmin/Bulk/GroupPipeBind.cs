using AtlassianAdmin.Models;

namespace AtlassianAdmin.Bulk
{
    /// <summary>A group given as an object from Get-AtlassianGroup, its id or its name.</summary>
    public sealed class GroupPipeBind
    {
        public GroupPipeBind(AtlassianGroup group) { Group = group; Text = group?.Id; }
        public GroupPipeBind(string text) => Text = text?.Trim();

        public AtlassianGroup Group { get; }
        public string Text { get; }
        public override string ToString() => Group?.Name ?? Text;
    }
}
