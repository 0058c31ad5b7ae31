using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Approves pending access requests (transitions them to Approved); the next Complete-AtlassianAccessRequest grants the role.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsLifecycle.Approve, "AtlassianAccessRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class ApproveAtlassianAccessRequestCommand : ChangeCmdlet<string>
    {
        /// <summary>The request's issue key (e.g. ACCESS-12). Binds from Key/IssueKey (pipe Get-AtlassianAccessRequest or Request-AtlassianProjectAccess).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("IssueKey", "issue_key"), AllowEmptyString, AllowNull]
        public string Key { get; set; }

        /// <summary>A comment added to the request with the approval.</summary>
        [Parameter]
        public string Comment { get; set; }

        /// <summary>The project holding the requests; default: the connection's (Connect-AtlassianOrg -RequestProject).</summary>
        [Parameter]
        public string RequestProject { get; set; }

        private AccessRequestDesk _desk;

        protected override void Begin()
        {
            base.Begin();
            _desk = new AccessRequestDesk(ActiveConnection);
        }

        protected override string Capture(PSObject item) => AccessRequestDesk.KeyOf(Key, item);

        protected override string DescribeInput(PSObject item, string key) => AccessRequestDesk.Describe(Key, item);

        protected override Task<PlannedChange> PlanAsync(string key, CancellationToken ct) =>
            _desk.DecideAsync(key, AccessRequestStatus.Approved, Comment, ct);
    }
}
