using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Grants a role on a workspace (product access or admin) to directory groups.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianGroupRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianGroupRoleCommand : GroupRoleChangeCmdlet
    {
        protected override bool Granting => true;
    }
}
