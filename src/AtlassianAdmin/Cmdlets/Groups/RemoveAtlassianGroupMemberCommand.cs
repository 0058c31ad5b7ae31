using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Removes users from directory groups (non-members are reported Unchanged; nothing is sent).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianGroupMemberCommand : GroupMemberChangeCmdlet
    {
        protected override bool Adding => false;
    }
}
