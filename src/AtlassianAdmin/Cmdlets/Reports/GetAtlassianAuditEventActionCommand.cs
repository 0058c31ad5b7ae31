using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Gets the actions the organization's audit log records: the values Get-AtlassianAuditEvent -Action takes.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianAuditEventAction", SupportsPaging = true)]
    [OutputType(typeof(AtlassianAuditEventAction))]
    public sealed class GetAtlassianAuditEventActionCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Only actions whose id or display name matches; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; }

        protected override void Process()
        {
            var filter = NameFilter.For(Name);
            // One unpaged list: filtering here costs nothing more than asking for it.
            foreach (var a in Await(OrgApi.GetEventActionsAsync(OrgId, CancellationToken)))
                if ((filter(a.Id) || filter(a.DisplayName)) && !WritePaged(a)) break;
        }
    }
}
