#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    /// <summary>
    /// Access requests as issues of a request project: label <c>access-request</c>, the lead of the target project as
    /// assignee, the data in the entity property <c>atlassianadmin.accessRequest</c>. Workflow statuses: To Do (pending),
    /// Approved, Denied, Done (completed).
    /// </summary>
    public sealed partial class JiraClient
    {
        public const string AccessRequestLabel = "access-request";
        public const string AccessRequestIssueType = "Task";

        public static string StatusNameOf(AccessRequestStatus status)
        {
            switch (status)
            {
                case AccessRequestStatus.Pending: return "To Do";
                case AccessRequestStatus.Approved: return "Approved";
                case AccessRequestStatus.Denied: return "Denied";
                case AccessRequestStatus.Completed: return "Done";
                default: throw new ArgumentOutOfRangeException(nameof(status));
            }
        }

        public static AccessRequestStatus StatusOf(string? statusName, string? category)
        {
            foreach (AccessRequestStatus s in new[] { AccessRequestStatus.Pending, AccessRequestStatus.Approved, AccessRequestStatus.Denied, AccessRequestStatus.Completed })
                if (string.Equals(StatusNameOf(s), statusName, StringComparison.OrdinalIgnoreCase)) return s;
            if (category == "new") return AccessRequestStatus.Pending;
            if (category == "done") return AccessRequestStatus.Completed;
            return AccessRequestStatus.Other;
        }

        /// <summary>JQL over the request project; oldest first. No statuses = all.</summary>
        public IEnumerable<JiraAccessRequest> SearchAccessRequests(string requestProject, IEnumerable<AccessRequestStatus>? statuses, CancellationToken ct) =>
            SearchIssues(AccessRequestJql(requestProject, statuses), new[] { AccessRequestData.PropertyKey }, ct).Select(i => ToAccessRequest(i, requestProject));

        /// <summary>As <see cref="SearchAccessRequests"/>, read whole without holding a thread (for worker code).</summary>
        public async Task<List<JiraAccessRequest>> SearchAccessRequestsAsync(string requestProject, IEnumerable<AccessRequestStatus>? statuses, CancellationToken ct) =>
            (await Paging.CursorStream.ToListAsync(SearchIssues(AccessRequestJql(requestProject, statuses), new[] { AccessRequestData.PropertyKey }, ct), ct).ConfigureAwait(false))
                .ConvertAll(i => ToAccessRequest(i, requestProject));

        private static string AccessRequestJql(string requestProject, IEnumerable<AccessRequestStatus>? statuses)
        {
            var jql = $"project = \"{Quote(requestProject)}\" AND labels = \"{AccessRequestLabel}\"";
            var names = (statuses ?? Enumerable.Empty<AccessRequestStatus>()).Distinct().Select(s => "\"" + StatusNameOf(s) + "\"").ToList();
            if (names.Count > 0) jql += " AND status IN (" + string.Join(", ", names) + ")";
            return jql + " ORDER BY created ASC";
        }

        /// <summary>One request by issue key; null when the issue does not exist.</summary>
        public async Task<JiraAccessRequest?> GetAccessRequestAsync(string key, CancellationToken ct)
        {
            var issue = await GetIssueAsync(key, new[] { AccessRequestData.PropertyKey }, ct).ConfigureAwait(false);
            return issue == null ? null : ToAccessRequest(issue, key.Contains("-") ? key.Substring(0, key.LastIndexOf('-')) : null);
        }

        /// <summary>Creates the request issue with its data property in one request.</summary>
        public async Task<JiraAccessRequest> CreateAccessRequestAsync(string requestProject, AccessRequestData data, string? assigneeAccountId,
            string summary, IReadOnlyList<string>? description, CancellationToken ct)
        {
            var issue = await CreateIssueAsync(requestProject, AccessRequestIssueType, summary, description, assigneeAccountId, new[] { AccessRequestLabel },
                new Dictionary<string, object> { [AccessRequestData.PropertyKey] = data }, ct).ConfigureAwait(false);
            return new JiraAccessRequest
            {
                Key = issue.Key, IssueId = issue.Id, Status = AccessRequestStatus.Pending, StatusName = StatusNameOf(AccessRequestStatus.Pending),
                Project = data.Project, Role = data.Role, AccountId = data.AccountId, Email = data.Email, DisplayName = data.DisplayName,
                Reason = data.Reason, RequestedBy = data.RequestedBy, ApproverAccountId = assigneeAccountId, Summary = summary,
                RequestProject = requestProject, Url = BrowseUrl(issue.Key), HasData = true, Created = DateTimeOffset.UtcNow,
            };
        }

        public JiraAccessRequest ToAccessRequest(JiraIssue issue, string? requestProject)
        {
            var data = ReadProperty<AccessRequestData>(issue, AccessRequestData.PropertyKey);
            return new JiraAccessRequest
            {
                Key = issue.Key, IssueId = issue.Id, StatusName = issue.StatusName, Status = StatusOf(issue.StatusName, issue.StatusCategory),
                Project = data?.Project, Role = data?.Role, AccountId = data?.AccountId, Email = data?.Email, DisplayName = data?.DisplayName,
                Reason = data?.Reason, RequestedBy = data?.RequestedBy,
                ApproverAccountId = issue.Assignee?.AccountId, ApproverName = issue.Assignee?.DisplayName,
                Created = issue.Created, Summary = issue.Summary, RequestProject = requestProject, Url = BrowseUrl(issue.Key),
                HasData = data != null && !string.IsNullOrEmpty(data.Project) && !string.IsNullOrEmpty(data.Role) && !string.IsNullOrEmpty(data.AccountId),
            };
        }

        private Uri? BrowseUrl(string? key) => key == null ? null : new Uri(SiteUrl, "browse/" + E(key));

        private static string Quote(string? s) => (s ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"");
    }
}
