using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Requests a project role for a user: creates one issue in the request project, assigned to the target project's lead for approval.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsLifecycle.Request, "AtlassianProjectAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(JiraAccessRequest), typeof(AtlassianChangeResult))]
    public sealed class RequestAtlassianProjectAccessCommand : ChangeCmdlet<RequestAtlassianProjectAccessCommand.Input>
    {
        /// <summary>The project to get access to.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectKey", "project_key")]
        [ArgumentCompleter(typeof(ProjectKeyCompleter))]
        [AllowEmptyString, AllowNull]
        public string Project { get; set; }

        /// <summary>The role wanted (validated against the project's roles).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("RoleName", "role_name")]
        [ArgumentCompleter(typeof(ProjectRoleCompleter))]
        [AllowEmptyString, AllowNull]
        public string Role { get; set; }

        /// <summary>Who needs the access, by accountId (wins over -Email); a plain string piped in binds here unless it has '@'.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>Who needs the access, by email; a plain string piped in binds here when it has '@'.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Why the access is needed (shown to the approver).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Justification")]
        [AllowEmptyString, AllowNull]
        public string Reason { get; set; }

        /// <summary>Who approves when the project has no lead (email or accountId).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Approver { get; set; }

        /// <summary>The project holding the requests; default: the connection's (Connect-AtlassianOrg -RequestProject).</summary>
        [Parameter]
        public string RequestProject { get; set; }

        private SiteDirectory _site;
        private string _requestProject;
        private Task<List<JiraAccessRequest>> _open;

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi;
            _site = new SiteDirectory(ActiveConnection);
            try { _requestProject = AccessRequests.RequestProjectOf(ActiveConnection, RequestProject); }
            catch (InvalidOperationException e) { Terminate(e, RequestProject, "NoRequestProject", ErrorCategory.InvalidOperation); }
            AccessRequests.RequireRequestProject(JiraApi, _requestProject, Await, Terminate);
        }

        /// <summary>One request as captured, and the issue created for it.</summary>
        public sealed class Input
        {
            internal string Project, Role, AccountId, Email, Reason, ApproverId, ApproverEmail;
            internal JiraAccessRequest Created;
        }

        protected override Input Capture(PSObject item)
        {
            var project = Clean(Project);
            var role = Clean(Role);
            if (project == null) throw new ItemFailedException("ProjectMissing", ErrorCategory.InvalidArgument, "The input has no project. Give -Project or pipe rows with a 'project' column.");
            AtlassianAdmin.Resolution.Identifiers.RequireProjectKey(project);
            if (role == null) throw new ItemFailedException("RoleMissing", ErrorCategory.InvalidArgument, "The input has no role. Give -Role or pipe rows with a 'role' column.");
            var (accountId, email) = SiteDirectory.ParseUser(AccountId, Email, item?.BaseObject as string);
            if (accountId == null && email == null)
                throw new ItemFailedException("UserIdentityMissing", ErrorCategory.InvalidArgument, "The input has no user. Give -AccountId or -Email, or pipe user objects, emails or rows with an 'email' or 'accountId' column.");
            string approverId = null, approverEmail = null;
            if (Clean(Approver) != null) (approverId, approverEmail) = SiteDirectory.ParseUser(null, null, Clean(Approver));
            return new Input { Project = project.ToUpperInvariant(), Role = role, AccountId = accountId, Email = email, Reason = Clean(Reason), ApproverId = approverId, ApproverEmail = approverEmail };
        }

        protected override string DescribeInput(PSObject item, Input input) =>
            $"{Clean(Email) ?? Clean(AccountId) ?? item?.BaseObject?.ToString()} {Clean(Project)} {Clean(Role)}".Trim();

        protected override async Task<PlannedChange> PlanAsync(Input i, CancellationToken ct)
        {
            var jira = _site.Jira;
            // Everything is validated before anything is created.
            var project = await jira.GetProjectAsync(i.Project, ct).ConfigureAwait(false)
                ?? throw new ItemFailedException("ProjectNotFound", ErrorCategory.ObjectNotFound, $"The Jira site has no project '{i.Project}' (or you cannot browse it). Get-AtlassianProject lists the projects.");
            var (roleName, roleId) = await _site.ResolveRoleAsync(project.Key, i.Role, ct).ConfigureAwait(false);
            var user = await _site.ResolveUserAsync(i.AccountId, i.Email, ct).ConfigureAwait(false);
            var approver = project.Lead;
            if (approver == null)
            {
                if (i.ApproverId == null && i.ApproverEmail == null)
                    throw new ItemFailedException("ProjectHasNoLead", ErrorCategory.InvalidOperation,
                        $"Project {project.Key} has no lead to route the request to. Give -Approver <email or accountId>, or set a project lead in Jira.");
                approver = await _site.ResolveUserAsync(i.ApproverId, i.ApproverEmail, ct).ConfigureAwait(false);
            }

            var change = new PlannedChange
            {
                Action = "Request project access", Target = ProjectRoleChanges.Display(user), Resource = $"{project.Key} {roleName}",
                AccountId = user.AccountId, Email = user.Email ?? i.Email, Warning = $"Assigned to {approver.DisplayName} for approval",
            };
            var role = await jira.GetProjectRoleAsync(project.Key, roleId, ct).ConfigureAwait(false);
            if (role.Actors.Any(a => !a.IsGroup && a.AccountId == user.AccountId)) { change.UnchangedReason = "already in the role"; return change; }
            var open = (await OpenRequestsAsync(ct).ConfigureAwait(false)).FirstOrDefault(r =>
                r.AccountId == user.AccountId && string.Equals(r.Project, project.Key, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Role, roleName, StringComparison.OrdinalIgnoreCase));
            if (open != null) { change.UnchangedReason = $"already requested: {open.Key} ({open.StatusName})"; return change; }

            var data = new AccessRequestData
            {
                Project = project.Key, Role = roleName, AccountId = user.AccountId, Email = user.Email ?? i.Email, DisplayName = user.DisplayName,
                RequestedBy = ActiveConnection.SiteAccount, Reason = i.Reason, Approver = approver.AccountId, RequestedAt = DateTimeOffset.UtcNow,
            };
            var summary = Truncate($"Access request: {roleName} in {project.Key} for {user.DisplayName ?? user.AccountId}", 250);
            var description = new List<string>
            {
                $"{ProjectRoleChanges.Display(user)} requests the {roleName} role in project {project.Key} ({project.Name}).",
                i.Reason == null ? "No reason was given." : "Reason: " + i.Reason,
                $"Requested by {data.RequestedBy} via AtlassianAdmin. Approver: {approver.DisplayName} ({(project.Lead != null ? "project lead" : "named approver")}).",
                "To decide, transition this issue to Approved or Denied (or run Approve-AtlassianAccessRequest / Deny-AtlassianAccessRequest). Approved requests are granted by the next Complete-AtlassianAccessRequest run.",
            };
            change.Apply = async t =>
            {
                var created = await jira.CreateAccessRequestAsync(_requestProject, data, approver.AccountId, summary, description, t).ConfigureAwait(false);
                created.ApproverName = approver.DisplayName;
                i.Created = created;
                change.Resource = $"{project.Key} {roleName} (request {created.Key}, approver {approver.DisplayName})";
                return true;
            };
            return change;
        }

        /// <summary>Writes the request it created (New-*/Request-* write what they create); -PassThru writes the result instead.</summary>
        protected override void OnReported(Input input, PlannedChange change, AtlassianChangeResult result)
        {
            if (!PassThru && input?.Created != null && result.Outcome == ChangeOutcome.Changed) WriteObject(input.Created);
        }

        /// <summary>Open (pending or approved) requests, read once per invocation, to avoid duplicates.</summary>
        private Task<List<JiraAccessRequest>> OpenRequestsAsync(CancellationToken ct)
        {
            lock (this)
                return _open ?? (_open = _site.Jira.SearchAccessRequestsAsync(_requestProject, new[] { AccessRequestStatus.Pending, AccessRequestStatus.Approved }, ct));
        }

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        private static string Truncate(string s, int max) => s.Length <= max ? s : s.Substring(0, max - 1) + "…";
    }
}
