using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Member sets of groups for one invocation of a membership cmdlet: each group's members are listed once (from its
    /// <see cref="IGroupDirectory"/>), then kept up to date by the writes of this invocation, so checking thousands of
    /// rows against one group costs one listing instead of a read per row. Writes of the same (group, user) pair are
    /// coalesced: the second waits for the first and reports Unchanged.
    /// </summary>
    internal sealed class GroupMemberSets
    {
        private readonly IGroupDirectory _directory;
        private readonly Action<object> _seen;
        private readonly ConcurrentDictionary<string, Lazy<Task<MemberSet>>> _sets = new ConcurrentDictionary<string, Lazy<Task<MemberSet>>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task> _writes = new ConcurrentDictionary<string, Task>(StringComparer.OrdinalIgnoreCase);

        /// <param name="seen">Called with each member read (e.g. to find inactive site members by email, which the site's user search does not return).</param>
        public GroupMemberSets(IGroupDirectory directory, Action<object> seen = null)
        {
            _directory = directory;
            _seen = seen;
        }

        /// <summary>The member set of a group (every member, inactive ones too: they are members).</summary>
        public Task<MemberSet> ForAsync(DirectoryGroup group, CancellationToken ct)
            => _sets.GetOrAdd(group.Id, _ => new Lazy<Task<MemberSet>>(() => _directory.Mapped(ReadAsync(group, ct), group))).Value;

        // Paged without holding a pool thread (see CursorStream.ToListAsync): a bulk run plans many rows at once.
        private async Task<MemberSet> ReadAsync(DirectoryGroup group, CancellationToken ct)
        {
            var set = new MemberSet();
            foreach (var member in await _directory.AllMembersAsync(group, ct).ConfigureAwait(false))
            {
                _seen?.Invoke(member);
                set.Add(member is AtlassianUser u ? u.AccountId : ((JiraUser)member).AccountId);
            }
            return set;
        }

        /// <summary>
        /// Runs <paramref name="write"/> unless the same (group, user) change already ran in this invocation; returns
        /// false (Unchanged) for the repeat. <paramref name="write"/> returns false when the server says there was
        /// nothing to do (e.g. Jira's "already a member"): the member set is updated all the same.
        /// </summary>
        public async Task<bool> ApplyOnceAsync(DirectoryGroup group, string accountId, bool add, Func<Task<bool>> write)
        {
            var key = (add ? "+" : "-") + group.Id + ":" + accountId;
            var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var existing = _writes.GetOrAdd(key, mine.Task);
            if (!ReferenceEquals(existing, mine.Task))
            {
                await existing.ConfigureAwait(false); // a failure of the first write fails the repeat too
                return false;
            }
            try
            {
                var changed = await write().ConfigureAwait(false);
                var set = await ForAsync(group, CancellationToken.None).ConfigureAwait(false);
                if (add) set.Add(accountId); else set.Remove(accountId);
                // The opposite change of the same pair may run again later in this invocation.
                _writes.TryRemove((add ? "-" : "+") + group.Id + ":" + accountId, out _);
                mine.SetResult(true);
                return changed;
            }
            catch (Exception ex)
            {
                _writes.TryRemove(key, out _);
                mine.SetException(ex);
                _ = mine.Task.Exception; // observed
                throw;
            }
        }
    }

    internal sealed class MemberSet
    {
        private readonly ConcurrentDictionary<string, byte> _ids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        public bool Contains(string accountId) => _ids.ContainsKey(accountId);
        public void Add(string accountId) => _ids[accountId] = 0;
        public void Remove(string accountId) => _ids.TryRemove(accountId, out _);
        public int Count => _ids.Count;
    }
}
