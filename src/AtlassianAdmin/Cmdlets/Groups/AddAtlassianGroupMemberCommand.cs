using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Adds users to directory groups (existing members are reported Unchanged; nothing is sent).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Add, "AtlassianGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class AddAtlassianGroupMemberCommand : GroupMemberChangeCmdlet
    {
        protected override bool Adding => true;
    }
}
