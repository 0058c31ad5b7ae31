using System.Management.Automation;
using AtlassianAdmin.Base;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Counts directory groups without listing them.</para>
    /// </summary>
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

        protected override void Process()
        {
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            WriteObject(Await(OrgApi.CountGroupsAsync(OrgId, directoryId, string.IsNullOrEmpty(SearchTerm) ? null : SearchTerm, CancellationToken)));
        }
    }
}
