using AtlassianAdmin.Engine;
using System.Management.Automation;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Adds users or groups to a Jira project role (idempotent: already in the role = Unchanged).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianProjectRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianProjectRoleCommand : ProjectRoleChangeCmdlet
    {
        protected override bool Grant => true;
    }
}
