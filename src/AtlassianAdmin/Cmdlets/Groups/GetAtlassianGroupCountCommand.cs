using System.Management.Automation;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Counts directory groups (or, with -Site, Jira site groups) without listing them.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroupCount", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet)]
    [OutputType(typeof(long))]
    public sealed class GetAtlassianGroupCountCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Count only groups whose name contains this text (server-side search).</summary>
        [Parameter(Position = 0)]
        public string SearchTerm { get; set; }

        /// <summary>Directory to count in (org groups); default: the org's only directory, or all directories when there are several.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet)]
        public string DirectoryId { get; set; }

        /// <summary>Count the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        protected override void Process()
        {
            var groups = GroupDirectory.For(ActiveConnection, OnSite);
            var directoryId = groups.IsSite ? null : ResolveDirectoryId(DirectoryId, allowAll: true);
            WriteObject(Await(groups.CountAsync(directoryId, SearchTerm, CancellationToken)));
        }
    }
}
