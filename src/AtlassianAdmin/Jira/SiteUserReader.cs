using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Jira
{
    /// <summary>
    /// Get-AtlassianUser's reads on the Jira site (-Site, or a connection without an org API key): the people listing,
    /// one user by accountId or email, a group's members. One per invocation.
    /// </summary>
    internal sealed class SiteUserReader
    {
        private readonly Client.Jira.JiraClient _jira;
        private readonly Connection.AtlassianConnection _connection;
        private string _ceilingWarning;
        private bool _warned;

        public SiteUserReader(Client.Jira.JiraClient jira, Connection.AtlassianConnection connection) { _jira = jira; _connection = connection; }

        /// <summary>
        /// The site's people (accountType atlassian, like the directory), optionally searched; -Status active keeps active
        /// users, any other status inactive ones.
        /// </summary>
        public IEnumerable<JiraUser> List(string searchTerm, string[] status, CancellationToken ct)
        {
            var wantActive = status == null || status.Length == 0 ? (bool?)null : status.Any(s => s.Equals("active", StringComparison.OrdinalIgnoreCase));
            var wantInactive = status != null && status.Any(s => !s.Equals("active", StringComparison.OrdinalIgnoreCase));
            // The ceiling warning is set by a page fetch on another thread; TakeWarning hands it to the pipeline thread.
            var users = string.IsNullOrEmpty(searchTerm) ? _jira.ListUsers(ct) : _jira.SearchUsers(searchTerm, ct, w => Volatile.Write(ref _ceilingWarning, w));
            foreach (var user in users)
            {
                if (user.AccountType != null && user.AccountType != "atlassian") continue;
                if (wantActive.HasValue && !((user.Active && wantActive.Value) || (!user.Active && wantInactive))) continue;
                yield return user;
            }
        }

        /// <summary>The search's ceiling warning, once (null when there is none, or it was taken already).</summary>
        public string TakeWarning()
        {
            if (_warned || Volatile.Read(ref _ceilingWarning) == null) return null;
            _warned = true;
            return _ceilingWarning;
        }

        /// <summary>One user by accountId (<c>GET /user</c>) or email (through the org directory when the connection has one); null: nobody.</summary>
        public System.Threading.Tasks.Task<JiraUser> FindAsync(bool byId, string key, CancellationToken ct) =>
            byId ? _jira.GetUserAsync(key, ct) : new SiteDirectory(_connection).FindByEmailAsync(key, ct);

        public static System.Management.Automation.ItemNotFoundException NotFound(bool byId, string key) => new System.Management.Automation.ItemNotFoundException(byId
            ? $"The Jira site has no user with accountId '{key}'."
            : $"The Jira site has no active user with email '{key}' (or their email is hidden by their privacy settings).");

        /// <summary>A site group's members, active and inactive.</summary>
        public IEnumerable<JiraUser> Members(string groupId, CancellationToken ct) => _jira.ListGroupMembers(groupId, includeInactive: true, ct);
    }
}
