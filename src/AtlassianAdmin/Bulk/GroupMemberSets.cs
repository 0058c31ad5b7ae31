using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// Member sets of groups for one invocation of a membership cmdlet: each group's members are listed once (streamed
    /// user search filtered by groupIds), then kept up to date by the writes of this invocation, so checking thousands
    /// of rows against one group costs one listing instead of a read per row. Writes of the same (group, user) pair
    /// are coalesced: the second waits for the first and reports Unchanged.
    /// </summary>
    internal sealed class GroupMemberSets
    {
        private readonly OrgClient _org;
        private readonly string _orgId;
        private readonly ConcurrentDictionary<string, Lazy<Task<MemberSet>>> _sets = new ConcurrentDictionary<string, Lazy<Task<MemberSet>>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task> _writes = new ConcurrentDictionary<string, Task>(StringComparer.OrdinalIgnoreCase);

        public GroupMemberSets(OrgClient org, string orgId)
        {
            _org = org;
            _orgId = orgId;
        }

        public Task<MemberSet> ForAsync(AtlassianGroup group, CancellationToken ct) =>
            _sets.GetOrAdd(group.Id, _ => new Lazy<Task<MemberSet>>(() => Task.Run(() =>
            {
                var set = new MemberSet();
                var query = new UserQuery { GroupIds = new List<string> { group.Id } };
                foreach (var u in _org.SearchUsers(_orgId, group.DirectoryId, query, ct)) set.Add(u.AccountId);
                return set;
            }, ct))).Value;

        /// <summary>
        /// Runs <paramref name="write"/> unless the same (group, user) change already ran in this invocation; returns
        /// false (Unchanged) for the repeat. The member set is updated after a successful write.
        /// </summary>
        public async Task<bool> ApplyOnceAsync(AtlassianGroup group, string accountId, bool add, Func<Task> write)
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
                await write().ConfigureAwait(false);
                var set = await ForAsync(group, CancellationToken.None).ConfigureAwait(false);
                if (add) set.Add(accountId); else set.Remove(accountId);
                // The opposite change of the same pair may run again later in this invocation.
                _writes.TryRemove((add ? "-" : "+") + group.Id + ":" + accountId, out _);
                mine.SetResult(true);
                return true;
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
