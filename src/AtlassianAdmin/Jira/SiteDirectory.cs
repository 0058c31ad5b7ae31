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
    /// <summary>
    /// Per-connection lookups of the Jira site that cmdlets and completers share: users by accountId/email, groups by id/name,
    /// project keys and each project's role name → id map. Successful lookups are cached on the connection (they rarely
    /// change); failures are not, so a retry after fixing the cause works.
    /// </summary>
    internal sealed class SiteDirectory
    {
        private const string Prefix = "jira:";
        internal const string ProjectKeysItem = Prefix + "projectKeys";
        private readonly AtlassianConnection _connection;
        private readonly JiraClient _jira;

        public SiteDirectory(AtlassianConnection connection)
        {
            _connection = connection;
            _jira = connection.Jira;
        }

        public JiraClient Jira => _jira;

        private Task<T> Cached<T>(string key, Func<Task<T>> load) where T : class
        {
            var full = Prefix + key;
            if (_connection.Cache.Items.TryGetValue(full, out var existing) && existing is Task<T> t && !t.IsFaulted && !t.IsCanceled) return t;
            var task = load();
            _connection.Cache.Items[full] = task;
            task.ContinueWith(x => _connection.Cache.Items.TryRemove(full, out _), CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            return task;
        }

        // ---- users ----

        /// <summary>The user by accountId (GET /user) or by email (user search; exact match). Throws UserNotFound.</summary>
        public async Task<JiraUser> ResolveUserAsync(string accountId, string email, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(accountId))
            {
                var byId = await Cached("user:id:" + accountId, () => _jira.GetUserAsync(accountId, ct)).ConfigureAwait(false);
                if (byId == null) _connection.Cache.Items.TryRemove(Prefix + "user:id:" + accountId, out _);
                return byId ?? throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound, $"The Jira site has no user with accountId '{accountId}'.");
            }
            var found = await Cached("user:email:" + email.ToLowerInvariant(), () => FindByEmailAsync(email, ct)).ConfigureAwait(false);
            if (found != null) return found;
            _connection.Cache.Items.TryRemove(Prefix + "user:email:" + email.ToLowerInvariant(), out _);
            throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound,
                $"The Jira site has no active user with email '{email}' (or their email is hidden by their privacy settings; use -AccountId). Add them with New-AtlassianUser.");
        }

        /// <summary>
        /// The site user with this email, or null. With an org key the email is resolved through the org directory
        /// (<c>users/search</c> with <c>emails</c>; correction C8), because Jira hides emails per the user's privacy
        /// settings and its user search shows active users only; the site's <c>GET /user</c> then confirms the account.
        /// Without an org key, Jira's user search is read range by range.
        /// </summary>
        public async Task<JiraUser> FindByEmailAsync(string email, CancellationToken ct)
        {
            if (!_connection.Cache.AccountIdByEmail.TryGetValue(email, out var knownId) && _connection.HasOrganization)
            {
                var query = new AtlassianAdmin.Client.Org.UserQuery { Emails = new List<string> { email }, Limit = 10 };
                var orgUser = await Task.Run(() => _connection.Org.SearchUsers(_connection.OrgId, "-", query, ct)
                    .FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)), ct).ConfigureAwait(false);
                if (orgUser == null) return null;
                knownId = orgUser.AccountId;
            }
            if (knownId != null)
            {
                var known = await _jira.GetUserAsync(knownId, ct).ConfigureAwait(false);
                if (known != null)
                {
                    known.Email = known.Email ?? email;
                    _connection.Cache.AccountIdByEmail[email] = known.AccountId;
                    return known;
                }
                if (_connection.HasOrganization) return null;
            }
            var user = await _jira.FindUserByEmailAsync(email, ct).ConfigureAwait(false);
            if (user != null) _connection.Cache.AccountIdByEmail[email] = user.AccountId;
            return user;
        }

        /// <summary>Reads a user given as accountId or email (a string with '@'); validated first; (null, null) when none.</summary>
        public static (string accountId, string email) ParseUser(string accountId, string email, string text) =>
            UserInput.Parse(accountId, email, text, required: false);

        // ---- groups ----

        /// <summary>A site group by id or name, by the one rule of the group cmdlets (<see cref="Directories.GroupLookup"/>). Throws GroupNotFound or AmbiguousGroup.</summary>
        public async Task<JiraGroup> ResolveGroupAsync(string idOrName, CancellationToken ct) =>
            (await new Directories.SiteGroupDirectory(_connection).ResolveAsync(new GroupPipeBind(idOrName), null, ct).ConfigureAwait(false)).Site;

        // ---- projects and roles ----

        /// <summary>Role name → id of a project (cached). Throws ProjectNotFound.</summary>
        public async Task<IReadOnlyDictionary<string, long>> RolesOfAsync(string projectKey, CancellationToken ct)
        {
            Identifiers.RequireProjectKey(projectKey);
            var key = "roles:" + projectKey.ToUpperInvariant();
            var roles = await Cached(key, () => _jira.GetProjectRoleIdsAsync(projectKey, ct)).ConfigureAwait(false);
            if (roles != null) return roles;
            _connection.Cache.Items.TryRemove(Prefix + key, out _);
            throw new ItemFailedException("ProjectNotFound", ErrorCategory.ObjectNotFound,
                $"The Jira site has no project '{projectKey}' (or you cannot browse it). Get-AtlassianProject lists the projects.");
        }

        /// <summary>The role's exact name and id. Throws RoleNotFound listing the project's roles.</summary>
        public async Task<(string name, long id)> ResolveRoleAsync(string projectKey, string role, CancellationToken ct)
        {
            var roles = await RolesOfAsync(projectKey, ct).ConfigureAwait(false);
            var match = roles.FirstOrDefault(kv => string.Equals(kv.Key, role, StringComparison.OrdinalIgnoreCase));
            if (match.Key == null && long.TryParse(role, out var id)) match = roles.FirstOrDefault(kv => kv.Value == id);
            if (match.Key != null) return (match.Key, match.Value);
            throw new ItemFailedException("RoleNotFound", ErrorCategory.ObjectNotFound,
                $"Project {projectKey} has no role '{role}'. Valid roles: {string.Join(", ", roles.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase))}.");
        }

        /// <summary>Remembers project keys for the -Project completer.</summary>
        public void RememberProjects(IEnumerable<JiraProject> projects)
        {
            var keys = _connection.Cache.Items.TryGetValue(ProjectKeysItem, out var o) && o is IReadOnlyList<string> l ? new HashSet<string>(l, StringComparer.OrdinalIgnoreCase) : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in projects) keys.Add(p.Key);
            _connection.Cache.Items[ProjectKeysItem] = keys.OrderBy(k => k).ToList();
        }

        /// <summary>Cached role names of a project, or null when not (yet) known. Never blocks.</summary>
        public static IReadOnlyList<string> CachedRoleNames(AtlassianConnection connection, string projectKey)
        {
            if (connection.Cache.Items.TryGetValue(Prefix + "roles:" + projectKey.ToUpperInvariant(), out var o) && o is Task<IReadOnlyDictionary<string, long>> t
                && t.Status == TaskStatus.RanToCompletion && t.Result != null)
                return t.Result.Keys.ToList();
            return null;
        }

    }
}
