using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Engine;
namespace AtlassianAdmin.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Counts the users of the organization's directory with the count endpoint (never lists them).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianUserCount")]
    [OutputType(typeof(long))]
    public sealed class GetAtlassianUserCountCommand : AtlassianConnectedCmdlet
    {
        [Parameter]
        [ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        [Parameter]
        public string SearchTerm { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.DirectoryIdCompleter))]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            WriteObject(Await(OrgApi.CountUsersAsync(OrgId, directoryId, Status?.Select(s => s.ToLowerInvariant()), SearchTerm, CancellationToken)));
        }
    }
}
