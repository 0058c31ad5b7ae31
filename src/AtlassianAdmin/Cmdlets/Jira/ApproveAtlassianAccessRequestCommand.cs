using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Approves pending access requests (transitions them to Approved); the next Complete-AtlassianAccessRequest grants the role.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsLifecycle.Approve, "AtlassianAccessRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class ApproveAtlassianAccessRequestCommand : AccessRequestChangeCmdlet
    {
        /// <summary>A comment added to the request with the decision.</summary>
        [Parameter]
        public string Comment { get; set; }

        protected override Task<PlannedChange> PlanAsync(object input, CancellationToken ct) =>
            DecisionPlanner.PlanAsync(this, (string)input, AccessRequestStatus.Approved, Comment, ct);
    }

    /// <summary>Approve and Deny: pending → decided; the same decision again = Unchanged; the opposite one = a clear error.</summary>
    internal static class DecisionPlanner
    {
        public static async Task<PlannedChange> PlanAsync(AccessRequestChangeCmdlet cmdlet, string key, AccessRequestStatus decision, string comment, CancellationToken ct)
        {
            var jira = cmdlet.Jira;
            var r = await AccessRequests.ReadAsync(jira, key, ct).ConfigureAwait(false);
            var verb = decision == AccessRequestStatus.Approved ? "Approve" : "Deny";
            var change = new PlannedChange
            {
                Action = verb + " access request", Target = $"{r.Key} ({AccessRequests.Who(r)})", Resource = $"{r.Project} {r.Role}", AccountId = r.AccountId, Email = r.Email,
            };
            if (r.Status == decision) { change.UnchangedReason = "already " + r.StatusName; return change; }
            if (r.Status != AccessRequestStatus.Pending)
                throw new ItemFailedException("RequestAlreadyDecided", ErrorCategory.InvalidOperation,
                    $"{r.Key} is {r.StatusName}; only pending (To Do) requests can be {(decision == AccessRequestStatus.Approved ? "approved" : "denied")}.");
            var paragraphs = new List<string> { $"{(decision == AccessRequestStatus.Approved ? "Approved" : "Denied")} by {cmdlet.Account} via AtlassianAdmin." };
            if (!string.IsNullOrWhiteSpace(comment)) paragraphs.Add(comment.Trim());
            change.Apply = async t =>
            {
                await AccessRequests.TransitionAsync(jira, r.Key, decision, paragraphs, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
