using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Resolves users by accountId or email for concurrent pipeline items, coalescing lookups that arrive together into
    /// one search of up to 100 ids/emails (so 10,000 rows cost ~100 reads, not 10,000). Results are cached for the
    /// invocation; email → accountId is also cached on the connection.
    /// </summary>
    public sealed class UserResolver
    {
        private const int BatchSize = 100;
        private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(3);
        private readonly OrgClient _org;
        private readonly string _orgId;
        private readonly ConnectionCache _cache;
        private readonly object _gate = new object();
        private readonly Dictionary<string, Batch> _open = new Dictionary<string, Batch>();
        /// <summary>Searches under way per batch key; a partial batch waits for them (see <see cref="Flush"/>).</summary>
        private readonly Dictionary<string, int> _running = new Dictionary<string, int>();
        private readonly ConcurrentDictionary<string, Task<AtlassianUser>> _known = new ConcurrentDictionary<string, Task<AtlassianUser>>(StringComparer.OrdinalIgnoreCase);

        private readonly List<string> _expand;

        /// <param name="expand">Search expansions to ask for (e.g. <c>groups</c>), so resolved users carry them.</param>
        internal UserResolver(OrgClient org, string orgId, ConnectionCache cache, IEnumerable<string> expand = null)
        {
            _org = org;
            _orgId = orgId;
            _cache = cache;
            _expand = expand?.ToList();
        }

        /// <summary>The user, or an <see cref="ItemFailedException"/> (UserNotFound) when the directory has no such user.</summary>
        public async Task<AtlassianUser> ResolveAsync(UserRef user, CancellationToken ct)
        {
            var byId = !string.IsNullOrEmpty(user.AccountId);
            var key = (byId ? "id:" : "email:") + user.DirectoryId + ":" + (byId ? user.AccountId : user.Email);
            var found = await _known.GetOrAdd(key, _ => Enqueue(byId, user.DirectoryId, byId ? user.AccountId : user.Email, ct)).ConfigureAwait(false);
            if (found != null) return found;
            throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound, byId
                ? $"No user with accountId '{user.AccountId}' in the directory."
                : $"No user with email '{user.Email}' in the directory. Invite them first (New-AtlassianInvitation), or check the address.");
        }

        /// <summary>Forget what is known about a user after changing them, so a later read in this invocation is fresh.</summary>
        public void Invalidate(AtlassianUser user)
        {
            foreach (var k in _known.Keys.Where(k => k.EndsWith(":" + user.AccountId, StringComparison.OrdinalIgnoreCase) || (user.Email != null && k.EndsWith(":" + user.Email, StringComparison.OrdinalIgnoreCase))).ToList())
                _known.TryRemove(k, out _);
        }

        private Task<AtlassianUser> Enqueue(bool byId, string directoryId, string value, CancellationToken ct)
        {
            var batchKey = (byId ? "id:" : "email:") + directoryId;
            lock (_gate)
            {
                if (!_open.TryGetValue(batchKey, out var batch))
                {
                    batch = new Batch(byId, directoryId);
                    _open[batchKey] = batch;
                    // Flush after a short linger so items arriving together share one request.
                    Task.Delay(Linger, ct).ContinueWith(_ => Flush(batchKey, batch, ct, full: false), TaskScheduler.Default);
                }
                var tcs = batch.Add(value);
                if (batch.Count >= BatchSize) Flush(batchKey, batch, ct, full: true);
                return tcs;
            }
        }

        /// <summary>
        /// Sends the batch: at once when full or when no search of its key is under way; otherwise it keeps collecting
        /// until that search answers. Rows that trickle in (as a rate-limited run's writes finish) then share a search
        /// instead of each lingering out alone, and every search still leaves as soon as the one before it is back.
        /// </summary>
        private void Flush(string batchKey, Batch batch, CancellationToken ct, bool full)
        {
            lock (_gate)
            {
                if (batch.Flushed) return;
                _running.TryGetValue(batchKey, out var running);
                if (!full && running > 0)
                {
                    batch.Lingered = true;
                    return;
                }
                batch.Flushed = true;
                _running[batchKey] = running + 1;
                if (_open.TryGetValue(batchKey, out var current) && ReferenceEquals(current, batch)) _open.Remove(batchKey);
            }
            Task.Run(() => RunAsync(batchKey, batch, ct));
        }

        private async Task RunAsync(string batchKey, Batch batch, CancellationToken ct)
        {
            try
            {
                await SearchAsync(batch, ct).ConfigureAwait(false);
            }
            finally
            {
                Batch waiting;
                lock (_gate)
                {
                    _running[batchKey]--;
                    if (!_open.TryGetValue(batchKey, out waiting) || !waiting.Lingered) waiting = null;
                }
                if (waiting != null) Flush(batchKey, waiting, ct, full: false);
            }
        }

        private async Task SearchAsync(Batch batch, CancellationToken ct)
        {
            try
            {
                var keys = batch.Keys.ToList();
                var query = new UserQuery { AccountIds = batch.ById ? keys : null, Emails = batch.ById ? null : keys, Expand = _expand };
                var found = new Dictionary<string, AtlassianUser>(StringComparer.OrdinalIgnoreCase);
                // Paged asynchronously: a bulk run may have dozens of (full) batches in flight, and each blocking a pool thread starved
                // the pool of the threads their own responses needed.
                foreach (var u in await _org.SearchUsers(_orgId, batch.DirectoryId, query, ct).ToListAsync(ct).ConfigureAwait(false))
                {
                    var key = batch.ById ? u.AccountId : u.Email;
                    if (key != null) found[key] = u;
                    if (!string.IsNullOrEmpty(u.Email)) _cache.AccountIdByEmail[u.Email] = u.AccountId;
                }
                batch.Complete(found);
            }
            catch (Exception ex)
            {
                batch.Fail(ex);
            }
        }

        private sealed class Batch
        {
            private readonly Dictionary<string, TaskCompletionSource<AtlassianUser>> _waiting = new Dictionary<string, TaskCompletionSource<AtlassianUser>>(StringComparer.OrdinalIgnoreCase);
            public Batch(bool byId, string directoryId) { ById = byId; DirectoryId = directoryId; }
            public bool ById { get; }
            public string DirectoryId { get; }
            public bool Flushed { get; set; }
            /// <summary>Its linger is over; it goes when the search before it answers.</summary>
            public bool Lingered { get; set; }
            public int Count => _waiting.Count;
            public IEnumerable<string> Keys => _waiting.Keys;

            public Task<AtlassianUser> Add(string key)
            {
                if (!_waiting.TryGetValue(key, out var tcs))
                {
                    tcs = new TaskCompletionSource<AtlassianUser>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[key] = tcs;
                }
                return tcs.Task;
            }

            public void Complete(Dictionary<string, AtlassianUser> found)
            {
                foreach (var kv in _waiting) kv.Value.TrySetResult(found.TryGetValue(kv.Key, out var u) ? u : null);
            }

            public void Fail(Exception ex)
            {
                foreach (var kv in _waiting)
                {
                    if (ex is OperationCanceledException) kv.Value.TrySetCanceled();
                    else kv.Value.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>A user as given on input: accountId and/or email (accountId wins), in a directory.</summary>
    public sealed class UserRef
    {
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string DirectoryId { get; set; }
        public override string ToString() => !string.IsNullOrEmpty(Email) && string.IsNullOrEmpty(AccountId) ? Email : AccountId ?? Email;
    }
}
