using AtlassianAdmin.Models;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// A group as the group cmdlets see it, whichever directory holds it: an org directory's <see cref="AtlassianGroup"/>
    /// or a Jira site's <see cref="JiraGroup"/> (kept as it is, so the cmdlets write the object the user knows).
    /// </summary>
    internal sealed class DirectoryGroup
    {
        public DirectoryGroup(AtlassianGroup group) => Org = group;
        public DirectoryGroup(JiraGroup group) => Site = group;

        public AtlassianGroup Org { get; }
        public JiraGroup Site { get; }
        public string Id => Org != null ? Org.Id : Site?.GroupId;
        public string Name => Org != null ? Org.Name : Site?.Name;
        /// <summary>The org directory of the group; null for a site group.</summary>
        public string DirectoryId => Org?.DirectoryId;
        /// <summary>Synced from an identity provider (org groups say so; the site says so only when a write is refused).</summary>
        public bool ExternalSynced => Org?.ExternalSynced == true;
        /// <summary>The object to write: the <see cref="AtlassianGroup"/> or the <see cref="JiraGroup"/>.</summary>
        public object Value => (object)Org ?? Site;
        public override string ToString() => Name;
    }
}
