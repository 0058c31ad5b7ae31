using System.Management.Automation;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Grants a role on a workspace (product access or admin) to directory groups.</para>
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "AtlassianGroupRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianGroupRoleCommand : GroupRoleChangeCmdlet
    {
        protected override bool Granting => true;
    }
}
