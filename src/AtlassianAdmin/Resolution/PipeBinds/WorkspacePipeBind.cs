using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>A workspace given as an object from Get-AtlassianWorkspace, its ARI, its URL or its name.</summary>
    public sealed class WorkspacePipeBind
    {
        public WorkspacePipeBind(AtlassianWorkspace workspace) { Workspace = workspace; Text = workspace?.Id; }
        public WorkspacePipeBind(string text) => Text = text?.Trim();

        public AtlassianWorkspace Workspace { get; }
        public string Text { get; }
        public override string ToString() => Workspace?.ToString() ?? Text;
    }
}
