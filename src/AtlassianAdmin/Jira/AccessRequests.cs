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

    /// <summary>
    /// What Approve-, Deny- and Complete-AtlassianAccessRequest share, held by each: the site, who acts (for comments),
    /// reading the request key of an item, and the decision (Approve and Deny).
    /// </summary>
    internal sealed class AccessRequestDesk
    {
        private readonly AtlassianConnection _connection;
        private SiteDirectory _site;

        public AccessRequestDesk(AtlassianConnection connection) => _connection = connection;

        public JiraClient Jira => _connection.Jira;
        public SiteDirectory Site => _site ?? (_site = new SiteDirectory(_connection));
        /// <summary>Who acts (the site credential's account), for comments.</summary>
        public string Account => _connection.SiteAccount ?? _connection.Name;

        internal const string Wanted = "an access request", WantedHint = "Pipe Get-AtlassianAccessRequest, or give -Key ACCESS-12.";

        /// <summary>The request key of one item: -Key (or a Key/IssueKey property), else a plain string. Throws RequestKeyMissing.</summary>
        public static string KeyOf(string key, PSObject item)
        {
            // A project's Key is no issue key: only requests (and strings, rows) are read for one.
            Resolution.PipedObjects.Require(item, Wanted, WantedHint, typeof(JiraAccessRequest));
            var k = string.IsNullOrWhiteSpace(key) ? (item?.BaseObject as string)?.Trim() : key.Trim();
            if (string.IsNullOrEmpty(k))
                throw new ItemFailedException("RequestKeyMissing", ErrorCategory.InvalidArgument, "The input has no request key. Give -Key ACCESS-12 or pipe Get-AtlassianAccessRequest.");
            return k.ToUpperInvariant();
        }

        /// <summary>How an item that failed before planning is shown.</summary>
        public static string Describe(string key, PSObject item) => string.IsNullOrWhiteSpace(key) ? item?.BaseObject?.ToString() : key.Trim();

        public static PlannedChange ChangeFor(string action, JiraAccessRequest r) => new PlannedChange
        {
            Action = action, Target = $"{r.Key} ({AccessRequests.Who(r)})", Resource = $"{r.Project} {r.Role}", AccountId = r.AccountId, Email = r.Email,
        };

        /// <summary>Approve and Deny: pending → decided; the same decision again = Unchanged; the opposite one = a clear error.</summary>
        public async Task<PlannedChange> DecideAsync(string key, AccessRequestStatus decision, string comment, CancellationToken ct)
        {
            var jira = Jira;
            var r = await AccessRequests.ReadAsync(jira, key, ct).ConfigureAwait(false);
            var approve = decision == AccessRequestStatus.Approved;
            var change = ChangeFor((approve ? "Approve" : "Deny") + " access request", r);
            if (r.Status == decision) { change.UnchangedReason = "already " + r.StatusName; return change; }
            if (r.Status != AccessRequestStatus.Pending)
                throw new ItemFailedException("RequestAlreadyDecided", ErrorCategory.InvalidOperation,
                    $"{r.Key} is {r.StatusName}; only pending (To Do) requests can be {(approve ? "approved" : "denied")}.");
            var paragraphs = new List<string> { $"{(approve ? "Approved" : "Denied")} by {Account} via AtlassianAdmin." };
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
