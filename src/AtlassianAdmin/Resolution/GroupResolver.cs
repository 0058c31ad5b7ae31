using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Turns a group object, id or name into a group, once per connection: found groups are cached (by id and by name),
    /// and concurrent lookups of the same text share one request. A name that matches several groups (one per
    /// directory) is an error that lists them. The cache also feeds the group-name argument completer.
    /// </summary>
    internal sealed class GroupResolver
    {
        private const string CacheKey = "groupResolver";
        private static readonly Regex IdPattern = new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.Compiled);

        private readonly AtlassianConnection _connection;
        private readonly ConcurrentDictionary<string, AtlassianGroup> _byId = new ConcurrentDictionary<string, AtlassianGroup>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task<IReadOnlyList<AtlassianGroup>>> _inFlight = new ConcurrentDictionary<string, Task<IReadOnlyList<AtlassianGroup>>>(StringComparer.OrdinalIgnoreCase);

        private GroupResolver(AtlassianConnection connection) => _connection = connection;

        /// <summary>The connection's resolver.</summary>
        public static GroupResolver For(AtlassianConnection connection) =>
            (GroupResolver)connection.Cache.Items.GetOrAdd(CacheKey, _ => new GroupResolver(connection));

        /// <summary>Group names known on this connection (for argument completion; never does I/O).</summary>
        public static IReadOnlyList<string> KnownNames(AtlassianConnection connection) =>
            connection != null && connection.Cache.Items.TryGetValue(CacheKey, out var r)
                ? ((GroupResolver)r)._byId.Values.Select(g => g.Name).Where(n => n != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Remembers groups read by a listing (Get-AtlassianGroup), for later name resolution and completion.</summary>
        public void Remember(AtlassianGroup group)
        {
            if (group?.Id != null) _byId[group.Id] = group;
        }

        /// <summary>Remembers a group just created (name lookups made before are stale).</summary>
        public void Created(AtlassianGroup group)
        {
            Remember(group);
            _inFlight.Clear();
        }

        /// <summary>Forgets a deleted group.</summary>
        public void Forget(AtlassianGroup group)
        {
            if (group?.Id == null) return;
            _byId.TryRemove(group.Id, out _);
            _inFlight.Clear();
        }

        /// <summary>
        /// Resolves <paramref name="input"/> in <paramref name="directoryId"/> (null or "-" = every directory).
        /// Throws <see cref="ItemFailedException"/>: GroupMissing, GroupNotFound or AmbiguousGroup.
        /// </summary>
        public async Task<AtlassianGroup> ResolveAsync(GroupPipeBind input, string directoryId, CancellationToken ct)
        {
            if (input?.Group != null && !string.IsNullOrEmpty(input.Group.DirectoryId)) return input.Group;
            var text = input?.Text;
            if (string.IsNullOrEmpty(text))
                throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                    "No group was given. Use -Group with a group object, name or id (or a CSV column group, group_name, GroupName or groupId).");
            var dir = string.IsNullOrEmpty(directoryId) ? "-" : directoryId;

            // A known id needs no request.
            if (_byId.TryGetValue(text, out var known) && (dir == "-" || known.DirectoryId == dir)) return known;

            IReadOnlyList<AtlassianGroup> matches = Array.Empty<AtlassianGroup>();
            if (IdPattern.IsMatch(text))
                matches = await Lookup("id:" + dir + ":" + text, () => Search(dir, new GroupQuery { GroupIds = new List<string> { text } }, ct)).ConfigureAwait(false);
            if (matches.Count == 0)
            {
                // Names seen before are trusted only when they can't be ambiguous (one directory, or a directory given).
                var singleDirectory = dir != "-" || _connection.Cache.Directories?.Count == 1;
                var cached = singleDirectory
                    ? _byId.Values.Where(g => string.Equals(g.Name, text, StringComparison.OrdinalIgnoreCase) && (dir == "-" || g.DirectoryId == dir)).ToList()
                    : new List<AtlassianGroup>();
                matches = cached.Count > 0 ? cached
                    : await Lookup("name:" + dir + ":" + text, () => Search(dir, new GroupQuery { GroupNames = new List<string> { text } }, ct)).ConfigureAwait(false);
                // groupNames is an exact filter; keep only exact (case-insensitive) matches in case a server treats it loosely.
                matches = matches.Where(g => string.Equals(g.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            if (matches.Count == 1) return matches[0];
            if (matches.Count == 0)
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound,
                    $"No group named or with id '{UserInput.Show(text)}'{(dir == "-" ? "" : " in directory " + dir)}. List groups with Get-AtlassianGroup, or create it with New-AtlassianGroup.");
            throw new ItemFailedException("AmbiguousGroup", ErrorCategory.InvalidArgument,
                $"'{UserInput.Show(text)}' matches {matches.Count} groups: {string.Join("; ", matches.Select(g => $"{g.Name} (id {g.Id}, directory {g.DirectoryId})"))}. Give the group id, or -DirectoryId.");
        }

        private async Task<IReadOnlyList<AtlassianGroup>> Lookup(string key, Func<Task<IReadOnlyList<AtlassianGroup>>> fetch)
        {
            var task = _inFlight.GetOrAdd(key, _ => fetch());
            try
            {
                var result = await task.ConfigureAwait(false);
                // Only successes are worth keeping beyond the request; a missing group may be created later.
                if (result.Count == 0) _inFlight.TryRemove(key, out _);
                return result;
            }
            catch
            {
                _inFlight.TryRemove(key, out _);
                throw;
            }
        }

        private async Task<IReadOnlyList<AtlassianGroup>> Search(string dir, GroupQuery query, CancellationToken ct)
        {
            var list = await _connection.Org.SearchGroups(_connection.OrgId, dir, query, ct).ToListAsync(ct).ConfigureAwait(false);
            foreach (var g in list) Remember(g);
            return list;
        }
    }
}
