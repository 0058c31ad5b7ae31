using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Completers
{
    /// <summary>
    /// Completes group names of the connection: the org's groups (all directories) and, when the connection has a Jira
    /// site, the site's groups. Answers at once from the per-connection completion cache, refreshed in the background
    /// (see <see cref="CachedNameCompleter"/>); names this session just created or resolved are offered too.
    /// </summary>
    public sealed class GroupNameCompleter : CachedNameCompleter
    {
        public GroupNameCompleter() : base("groupNames", Fetch) { }

        private static IEnumerable<CompletionValue> Fetch(AtlassianConnection connection, System.Threading.CancellationToken ct)
        {
            var values = new List<CompletionValue>();
            if (connection.Org != null)
                values.AddRange(connection.Org.SearchGroups(connection.OrgId, "-", new GroupQuery(), ct)
                    .Select(g => new CompletionValue(g.Name, string.IsNullOrEmpty(g.Description) ? g.Name : g.Name + " — " + g.Description)));
            if (connection.Jira != null)
                values.AddRange(connection.Jira.ListGroups(null, null, ct).Select(g => new CompletionValue(g.Name, g.Name + " (site)")));
            return values.GroupBy(v => v.Value, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        }

        protected override IEnumerable<string> KnownLocally(AtlassianConnection connection) =>
            connection.Cache.OrgGroups.KnownNames.Concat(connection.Cache.SiteGroups.KnownNames);
    }
}
