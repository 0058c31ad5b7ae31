using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Users
{
    /// <summary>
    /// The Jira-site side of Get-AtlassianUser: used when the connection has no org API key, or with -Site. Writes
    /// <see cref="JiraUser"/> objects, whose AccountId/Email bind to the same downstream parameters as AtlassianUser.
    /// </summary>
    public sealed partial class GetAtlassianUserCommand
    {
        /// <summary>Read users through the connection's Jira site (user search) instead of the org directory.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool UseSite => Site.IsPresent || !ActiveConnection.HasOrganization;

        /// <summary>One value's read; a client error about that value (400, 404, 414…) is its error, and the other values go on.</summary>
        private bool TryAwaitForValue(Func<System.Threading.Tasks.Task<JiraUser>> read, string value, out JiraUser user)
        {
            try
            {
                user = Await(read());
                return true;
            }
            catch (AtlassianAdmin.Client.AtlassianApiException e) when (IsAboutThisInput(e))
            {
                WriteItemError(e, value);
                user = null;
                return false;
            }
        }

        private void ProcessSite()
        {
            var jira = JiraApi;
            if (ParameterSetName == ListSet)
            {
                if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
                var wantActive = Status == null || Status.Length == 0 ? (bool?)null : Status.Any(s => s.Equals("active", StringComparison.OrdinalIgnoreCase));
                var wantInactive = Status != null && Status.Any(s => !s.Equals("active", StringComparison.OrdinalIgnoreCase));
                // The ceiling warning comes from a page fetch on another thread; it is written here, once.
                string ceilingWarning = null;
                bool warned = false;
                var users = string.IsNullOrEmpty(SearchTerm) ? jira.ListUsers(CancellationToken)
                    : jira.SearchUsers(SearchTerm, CancellationToken, w => Volatile.Write(ref ceilingWarning, w));
                foreach (var user in users)
                {
                    if (!warned && Volatile.Read(ref ceilingWarning) != null) { warned = true; WriteWarning(ceilingWarning); }
                    if (user.AccountType != null && user.AccountType != "atlassian") continue; // people only, like the directory
                    if (wantActive.HasValue && !((user.Active && wantActive.Value) || (!user.Active && wantInactive))) continue;
                    if (!WritePaged(user)) break;
                }
                if (!warned && Volatile.Read(ref ceilingWarning) != null) WriteWarning(ceilingWarning);
                return;
            }

            var accountIds = (AccountId ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
            var emails = (Email ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
            if (accountIds.Count == 0 && emails.Count == 0)
            {
                WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                return;
            }
            if (accountIds.Count > 0)
            {
                foreach (var id in accountIds)
                {
                    if (!UserInput.IsValidAccountId(id)) { WriteItemError(UserInput.BadAccountId(id), id, "InvalidAccountId", ErrorCategory.InvalidArgument); continue; }
                    if (!TryAwaitForValue(() => jira.GetUserAsync(id, CancellationToken), id, out var user)) continue;
                    if (user != null) WriteObject(user);
                    else WriteItemError(new ItemNotFoundException($"The Jira site has no user with accountId '{id}'."), id, "UserNotFound", ErrorCategory.ObjectNotFound);
                }
                return;
            }
            foreach (var email in emails)
            {
                if (!UserInput.IsPlausibleEmail(email)) { WriteItemError(UserInput.BadEmail(email), email, "InvalidEmail", ErrorCategory.InvalidArgument); continue; }
                if (!TryAwaitForValue(() => new AtlassianAdmin.Jira.SiteDirectory(ActiveConnection).FindByEmailAsync(email, CancellationToken), email, out var user)) continue;
                if (user != null) WriteObject(user);
                else WriteItemError(new ItemNotFoundException($"The Jira site has no active user with email '{email}' (or their email is hidden by their privacy settings)."), email, "UserNotFound", ErrorCategory.ObjectNotFound);
            }
        }
    }
}
