using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Connection
{
    /// <summary>
    /// A named connection: the state every cmdlet reuses (HTTP pipelines, org id, site URL, caches).
    /// Its public properties are secret-free, so it is safe to print, log or export.
    /// </summary>
    public sealed class AtlassianConnection : IDisposable
    {
        internal AtlassianConnection(string name) => Name = name;

        public string Name { get; }
        public string OrgId { get; internal set; }
        public string OrgName { get; internal set; }
        public Uri ApiBaseUri { get; internal set; }
        public Uri SiteUrl { get; internal set; }
        /// <summary>Account (email) of the Jira site credential; the token itself is never exposed.</summary>
        public string SiteAccount { get; internal set; }
        /// <summary><c>ApiKey</c>, <c>Sandbox</c>, or with a site <c>ApiKey+SiteToken</c> / <c>SiteToken</c>.</summary>
        public string AuthenticationType { get; internal set; }
        public bool IsSandbox { get; internal set; }
        public DateTimeOffset ConnectedAt { get; internal set; } = DateTimeOffset.Now;
        public bool IsDefault => ReferenceEquals(AtlassianSession.Default, this);
        public bool HasOrganization => Org != null;
        public bool HasSite => SiteUrl != null;
        /// <summary>True when the connection carries a user provisioning (SCIM) API key (Connect-AtlassianOrg -ScimApiKey).</summary>
        public bool HasScim => Scim != null;
        /// <summary>Directory the SCIM key belongs to; null without SCIM. The key itself is never exposed.</summary>
        public string ScimDirectoryId => Scim?.DirectoryId;
        /// <summary>Key of the Jira project that holds access requests (Connect-AtlassianOrg -RequestProject; settable).</summary>
        public string RequestProject { get; set; }

        internal OrgClient Org { get; set; }
        internal JiraClient Jira { get; set; }
        internal AtlassianAdmin.Client.Scim.ScimClient Scim { get; set; }
        internal ConnectionCache Cache { get; } = new ConnectionCache();
        /// <summary>Disposed with the connection (HTTP pipelines, the in-process sandbox).</summary>
        internal List<IDisposable> Owned { get; } = new List<IDisposable>();

        public override string ToString() => Name;

        public void Dispose()
        {
            foreach (var d in Owned)
            {
                try { d.Dispose(); } catch { /* closing anyway */ }
            }
            Owned.Clear();
        }
    }

    /// <summary>Per-connection caches of lookups that rarely change (directories, email → accountId, names).</summary>
    internal sealed class ConnectionCache
    {
        public ConcurrentDictionary<string, string> AccountIdByEmail { get; } = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<AtlassianAdmin.Models.AtlassianDirectory> Directories { get; set; }
        /// <summary>The directory listing started in the background when the connection was made (null: none).</summary>
        public Task<IReadOnlyList<AtlassianDirectory>> DirectoriesLoading { get; set; }
        /// <summary>The org's workspaces (Resolution/WorkspaceResolver.cs); null until first read, replaced on -Refresh.</summary>
        public IReadOnlyList<AtlassianWorkspace> Workspaces { get; set; }
        /// <summary>Org directory groups found on this connection (<see cref="AtlassianAdmin.Directories.OrgGroupDirectory"/>).</summary>
        public AtlassianAdmin.Directories.GroupLookup OrgGroups { get; } = new AtlassianAdmin.Directories.GroupLookup();
        /// <summary>Jira site groups found on this connection (<see cref="AtlassianAdmin.Directories.SiteGroupDirectory"/>).</summary>
        public AtlassianAdmin.Directories.GroupLookup SiteGroups { get; } = new AtlassianAdmin.Directories.GroupLookup();
        /// <summary>Values for tab completion (see Completers/CachedNameCompleter.cs).</summary>
        public AtlassianAdmin.Completers.CompletionCache Completions { get; } = new AtlassianAdmin.Completers.CompletionCache();
        /// <summary>The Jira site's users, project roles and project keys.</summary>
        public JiraSiteCache Jira { get; } = new JiraSiteCache();
    }

    /// <summary>
    /// The Jira site's lookups on one connection: users and each project's roles (filled by
    /// <see cref="AtlassianAdmin.Jira.SiteDirectory"/>), and the project keys the -Project completer offers. They rarely
    /// change, so a found value stays; a failed or empty lookup is dropped, so a retry after fixing the cause works.
    /// </summary>
    internal sealed class JiraSiteCache
    {
        public LookupCache<JiraUser> UsersById { get; } = new LookupCache<JiraUser>(StringComparer.Ordinal);
        public LookupCache<JiraUser> UsersByEmail { get; } = new LookupCache<JiraUser>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Role name → id, by project key.</summary>
        public LookupCache<IReadOnlyDictionary<string, long>> ProjectRoles { get; } = new LookupCache<IReadOnlyDictionary<string, long>>(StringComparer.OrdinalIgnoreCase);

        private readonly object _keysGate = new object();
        private volatile IReadOnlyList<string> _projectKeys;
        private Task _projectKeysLoading;

        /// <summary>Project keys seen so far (sorted), or null before any project was read.</summary>
        public IReadOnlyList<string> ProjectKeys => _projectKeys;

        public void AddProjectKeys(IEnumerable<string> keys)
        {
            lock (_keysGate)
            {
                var all = new HashSet<string>(_projectKeys ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
                all.UnionWith(keys.Where(k => k != null));
                _projectKeys = all.OrderBy(k => k).ToList();
            }
        }

        /// <summary>Runs <paramref name="load"/> in the background unless a run is under way; returns the running one.
        /// Best effort (completion): a failure is swallowed and the next call tries again.</summary>
        public Task LoadProjectKeysOnce(Action load)
        {
            var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = System.Threading.Interlocked.CompareExchange(ref _projectKeysLoading, started.Task, null);
            if (running != null) return running;
            Task.Run(() =>
            {
                try { load(); }
                catch { /* completion is best effort; a later Tab tries again */ }
                finally
                {
                    System.Threading.Interlocked.Exchange(ref _projectKeysLoading, null);
                    started.TrySetResult(true);
                }
            });
            return started.Task;
        }
    }

    /// <summary>Lookups by key that share one request while it runs and keep its answer when it found something.</summary>
    internal sealed class LookupCache<T> where T : class
    {
        private readonly ConcurrentDictionary<string, Task<T>> _tasks;

        public LookupCache(IEqualityComparer<string> comparer) => _tasks = new ConcurrentDictionary<string, Task<T>>(comparer);

        /// <summary>The cached answer for <paramref name="key"/>, or <paramref name="load"/>'s; null (not found) and failures are not kept.</summary>
        public async Task<T> GetAsync(string key, Func<Task<T>> load)
        {
            var task = _tasks.GetOrAdd(key, _ => load());
            if (task.IsFaulted || task.IsCanceled)
            {
                Drop(key, task);
                task = _tasks.GetOrAdd(key, _ => load());
            }
            try
            {
                var value = await task.ConfigureAwait(false);
                if (value == null) Drop(key, task);
                return value;
            }
            catch
            {
                Drop(key, task);
                throw;
            }
        }

        /// <summary>The answer if it is already there; never waits.</summary>
        public T Loaded(string key) =>
            key != null && _tasks.TryGetValue(key, out var t) && t.Status == TaskStatus.RanToCompletion ? t.Result : null;

        public void Forget(string key)
        {
            if (key != null) _tasks.TryRemove(key, out _);
        }

        private void Drop(string key, Task<T> task) =>
            ((ICollection<KeyValuePair<string, Task<T>>>)_tasks).Remove(new KeyValuePair<string, Task<T>>(key, task));
    }
}
