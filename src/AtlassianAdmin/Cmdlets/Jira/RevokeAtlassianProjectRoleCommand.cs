using AtlassianAdmin.Engine;
using System.Management.Automation;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Removes users or groups from a Jira project role (idempotent: not in the role = Unchanged).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsSecurity.Revoke, "AtlassianProjectRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RevokeAtlassianProjectRoleCommand : ProjectRoleChangeCmdlet
    {
        /// <summary>Revoke without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;
        protected override bool Grant => false;
    }
}
