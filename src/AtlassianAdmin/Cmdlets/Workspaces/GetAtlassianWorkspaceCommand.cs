using AtlassianAdmin.Client.Roles;
using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Workspaces
{
    /// <summary>
    /// <para type="synopsis">Gets the organization's workspaces (Jira, Confluence, … sites) with their resource ARIs.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianWorkspace", SupportsPaging = true)]
    [OutputType(typeof(AtlassianWorkspace))]
    public sealed class GetAtlassianWorkspaceCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Name filter; wildcards allowed. A URL or ARI also works.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; }

        /// <summary>Product filter (e.g. jira, jira-software, confluence); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string Product { get; set; }

        /// <summary>Read the list again instead of using the connection's cache.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        protected override void Process()
        {
            _ = OrgApi; // fails clearly on a site-only connection
            var all = WorkspaceResolver.All(ActiveConnection, CancellationToken, Refresh);
            FlushLog();
            var byName = NameFilter.For(Name);
            var byProduct = NameFilter.For(Product);
            var exact = Name != null && !WildcardPattern.ContainsWildcardCharacters(Name) ? WorkspaceMatch.Match(all, Name, null) : null;
            foreach (var w in all)
            {
                var nameOk = exact != null ? exact.Contains(w) : byName(w.Name);
                if (nameOk && byProduct(w.Product) && !WritePaged(w)) break;
            }
        }
    }
}
