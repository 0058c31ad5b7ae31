using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>A group given as an object from Get-AtlassianGroup (an org <see cref="AtlassianGroup"/> or a site <see cref="JiraGroup"/>), its id or its name.</summary>
    public sealed class GroupPipeBind
    {
        public GroupPipeBind(AtlassianGroup group) { Group = group; Text = group?.Id; }
        public GroupPipeBind(JiraGroup group) { SiteGroup = group; Text = group?.GroupId ?? group?.Name; }
        public GroupPipeBind(string text) => Text = text?.Trim();

        public AtlassianGroup Group { get; }
        /// <summary>The site group object, when one was given (Get-AtlassianGroup on a site).</summary>
        public JiraGroup SiteGroup { get; }
        public string Text { get; }
        public override string ToString() => Group?.Name ?? SiteGroup?.Name ?? Text;
    }
}
