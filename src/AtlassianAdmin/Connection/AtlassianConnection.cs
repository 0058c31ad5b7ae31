using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Org;

namespace AtlassianAdmin.Connection
{
    /// <summary>
    /// A named connection: the state every cmdlet reuses (HTTP pipelines, org id, site URL, caches).
    /// Its public properties are secret-free, so it is safe to print, log or export.
    /// </summary>
    public sealed class AtlassianConnection : IDisposable
    {
        internal AtlassianConnection(string name) => Name = name;

        public string Name { get; }
        public string OrgId { get; internal set; }
        public string OrgName { get; internal set; }
        public Uri ApiBaseUri { get; internal set; }
        public Uri SiteUrl { get; internal set; }
        /// <summary>Account (email) of the Jira site credential; the token itself is never exposed.</summary>
        public string SiteAccount { get; internal set; }
        /// <summary><c>ApiKey</c>, <c>Sandbox</c>, or with a site <c>ApiKey+SiteToken</c> / <c>SiteToken</c>.</summary>
        public string AuthenticationType { get; internal set; }
        public bool IsSandbox { get; internal set; }
        public DateTimeOffset ConnectedAt { get; internal set; } = DateTimeOffset.Now;
        public bool IsDefault => ReferenceEquals(AtlassianSession.Default, this);
        public bool HasOrganization => Org != null;
        public bool HasSite => SiteUrl != null;
        /// <summary>True when the connection carries a user provisioning (SCIM) API key (Connect-AtlassianOrg -ScimApiKey).</summary>
        public bool HasScim => Scim != null;
        /// <summary>Directory the SCIM key belongs to; null without SCIM. The key itself is never exposed.</summary>
        public string ScimDirectoryId => Scim?.DirectoryId;
        /// <summary>Key of the Jira project that holds access requests (Connect-AtlassianOrg -RequestProject; settable).</summary>
        public string RequestProject { get; set; }

        internal OrgClient Org { get; set; }
        internal JiraClient Jira { get; set; }
        internal AtlassianAdmin.Client.Scim.ScimClient Scim { get; set; }
        internal ConnectionCache Cache { get; } = new ConnectionCache();
        /// <summary>Disposed with the connection (HTTP pipelines, the in-process sandbox).</summary>
        internal List<IDisposable> Owned { get; } = new List<IDisposable>();

        public override string ToString() => Name;

        public void Dispose()
        {
            foreach (var d in Owned)
            {
                try { d.Dispose(); } catch { /* closing anyway */ }
            }
            Owned.Clear();
        }
    }

    /// <summary>Per-connection caches of lookups that rarely change (directories, email → accountId, names).</summary>
    internal sealed class ConnectionCache
    {
        public ConcurrentDictionary<string, string> AccountIdByEmail { get; } = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<AtlassianAdmin.Models.AtlassianDirectory> Directories { get; set; }
        /// <summary>The directory listing started in the background when the connection was made (null: none).</summary>
        public System.Threading.Tasks.Task<IReadOnlyList<AtlassianAdmin.Models.AtlassianDirectory>> DirectoriesLoading { get; set; }
        /// <summary>Org directory groups found on this connection (<see cref="AtlassianAdmin.Directories.OrgGroupDirectory"/>).</summary>
        public AtlassianAdmin.Directories.GroupLookup OrgGroups { get; } = new AtlassianAdmin.Directories.GroupLookup();
        /// <summary>Jira site groups found on this connection (<see cref="AtlassianAdmin.Directories.SiteGroupDirectory"/>).</summary>
        public AtlassianAdmin.Directories.GroupLookup SiteGroups { get; } = new AtlassianAdmin.Directories.GroupLookup();
        public ConcurrentDictionary<string, object> Items { get; } = new ConcurrentDictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Values for tab completion (see Completers/CachedNameCompleter.cs).</summary>
        public AtlassianAdmin.Completers.CompletionCache Completions { get; } = new AtlassianAdmin.Completers.CompletionCache();
    }
}
