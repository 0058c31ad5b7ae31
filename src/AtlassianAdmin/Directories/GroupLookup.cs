#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// The one rule that turns a group's text into a group, for org and site directories alike: an id wins (a UUID is
    /// looked up as an id first); else the exact name, case-insensitively; more than one match is AmbiguousGroup listing
    /// the candidates. One instance per connection and directory kind (<c>ConnectionCache.OrgGroups</c>/<c>SiteGroups</c>):
    /// groups found are kept by id, and concurrent lookups of the same text share one request.
    /// </summary>
    internal sealed class GroupLookup
    {
        private readonly ConcurrentDictionary<string, DirectoryGroup> _byId = new ConcurrentDictionary<string, DirectoryGroup>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task<IReadOnlyList<DirectoryGroup>>> _inFlight = new ConcurrentDictionary<string, Task<IReadOnlyList<DirectoryGroup>>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Names of the groups known here (for argument completion; never does I/O).</summary>
        public IReadOnlyList<string> KnownNames => _byId.Values.Select(g => g.Name).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Remembers a group read by a listing, for later resolution and completion.</summary>
        public DirectoryGroup Remember(DirectoryGroup group)
        {
            if (group.Id.Length > 0) _byId[group.Id] = group;
            return group;
        }

        /// <summary>Remembers a group just created (name lookups made before are stale).</summary>
        public void Created(DirectoryGroup? group)
        {
            if (group != null) Remember(group);
            _inFlight.Clear();
        }

        /// <summary>Forgets a deleted (or vanished) group.</summary>
        public void Forget(DirectoryGroup group)
        {
            if (group.Id.Length > 0) _byId.TryRemove(group.Id, out _);
            _inFlight.Clear();
        }

        /// <summary>
        /// Resolves <paramref name="text"/> in <paramref name="directory"/>, within <paramref name="scope"/> (an org
        /// directory id; null or "-" = all). Throws <see cref="ItemFailedException"/>: GroupMissing, GroupNotFound or AmbiguousGroup.
        /// </summary>
        public async Task<DirectoryGroup> ResolveAsync(IGroupDirectory directory, string? text, string? scope, CancellationToken ct)
        {
            if (text == null || text.Length == 0)
                throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                    "No group was given. Use -Group with a group object, name or id (or a CSV column group, group_name, GroupName or groupId).");
            Identifiers.RequireGroupName(text);
            var dir = scope == null || scope.Length == 0 ? "-" : scope;
            bool InScope(DirectoryGroup g) => dir == "-" || string.Equals(g.DirectoryId, dir, StringComparison.OrdinalIgnoreCase);

            // 1. An id wins: a known one needs no request.
            if (_byId.TryGetValue(text, out var known) && InScope(known)) return known;
            IReadOnlyList<DirectoryGroup> matches = Array.Empty<DirectoryGroup>();
            if (Guid.TryParseExact(text, "D", out _))
                matches = await Lookup("id:" + dir + ":" + text, () => Search(directory, dir, text, byId: true, ct)).ConfigureAwait(false);

            // 2. Else the exact name. Names seen before are trusted only where names are unique (the directory says when).
            if (matches.Count == 0)
            {
                var cached = directory.NamesAreUnique(dir)
                    ? _byId.Values.Where(g => string.Equals(g.Name, text, StringComparison.OrdinalIgnoreCase) && InScope(g)).ToList()
                    : new List<DirectoryGroup>();
                matches = cached.Count > 0 ? cached
                    : await Lookup("name:" + dir + ":" + text, () => Search(directory, dir, text, byId: false, ct)).ConfigureAwait(false);
                // The server's name filter is exact; keep only exact (case-insensitive) matches in case one treats it loosely.
                matches = matches.Where(g => string.Equals(g.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            // 3. One match, none, or several.
            if (matches.Count == 1) return matches[0];
            if (matches.Count == 0)
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound, directory.NotFoundMessage(UserInput.Show(text), dir));
            throw new ItemFailedException("AmbiguousGroup", ErrorCategory.InvalidArgument,
                $"'{UserInput.Show(text)}' matches {matches.Count} {directory.Kind}groups: {string.Join("; ", matches.Select(directory.Candidate))}. Give the group id{directory.AmbiguityHint}.");
        }

        private async Task<IReadOnlyList<DirectoryGroup>> Lookup(string key, Func<Task<IReadOnlyList<DirectoryGroup>>> fetch)
        {
            var task = _inFlight.GetOrAdd(key, _ => fetch());
            try
            {
                var result = await task.ConfigureAwait(false);
                if (result.Count == 0) _inFlight.TryRemove(key, out _); // a missing group may be created later
                return result;
            }
            catch
            {
                _inFlight.TryRemove(key, out _);
                throw;
            }
        }

        private async Task<IReadOnlyList<DirectoryGroup>> Search(IGroupDirectory directory, string dir, string text, bool byId, CancellationToken ct)
        {
            var list = await directory.SearchAllAsync(dir, byId ? new[] { text } : null, byId ? null : new[] { text }, ct).ConfigureAwait(false);
            foreach (var g in list) Remember(g);
            return list;
        }
    }
}
