using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Denies pending access requests (transitions them to Denied); the next Complete-AtlassianAccessRequest closes them.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsLifecycle.Deny, "AtlassianAccessRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class DenyAtlassianAccessRequestCommand : AccessRequestChangeCmdlet
    {
        /// <summary>Why; added to the request as a comment.</summary>
        [Parameter]
        public string Comment { get; set; }

        protected override Task<PlannedChange> PlanAsync(object input, CancellationToken ct) =>
            DecisionPlanner.PlanAsync(this, (string)input, AccessRequestStatus.Denied, Comment, ct);
    }
}
