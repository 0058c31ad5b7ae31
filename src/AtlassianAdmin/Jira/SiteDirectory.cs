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
    /// project keys and each project's role name → id map. Successful lookups are cached on the connection
    /// (<see cref="JiraSiteCache"/>; they rarely change); failures are not, so a retry after fixing the cause works.
    /// A batched directory (the rows of one Grant-/Revoke-/Sync- invocation) also coalesces its users' lookups: account ids
    /// through <c>GET /user/bulk</c> (50 per request), emails through the org directory (100 per search).
    /// </summary>
    internal sealed class SiteDirectory
    {
        /// <summary>How long a batched id lookup waits for others to share its request.</summary>
        private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);
        private readonly AtlassianConnection _connection;
        private readonly JiraClient _jira;
        private readonly JiraSiteCache _cache;
        /// <summary>Emails through the org directory (C8), when the connection has an org key.</summary>
        private readonly UserResolver _orgUsers;
        /// <summary>Batched: account ids coalesced into <c>GET /user/bulk</c>; null: one <c>GET /user</c> each.</summary>
        private readonly Coalescer<string, JiraUser> _usersById;

        public SiteDirectory(AtlassianConnection connection, bool batched = false)
        {
            _connection = connection;
            _jira = connection.Jira;
            _cache = connection.Cache.Jira;
            if (connection.HasOrganization) _orgUsers = new UserResolver(connection.Org, connection.OrgId, connection.Cache);
            if (batched) _usersById = new Coalescer<string, JiraUser>(JiraClient.BulkUserIds, Linger, LoadUsersAsync, StringComparer.Ordinal);
        }

        public JiraClient Jira => _jira;

        // ---- users ----

        /// <summary>The user by accountId (GET /user) or by email (<see cref="FindByEmailAsync"/>). Throws UserNotFound.</summary>
        public async Task<JiraUser> ResolveUserAsync(string accountId, string email, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(accountId))
                return await _cache.UsersById.GetAsync(accountId, () => UserByIdAsync(accountId, ct)).ConfigureAwait(false)
                    ?? throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound, $"The Jira site has no user with accountId '{accountId}'.");
            return await _cache.UsersByEmail.GetAsync(email, () => FindByEmailAsync(email, ct)).ConfigureAwait(false)
                ?? throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound,
                    $"The Jira site has no active user with email '{email}' (or their email is hidden by their privacy settings; use -AccountId). Add them with New-AtlassianUser.");
        }

        /// <summary>
        /// The site user with this email, or null: the one email lookup. With an org key the email is resolved through the
        /// org directory (<c>users/search</c> with <c>emails</c>; correction C8), because Jira hides emails per the user's
        /// privacy settings and its user search shows active users only; the site then confirms the account by id. Without
        /// an org key, Jira's user search is read range by range. Email → accountId is remembered on the connection.
        /// </summary>
        public async Task<JiraUser> FindByEmailAsync(string email, CancellationToken ct)
        {
            if (!_connection.Cache.AccountIdByEmail.TryGetValue(email, out var knownId) && _orgUsers != null)
            {
                knownId = await OrgAccountIdAsync(email, ct).ConfigureAwait(false);
                if (knownId == null) return null;
            }
            if (knownId != null)
            {
                var known = await UserByIdAsync(knownId, ct).ConfigureAwait(false);
                if (known != null)
                {
                    known.Email = known.Email ?? email;
                    _connection.Cache.AccountIdByEmail[email] = known.AccountId;
                    return known;
                }
                if (_orgUsers != null) return null;
            }
            var user = await _jira.FindUserByEmailAsync(email, ct).ConfigureAwait(false);
            if (user != null) _connection.Cache.AccountIdByEmail[email] = user.AccountId;
            return user;
        }

        private async Task<string> OrgAccountIdAsync(string email, CancellationToken ct)
        {
            try { return (await _orgUsers.ResolveAsync(new UserRef { Email = email }, ct).ConfigureAwait(false)).AccountId; }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound") { return null; }
        }

        /// <summary>The site's user by id, or null; batched through <c>GET /user/bulk</c> (an id it leaves out is asked alone,
        /// so the answer is the same as unbatched).</summary>
        private async Task<JiraUser> UserByIdAsync(string accountId, CancellationToken ct)
        {
            var found = _usersById == null ? null : await _usersById.GetAsync(accountId, ct).ConfigureAwait(false);
            return found ?? await _jira.GetUserAsync(accountId, ct).ConfigureAwait(false);
        }

        private async Task<IReadOnlyDictionary<string, JiraUser>> LoadUsersAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            var users = await _jira.GetUsersAsync(ids, ct).ConfigureAwait(false);
            return users.Where(u => u?.AccountId != null).GroupBy(u => u.AccountId).ToDictionary(g => g.Key, g => g.First());
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
            return await _cache.ProjectRoles.GetAsync(projectKey, () => _jira.GetProjectRoleIdsAsync(projectKey, ct)).ConfigureAwait(false)
                ?? throw new ItemFailedException("ProjectNotFound", ErrorCategory.ObjectNotFound,
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
        public void RememberProjects(IEnumerable<JiraProject> projects) => _cache.AddProjectKeys(projects.Select(p => p.Key));

        /// <summary>Cached role names of a project, or null when not (yet) known. Never blocks.</summary>
        public static IReadOnlyList<string> CachedRoleNames(AtlassianConnection connection, string projectKey) =>
            connection.Cache.Jira.ProjectRoles.Loaded(projectKey)?.Keys.ToList();
    }

    /// <summary>
    /// Coalesces single-key lookups that arrive together into one load of up to <c>max</c> keys (after a short linger or
    /// when full); each key is loaded once per instance. A key the load leaves out resolves to null.
    /// </summary>
    internal sealed class Coalescer<TKey, TValue> where TValue : class
    {
        private readonly int _max;
        private readonly TimeSpan _linger;
        private readonly Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _load;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<TKey, Task<TValue>> _known;
        private readonly IEqualityComparer<TKey> _comparer;
        private readonly object _gate = new object();
        private Dictionary<TKey, TaskCompletionSource<TValue>> _open;

        public Coalescer(int max, TimeSpan linger, Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load, IEqualityComparer<TKey> comparer)
        {
            _max = max;
            _linger = linger;
            _load = load;
            _comparer = comparer;
            _known = new System.Collections.Concurrent.ConcurrentDictionary<TKey, Task<TValue>>(comparer);
        }

        public Task<TValue> GetAsync(TKey key, CancellationToken ct)
        {
            lock (_gate)
            {
                if (_known.TryGetValue(key, out var known) && !known.IsFaulted && !known.IsCanceled) return known;
                if (_open == null)
                {
                    var batch = _open = new Dictionary<TKey, TaskCompletionSource<TValue>>(_comparer);
                    Task.Delay(_linger, ct).ContinueWith(_ => Flush(batch, ct), TaskScheduler.Default);
                }
                var tcs = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _open[key] = tcs;
                _known[key] = tcs.Task;
                if (_open.Count >= _max) Flush(_open, ct);
                return tcs.Task;
            }
        }

        private void Flush(Dictionary<TKey, TaskCompletionSource<TValue>> batch, CancellationToken ct)
        {
            lock (_gate)
            {
                if (!ReferenceEquals(_open, batch)) return; // already sent
                _open = null;
            }
            Task.Run(async () =>
            {
                try
                {
                    var found = await _load(batch.Keys.ToList(), ct).ConfigureAwait(false);
                    foreach (var kv in batch) kv.Value.TrySetResult(found.TryGetValue(kv.Key, out var v) ? v : null);
                }
                catch (Exception e)
                {
                    foreach (var kv in batch)
                    {
                        if (e is OperationCanceledException) kv.Value.TrySetCanceled();
                        else kv.Value.TrySetException(e);
                    }
                }
            });
        }
    }
}
