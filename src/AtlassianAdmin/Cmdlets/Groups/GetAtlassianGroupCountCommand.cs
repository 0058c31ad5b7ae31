using System;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Counts directory groups (or, with -Site, Jira site groups) without listing them.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroupCount")]
    [OutputType(typeof(long))]
    public sealed class GetAtlassianGroupCountCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Count only groups whose name contains this text (server-side search).</summary>
        [Parameter(Position = 0)]
        public string SearchTerm { get; set; }

        /// <summary>Directory to count in; default: the org's only directory, or all directories when there are several.</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        /// <summary>Count the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        protected override void Process()
        {
            if (Site.IsPresent || !ActiveConnection.HasOrganization)
            {
                var jira = JiraApi;
                SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId));
                // group/bulk has no text search: without a term the page total answers, with one the names are read and counted.
                WriteObject(string.IsNullOrEmpty(SearchTerm)
                    ? Await(jira.CountGroupsAsync(CancellationToken))
                    : jira.ListGroups(null, null, CancellationToken).LongCount(g => g.Name != null && g.Name.IndexOf(SearchTerm, StringComparison.OrdinalIgnoreCase) >= 0));
                return;
            }
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            WriteObject(Await(OrgApi.CountGroupsAsync(OrgId, directoryId, string.IsNullOrEmpty(SearchTerm) ? null : SearchTerm, CancellationToken)));
        }
    }
}
