using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Organization
{
    /// <summary>
    /// <para type="synopsis">Gets the user directories of the organization.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianDirectory", SupportsPaging = true)]
    [OutputType(typeof(AtlassianDirectory))]
    public sealed class GetAtlassianDirectoryCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Directory name filter; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; }

        protected override void Process()
        {
            var filter = NameFilter.For(Name);
            foreach (var d in OrgApi.ListDirectories(OrgId, CancellationToken))
                if (filter(d.Name) && !WritePaged(d)) break;
        }
    }
}
