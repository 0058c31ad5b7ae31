using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Carries out decided access requests: grants each approved request's project role, comments what was done and closes it (Done); denied requests get a comment and are closed.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsLifecycle.Complete, "AtlassianAccessRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class CompleteAtlassianAccessRequestCommand : ChangeCmdlet<string>
    {
        /// <summary>The request's issue key (e.g. ACCESS-12). Binds from Key/IssueKey (pipe Get-AtlassianAccessRequest); none: every decided request.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("IssueKey", "issue_key"), AllowEmptyString, AllowNull]
        public string Key { get; set; }

        /// <summary>Only requests for these target projects (wildcards allowed) when finding the work itself.</summary>
        [Parameter, Alias("ProjectKey", "project_key"), ArgumentCompleter(typeof(ProjectKeyCompleter)), SupportsWildcards]
        public string[] Project { get; set; }

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

        /// <summary>The request project, or a terminating error naming the ways to set one.</summary>
        private string ResolvedRequestProject()
        {
            string key = null;
            try { key = AccessRequests.RequestProjectOf(ActiveConnection, RequestProject); }
            catch (InvalidOperationException e) { Terminate(e, RequestProject, "NoRequestProject", ErrorCategory.InvalidOperation); return null; }
            AccessRequests.RequireRequestProject(JiraApi, key, Await, Terminate);
            return key;
        }

        /// <summary>With nothing piped and no -Key: every Approved and Denied request of the request project, oldest first.</summary>
        protected override void OnInput(PSObject input)
        {
            if (input != null || !string.IsNullOrWhiteSpace(Key))
            {
                Submit(input);
                return;
            }
            var requestProject = ResolvedRequestProject();
            var filters = (Project ?? Array.Empty<string>()).Select(NameFilter.For).ToList();
            var decided = JiraApi.SearchAccessRequests(requestProject, new[] { AccessRequestStatus.Approved, AccessRequestStatus.Denied }, CancellationToken)
                .Where(r => filters.Count == 0 || filters.Any(f => f(r.Project))).ToList();
            FlushLog();
            if (decided.Count == 0) WriteVerbose($"No approved or denied access requests in {requestProject}.");
            foreach (var r in decided) Submit(PSObject.AsPSObject(r.Key));
        }

        protected override async Task<PlannedChange> PlanAsync(string key, CancellationToken ct)
        {
            var jira = _desk.Jira;
            var r = await AccessRequests.ReadAsync(jira, key, ct).ConfigureAwait(false);
            var change = AccessRequestDesk.ChangeFor("Complete access request", r);
            switch (r.Status)
            {
                case AccessRequestStatus.Completed: change.UnchangedReason = "already completed"; return change;
                case AccessRequestStatus.Pending: change.UnchangedReason = $"waiting for approval{(r.ApproverName != null ? " by " + r.ApproverName : "")}"; return change;
                case AccessRequestStatus.Other: change.UnchangedReason = $"status '{r.StatusName}' is not Approved or Denied"; return change;
            }
            var stamp = $"Completed by {_desk.Account} via AtlassianAdmin (Complete-AtlassianAccessRequest) at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.";
            if (r.Status == AccessRequestStatus.Denied)
            {
                change.Action = "Close denied access request";
                change.Apply = async t =>
                {
                    await AccessRequests.TransitionAsync(jira, r.Key, AccessRequestStatus.Completed,
                        new[] { $"Request denied: {AccessRequests.Who(r)} was not given the {r.Role} role in project {r.Project}.", stamp }, t).ConfigureAwait(false);
                    return true;
                };
                return change;
            }

            // Approved: the same planning as Grant-AtlassianProjectRole (validates project, role and user; reads the actors).
            var grant = await ProjectRoleChanges.PlanAsync(_desk.Site, r.Project, r.Role, new RolePrincipal { AccountId = r.AccountId }, grant: true, ct).ConfigureAwait(false);
            change.Resource = grant.Resource;
            change.Warning = grant.UnchangedReason == null ? $"grants {grant.Resource}, then comments and closes the request" : $"already in {grant.Resource}; comments and closes the request";
            change.Apply = async t =>
            {
                var granted = grant.UnchangedReason == null && await grant.Apply(t).ConfigureAwait(false);
                var what = granted
                    ? $"Granted the {r.Role} role in project {r.Project} to {AccessRequests.Who(r)}."
                    : $"{AccessRequests.Who(r)} already had the {r.Role} role in project {r.Project}; nothing to grant.";
                await AccessRequests.TransitionAsync(jira, r.Key, AccessRequestStatus.Completed, new[] { what, stamp }, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
