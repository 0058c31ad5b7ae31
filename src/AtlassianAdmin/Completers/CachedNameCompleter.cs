using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Connection;

namespace AtlassianAdmin.Completers
{
    /// <summary>One completion candidate: the value to insert and what the menu shows beside it.</summary>
    public sealed class CompletionValue
    {
        public CompletionValue(string value, string toolTip = null)
        {
            Value = value;
            ToolTip = string.IsNullOrEmpty(toolTip) ? value : toolTip;
        }

        public string Value { get; }
        public string ToolTip { get; }
        public override string ToString() => Value;
    }

    /// <summary>
    /// Base for completers of values that live in Atlassian (directory ids, group names, workspace ids, project keys...).
    /// It never blocks the prompt: it answers at once from a per-connection cache and refreshes that cache in the
    /// background when it is empty or older than <see cref="MaxAge"/>. When the cache is empty it waits at most
    /// <see cref="CompletionCache.FirstFetchBudget"/> (1 s) for the first fetch, so the first Tab offers values on any
    /// normal API (one list call), and a stalled one costs a second, not a frozen console; the next Tab has the values.
    /// </summary>
    /// <remarks>
    /// To add a completer (e.g. group names), derive with a parameterless constructor and apply it to the parameter:
    /// <code>
    /// public sealed class GroupNameCompleter : CachedNameCompleter
    /// {
    ///     public GroupNameCompleter() : base("groupNames", (connection, ct) =>
    ///         connection.Org.ListGroups(connection.OrgId, ct).Select(g => new CompletionValue(g.Name, g.Description))) { }
    /// }
    /// [Parameter, ArgumentCompleter(typeof(GroupNameCompleter))] public string[] GroupName { get; set; }
    /// </code>
    /// The fetch runs on a thread-pool thread with a cancellation token (30 s), must not write to the pipeline, and may
    /// throw (a failure is remembered for a few seconds so a broken API is not hammered on every Tab). The key names the
    /// cache entry on the connection: use one key per kind of value, and call
    /// <see cref="CompletionCache.Invalidate(AtlassianConnection, string)"/> with it after a cmdlet creates or removes one
    /// (e.g. New-AtlassianGroup) so the next Tab refreshes. Values are filtered by prefix/wildcard and quoted as needed.
    /// The connection is the one named by the command's -Connection argument, or the default connection.
    /// Static lists need no cache: see <see cref="RoleIdCompleter"/>.
    /// </remarks>
    public abstract class CachedNameCompleter : IArgumentCompleter
    {
        private readonly string _key;
        private readonly Func<AtlassianConnection, CancellationToken, IEnumerable<CompletionValue>> _fetch;

        protected CachedNameCompleter(string key, Func<AtlassianConnection, CancellationToken, IEnumerable<CompletionValue>> fetch)
        {
            _key = key ?? throw new ArgumentNullException(nameof(key));
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        }

        /// <summary>How long cached values are fresh; older ones are still offered while a refresh runs.</summary>
        protected virtual TimeSpan MaxAge => CompletionCache.DefaultMaxAge;

