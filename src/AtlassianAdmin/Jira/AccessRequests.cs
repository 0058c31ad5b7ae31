using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Jira
{
    /// <summary>Shared pieces of the access-request cmdlets: the request project, reading a request, moving it through the workflow.</summary>
    internal static class AccessRequests
    {
        /// <summary>The request project: -RequestProject, else the connection's (Connect-AtlassianOrg -RequestProject). Throws when neither.</summary>
        public static string RequestProjectOf(AtlassianConnection connection, string given)
        {
            var key = string.IsNullOrWhiteSpace(given) ? connection.RequestProject : given.Trim();
            if (string.IsNullOrWhiteSpace(key))
                throw new InvalidOperationException($"Connection '{connection.Name}' has no access-request project. Give -RequestProject <key>, connect with Connect-AtlassianOrg … -RequestProject <key>, or set (Get-AtlassianConnection).RequestProject = '<key>'.");
            return key.Trim().ToUpperInvariant();
        }

        /// <summary>
        /// Stops with RequestProjectNotFound (ObjectNotFound) unless the request project is a project key that exists on
        /// the site (a bad -RequestProject would otherwise surface as a JQL error or a failed create on every row).
        /// </summary>
        public static void RequireRequestProject(JiraClient jira, string key, Func<Task<JiraProject>, JiraProject> wait,
            Action<Exception, object, string, ErrorCategory?> terminate)
        {
            var ok = Identifiers.IsProjectKey(key) && wait(jira.GetProjectAsync(key, CancellationToken.None)) != null;
            if (!ok)
                terminate(new ItemNotFoundException($"The request project '{UserInput.Show(key)}' does not exist on the Jira site (or you cannot browse it). Give -RequestProject <key> of the project that holds access requests, or set (Get-AtlassianConnection).RequestProject."),
                    key, "RequestProjectNotFound", ErrorCategory.ObjectNotFound);
        }

        /// <summary>Reads a request by key; throws RequestNotFound / NotAnAccessRequest.</summary>
        public static async Task<JiraAccessRequest> ReadAsync(JiraClient jira, string key, CancellationToken ct)
        {
            Identifiers.RequireIssueKey(key);
            var request = await jira.GetAccessRequestAsync(key, ct).ConfigureAwait(false)
                ?? throw new ItemFailedException("RequestNotFound", ErrorCategory.ObjectNotFound, $"There is no issue '{key}' (or you cannot see it).");
            if (!request.HasData)
                throw new ItemFailedException("NotAnAccessRequest", ErrorCategory.InvalidData,
                    $"{key} is not an access request made by Request-AtlassianProjectAccess: it has no readable '{AccessRequestData.PropertyKey}' property.");
            return request;
        }

        /// <summary>Transitions the issue to <paramref name="status"/> (by the target status name; for Done, any transition into the done category).</summary>
        public static async Task TransitionAsync(JiraClient jira, string key, AccessRequestStatus status, IReadOnlyList<string> comment, CancellationToken ct)
        {
            var name = JiraClient.StatusNameOf(status);
            var transitions = await jira.GetTransitionsAsync(key, ct).ConfigureAwait(false);
            var t = transitions.FirstOrDefault(x => string.Equals(x.ToStatus, name, StringComparison.OrdinalIgnoreCase))
                    ?? (status == AccessRequestStatus.Completed ? transitions.FirstOrDefault(x => x.ToStatusCategory == "done") : null);
            if (t == null)
                throw new ItemFailedException("TransitionNotAvailable", ErrorCategory.InvalidOperation,
                    $"{key} cannot move to '{name}' from its current status. Available transitions: {(transitions.Count == 0 ? "none" : string.Join(", ", transitions.Select(x => $"{x.Name} → {x.ToStatus}")))}. The request project's workflow needs the statuses To Do, Approved, Denied and Done.");
            await jira.TransitionIssueAsync(key, t.Id, comment, ct).ConfigureAwait(false);
        }

        public static string Who(JiraAccessRequest r) =>
            string.IsNullOrEmpty(r.Email) ? $"{r.DisplayName} ({r.AccountId})" : $"{r.DisplayName} <{r.Email}>";
    }

    /// <summary>Base of the access-request cmdlets that act on requests by key (Approve, Deny, Complete).</summary>
    public abstract class AccessRequestChangeCmdlet : ChangeCmdlet<object>
    {
        /// <summary>The request's issue key (e.g. ACCESS-12). Binds from Key/IssueKey (pipe Get-AtlassianAccessRequest).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("IssueKey", "issue_key")]
        [AllowEmptyString, AllowNull]
        public string Key { get; set; }

        /// <summary>The project holding the requests; default: the connection's (Connect-AtlassianOrg -RequestProject).</summary>
        [Parameter]
        public string RequestProject { get; set; }

        private SiteDirectory _site;
        internal SiteDirectory Site => _site ?? (_site = new SiteDirectory(ActiveConnection));
        internal JiraClient Jira => ActiveConnection.Jira;
        /// <summary>Who acts (the site credential's account), for comments.</summary>
        internal string Account => ActiveConnection.SiteAccount ?? ActiveConnection.Name;

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi;
        }

        /// <summary>The request project, or a terminating error naming the ways to set one.</summary>
        protected string ResolvedRequestProject()
        {
            string key = null;
            try { key = AccessRequests.RequestProjectOf(ActiveConnection, RequestProject); }
            catch (InvalidOperationException e) { Terminate(e, RequestProject, "NoRequestProject", ErrorCategory.InvalidOperation); return null; }
            AccessRequests.RequireRequestProject(JiraApi, key, Await, Terminate);
            return key;
        }

        protected override object Capture(PSObject item)
        {
            var key = string.IsNullOrWhiteSpace(Key) ? (item?.BaseObject as string)?.Trim() : Key.Trim();
            if (string.IsNullOrEmpty(key))
                throw new ItemFailedException("RequestKeyMissing", ErrorCategory.InvalidArgument, "The input has no request key. Give -Key ACCESS-12 or pipe Get-AtlassianAccessRequest.");
            return key.ToUpperInvariant();
        }

        protected override string DescribeInput(PSObject item, object input) => string.IsNullOrWhiteSpace(Key) ? item?.BaseObject?.ToString() : Key.Trim();

        protected static PlannedChange ChangeFor(string action, JiraAccessRequest r) => new PlannedChange
        {
            Action = action, Target = $"{r.Key} ({AccessRequests.Who(r)})", Resource = $"{r.Project} {r.Role}", AccountId = r.AccountId, Email = r.Email,
        };
    }
}
