using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Member sets of groups for one invocation of a membership cmdlet: each group's members are listed once (streamed
    /// user search filtered by groupIds), then kept up to date by the writes of this invocation, so checking thousands
    /// of rows against one group costs one listing instead of a read per row. Writes of the same (group, user) pair
    /// are coalesced: the second waits for the first and reports Unchanged.
    /// </summary>
    internal sealed class GroupMemberSets
    {
        /// <summary>(groupId, directoryId) → the member accountIds, streamed.</summary>
        private readonly Func<string, string, CancellationToken, Task<List<string>>> _list;
        private readonly ConcurrentDictionary<string, Lazy<Task<MemberSet>>> _sets = new ConcurrentDictionary<string, Lazy<Task<MemberSet>>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task> _writes = new ConcurrentDictionary<string, Task>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Org directory groups: members from the directory's user search filtered by the group id.</summary>
        public GroupMemberSets(OrgClient org, string orgId)
            : this(async (groupId, directoryId, ct) => (await org.SearchUsers(orgId, directoryId, new UserQuery { GroupIds = new List<string> { groupId } }, ct).ToListAsync(ct).ConfigureAwait(false)).ConvertAll(u => u.AccountId))
        {
        }

        private GroupMemberSets(Func<string, string, CancellationToken, Task<List<string>>> list) => _list = list;

        /// <summary>Jira site groups: members from <c>GET /group/member</c>, inactive users included (they are members too).</summary>
        /// <param name="jira">The site.</param>
        /// <param name="seen">Called with each member read (e.g. to find inactive members by email, which the user search does not return).</param>
        public static GroupMemberSets ForSite(JiraClient jira, Action<JiraUser> seen = null) =>
            new GroupMemberSets((groupId, _, ct) => jira.ListGroupMembers(groupId, includeInactive: true, ct).Select(u => { seen?.Invoke(u); return u.AccountId; }).ToListAsync(ct));

        public Task<MemberSet> ForAsync(AtlassianGroup group, CancellationToken ct) => ForAsync(group.Id, group.DirectoryId, ct);

        /// <summary>The member set of a group by id (<paramref name="directoryId"/> only matters for org groups).</summary>
        public Task<MemberSet> ForAsync(string groupId, string directoryId, CancellationToken ct)
            => _sets.GetOrAdd(groupId, _ => new Lazy<Task<MemberSet>>(async () =>
            {
                var set = new MemberSet();
                foreach (var accountId in await _list(groupId, directoryId, ct).ConfigureAwait(false)) set.Add(accountId);
                return set;
            })).Value;

        /// <summary>
        /// Runs <paramref name="write"/> unless the same (group, user) change already ran in this invocation; returns
        /// false (Unchanged) for the repeat. The member set is updated after a successful write.
        /// </summary>
        public Task<bool> ApplyOnceAsync(AtlassianGroup group, string accountId, bool add, Func<Task> write) =>
            ApplyOnceAsync(group.Id, group.DirectoryId, accountId, add, async () => { await write().ConfigureAwait(false); return true; });

        /// <summary>
        /// As above, for a group by id; <paramref name="write"/> returns false when the server says there was nothing to do
        /// (e.g. Jira's "already a member"): the member set is updated all the same and the result is false (Unchanged).
        /// </summary>
        public async Task<bool> ApplyOnceAsync(string groupId, string directoryId, string accountId, bool add, Func<Task<bool>> write)
        {
            var key = (add ? "+" : "-") + groupId + ":" + accountId;
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
                var set = await ForAsync(groupId, directoryId, CancellationToken.None).ConfigureAwait(false);
                if (add) set.Add(accountId); else set.Remove(accountId);
                // The opposite change of the same pair may run again later in this invocation.
                _writes.TryRemove((add ? "-" : "+") + groupId + ":" + accountId, out _);
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