        /// <summary>Values known locally without I/O (e.g. just created or resolved), offered beside the cached ones.</summary>
        protected virtual IEnumerable<string> KnownLocally(AtlassianConnection connection) => Enumerable.Empty<string>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = CompletionHelper.ConnectionFor(fakeBoundParameters);
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            var values = connection.Cache.Completions.GetOrRefresh(_key, MaxAge, ct => _fetch(connection, ct));
            var local = KnownLocally(connection).Where(v => !string.IsNullOrEmpty(v) && !values.Any(c => string.Equals(c.Value, v, StringComparison.OrdinalIgnoreCase)))
                .Select(v => new CompletionValue(v));
            return CompletionHelper.Complete(values.Concat(local).ToList(), wordToComplete).ToList();
        }
    }

    /// <summary>
    /// The completion values of one connection, by key. Reads are lock-free and instant; refreshes are single-flight
    /// (one fetch per key at a time) and run in the background.
    /// </summary>
    public sealed class CompletionCache
    {
        internal static TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(5);
        /// <summary>How long a completer waits for the first fetch of an empty entry before answering with nothing.</summary>
        internal static TimeSpan FirstFetchBudget = TimeSpan.FromSeconds(1);
        internal static TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
        internal static TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Forget the cached values of <paramref name="key"/> (all keys when null), so the next Tab refetches.</summary>
        public static void Invalidate(AtlassianConnection connection, string key = null)
        {
            if (connection == null) return;
            if (key == null) connection.Cache.Completions._entries.Clear();
            else connection.Cache.Completions._entries.TryRemove(key, out _);
        }

        /// <summary>The cached values now (possibly stale or empty), starting a background refresh when needed.</summary>
        internal IReadOnlyList<CompletionValue> GetOrRefresh(string key, TimeSpan maxAge, Func<CancellationToken, IEnumerable<CompletionValue>> fetch)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry());
            Task refresh = null;
            lock (entry)
            {
                var now = DateTimeOffset.UtcNow;
                var fresh = entry.Values != null && now - entry.FetchedAt < maxAge;
                var backingOff = entry.FailedAt.HasValue && now - entry.FailedAt.Value < RetryAfterFailure;
                if (!fresh && !backingOff && (entry.Refresh == null || entry.Refresh.IsCompleted))
                    entry.Refresh = Task.Run(() => Fetch(entry, fetch));
                refresh = entry.Refresh;
            }
            if (entry.Values == null && refresh != null && !refresh.IsCompleted)
            {
                try { refresh.Wait(FirstFetchBudget); } catch (AggregateException) { /* Fetch records failures itself */ }
            }
            return entry.Values ?? Array.Empty<CompletionValue>();
        }

        private static void Fetch(Entry entry, Func<CancellationToken, IEnumerable<CompletionValue>> fetch)
        {
            using (var cts = new CancellationTokenSource(FetchTimeout))
            {
                try
                {
                    var values = fetch(cts.Token)?.Where(v => v != null && !string.IsNullOrEmpty(v.Value)).ToList() ?? new List<CompletionValue>();
                    lock (entry)
                    {
                        entry.Values = values;
                        entry.FetchedAt = DateTimeOffset.UtcNow;
                        entry.FailedAt = null;
                    }
                }
                catch (Exception)
                {
                    // Completion is best effort: a failed fetch leaves the old values, and is retried after a pause.
                    lock (entry) entry.FailedAt = DateTimeOffset.UtcNow;
                }
            }
        }

        private sealed class Entry
        {
            public volatile IReadOnlyList<CompletionValue> Values;
            public DateTimeOffset FetchedAt;
            public DateTimeOffset? FailedAt;
            public Task Refresh;
        }
    }

    /// <summary>
    /// Completes workspaces for -Workspace: each site name once (tooltip: its products and URL), and each ARI (unique,
    /// for when a name is shared by several products).
    /// </summary>
    public sealed class WorkspaceCompleter : CachedNameCompleter
    {
        public WorkspaceCompleter() : base("workspaceNames", (connection, ct) =>
        {
            if (connection.Org == null) return Enumerable.Empty<CompletionValue>();
            var all = connection.Org.ListWorkspaces(connection.OrgId, ct).ToList();
            var names = all.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionValue(g.Key, string.Join(", ", g.Select(w => w.Product)) + " — " + g.First().HostUrl));
            return names.Concat(all.Select(w => new CompletionValue(w.Id, w.Name + " (" + w.Product + ")"))).ToList();
        })
        {
        }
    }

    /// <summary>Completes directory ids of the organization (tooltip: the directory name).</summary>
    public sealed class DirectoryIdCompleter : CachedNameCompleter
    {
        public DirectoryIdCompleter() : base("directoryIds", (connection, ct) =>
            connection.Org == null
                ? Enumerable.Empty<CompletionValue>()
                : connection.Org.ListDirectories(connection.OrgId, ct).Select(d => new CompletionValue(d.DirectoryId, d.Name + " (" + d.DirectoryId + ")")))
        {
        }
    }

    /// <summary>Completes the role ids of Atlassian user access management (a fixed list: no I/O).</summary>
    public sealed class RoleIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            // "user" finds "atlassian/user" too: match the whole id or the part after "atlassian/".
            var values = AtlassianAdmin.Client.Roles.RoleCatalog.All.Where(r => r.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                                               r.Substring("atlassian/".Length).StartsWith(word, StringComparison.OrdinalIgnoreCase));
            return values.Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, r)).ToList();
        }
    }
}
