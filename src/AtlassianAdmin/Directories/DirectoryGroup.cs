#nullable enable
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// A group as the group cmdlets see it, whichever directory holds it: an org directory's <see cref="AtlassianGroup"/>
    /// or a Jira site's <see cref="JiraGroup"/> (kept as it is, so the cmdlets write the object the user knows).
    /// </summary>
    internal sealed class DirectoryGroup
    {
        public DirectoryGroup(AtlassianGroup group)
        {
            Org = group;
            Value = group;
        }

        public DirectoryGroup(JiraGroup group)
        {
            Site = group;
            Value = group;
        }

        /// <summary>The org group; null for a site group.</summary>
        public AtlassianGroup? Org { get; }
        /// <summary>The site group; null for an org group.</summary>
        public JiraGroup? Site { get; }
        /// <summary>The group's id; empty (never null) when the API gave none, so a request about it is refused unsent.</summary>
        public string Id => (Org != null ? Org.Id : Site?.GroupId) ?? "";
        /// <summary>The name, as the API gave it (it may omit it).</summary>
        public string? Name => Org != null ? Org.Name : Site?.Name;
        /// <summary>The org directory of the group; null for a site group.</summary>
        public string? DirectoryId => Org?.DirectoryId;
        /// <summary>Synced from an identity provider (org groups say so; the site says so only when a write is refused).</summary>
        public bool ExternalSynced => Org?.ExternalSynced == true;
        /// <summary>The object to write: the <see cref="AtlassianGroup"/> or the <see cref="JiraGroup"/>.</summary>
        public object Value { get; }
        public override string? ToString() => Name;
    }
}
