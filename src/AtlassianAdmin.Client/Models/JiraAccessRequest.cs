using System;

namespace AtlassianAdmin.Models
{
    /// <summary>Pending (To Do), Approved, Denied or Completed (Done).</summary>
    public enum AccessRequestStatus
    {
        Pending,
        Approved,
        Denied,
        Completed,
        /// <summary>A status the cmdlets do not know (a custom workflow).</summary>
        Other,
    }

    /// <summary>
    /// The data of an access request, stored as the issue entity property <c>atlassianadmin.accessRequest</c>
    /// (the machine-readable source of truth; the issue description is for people).
    /// </summary>
    public sealed class AccessRequestData
    {
        public const string PropertyKey = "atlassianadmin.accessRequest";
        public const int CurrentVersion = 1;

        public string Project { get; set; }
        public string Role { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string DisplayName { get; set; }
        public string RequestedBy { get; set; }
        public string Reason { get; set; }
        public string Approver { get; set; }
        public override string ToString() => $"{DisplayName ?? Email ?? AccountId} → {Role} in {Project}";
        public DateTimeOffset? RequestedAt { get; set; }
        public int Version { get; set; } = CurrentVersion;
    }

    /// <summary>
    /// An access request issue. <see cref="Project"/>, <see cref="Role"/>, <see cref="AccountId"/> and <see cref="Email"/>
    /// bind by name to Grant-AtlassianProjectRole; <see cref="Key"/> binds to Approve/Deny/Complete-AtlassianAccessRequest.
    /// </summary>
    public sealed class JiraAccessRequest
    {
        public string Key { get; set; }
        public string IssueId { get; set; }
        public AccessRequestStatus Status { get; set; }
        /// <summary>The Jira status name as shown in Jira.</summary>
        public string StatusName { get; set; }
        public string Project { get; set; }
        public string Role { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string DisplayName { get; set; }
        public string Reason { get; set; }
        public string RequestedBy { get; set; }
        /// <summary>The assignee of the request issue (the project lead, or the -Approver given).</summary>
        public string ApproverAccountId { get; set; }
        public string ApproverName { get; set; }
        public DateTimeOffset? Created { get; set; }
        public string Summary { get; set; }
        /// <summary>The project holding the request issues.</summary>
        public string RequestProject { get; set; }
        public Uri Url { get; set; }
        /// <summary>False when the issue has no (readable) access-request property; such issues cannot be completed.</summary>
        public bool HasData { get; set; }

        public string User => string.IsNullOrEmpty(Email) ? DisplayName ?? AccountId : Email;
        public override string ToString() => $"{Key}: {Role} in {Project} for {User} ({Status})";
    }
}
