using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Jira
{
    /// <summary>
    /// What the rows of one Grant-/Revoke-AtlassianProjectRole (or Sync) invocation share, so a CSV costs a few requests
    /// per hundred rows instead of three per row:
    /// <list type="bullet">
    /// <item>each (project, role)'s actors are read once;</item>
    /// <item>users are resolved in batches by the invocation's batched <see cref="SiteDirectory"/>;</item>
    /// <item>grants for one (project, role) are coalesced into <c>POST /project/{key}/role/{id}</c> requests of up to
    /// <see cref="ActorsPerRequest"/> users (or groups by id, or by name: Jira takes those exclusive). Jira checks every
    /// actor of a request first, so a refused batch (an actor added meanwhile, an unknown one, a size Jira will not take)
    /// is re-sent one actor at a time and each row still gets its own outcome.</item>
    /// </list>
    /// Revokes cannot batch: <c>DELETE /project/{key}/role/{id}</c> takes one actor (and the replacing <c>PUT</c> would drop
    /// actors added by anyone else in the meantime).
    /// </summary>
    internal sealed class ProjectRoleBatch
    {
        /// <summary>
        /// Actors per POST. Jira documents no maximum (unverified); 50 keeps a refused batch's fallback cheap and one grant
        /// CSV far below 0.1 requests per row.
        /// </summary>
        public const int ActorsPerRequest = 50;
        private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

        private readonly SiteDirectory _site;
        private readonly SemaphoreSlim _requests;
        private readonly ConcurrentDictionary<string, Task<JiraProjectRole>> _roles = new ConcurrentDictionary<string, Task<JiraProjectRole>>(StringComparer.OrdinalIgnoreCase);
        private readonly object _gate = new object();
        private readonly Dictionary<string, AddBatch> _open = new Dictionary<string, AddBatch>(StringComparer.OrdinalIgnoreCase);

        /// <param name="concurrency">Requests of this batch in flight at most (the cmdlet's -ThrottleLimit).</param>
        public ProjectRoleBatch(AtlassianConnection connection, int concurrency)
        {
            _site = new SiteDirectory(connection, batched: true);
            _requests = new SemaphoreSlim(Math.Max(1, concurrency));
        }

        /// <summary>The invocation's site lookups (batched).</summary>
        public SiteDirectory Site => _site;

        /// <summary>Plans one Grant-/Revoke-AtlassianProjectRole row with the rows around it.</summary>
        public Task<PlannedChange> PlanAsync(ProjectRoleRow row, bool grant, CancellationToken ct) =>
            ProjectRoleChanges.PlanAsync(_site, row.Project, row.Role, row.Who, grant, ct, this);

        // ---- reads ----

        /// <summary>The role with its actors, read once per invocation.</summary>
        public Task<JiraProjectRole> RoleAsync(string projectKey, long roleId, CancellationToken ct)
        {
            var key = projectKey + "/" + roleId;
            var task = _roles.GetOrAdd(key, _ => _site.Jira.GetProjectRoleAsync(projectKey, roleId, ct));
            if (task.IsFaulted || task.IsCanceled) _roles.TryRemove(key, out _); // a later row may try again
            return task;
        }

        // ---- grants ----

        /// <summary>Adds the user or group to the role, in a shared request; false when it already was an actor.</summary>
        public Task<bool> AddAsync(string projectKey, long roleId, JiraUser user, JiraGroup group, CancellationToken ct)
        {
            var kind = group == null ? ActorKind.User : !string.IsNullOrEmpty(group.GroupId) ? ActorKind.GroupId : ActorKind.GroupName;
            var value = kind == ActorKind.User ? user.AccountId : kind == ActorKind.GroupId ? group.GroupId : group.Name;
            var key = $"{projectKey}/{roleId}/{kind}";
            lock (_gate)
            {
                if (!_open.TryGetValue(key, out var batch))
                {
                    batch = _open[key] = new AddBatch(projectKey, roleId, kind);
                    FlushWhenQuiet(key, batch, ct);
                }
                batch.LastAdd = Stopwatch.GetTimestamp();
                var task = batch.Add(value);
                if (batch.Count >= ActorsPerRequest) Flush(key, batch, ct);
                return task;
            }
        }

        /// <summary>
        /// Sends a batch that is not full once no row has joined it for <see cref="Linger"/>: rows decided in a burst
        /// (they come in groups, as their user lookups answer) share a request however loaded the machine is.
        /// </summary>
        private void FlushWhenQuiet(string key, AddBatch batch, CancellationToken ct)
        {
            Task.Delay(Linger, ct).ContinueWith(_ =>
            {
                long last;
                lock (_gate) last = batch.LastAdd;
                var quiet = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - last) / (double)Stopwatch.Frequency);
                if (quiet < Linger && !ct.IsCancellationRequested) FlushWhenQuiet(key, batch, ct);
                else Flush(key, batch, ct);
            }, TaskScheduler.Default);
        }

        private void Flush(string key, AddBatch batch, CancellationToken ct)
        {
            lock (_gate)
            {
                if (batch.Flushed) return;
                batch.Flushed = true;
                if (_open.TryGetValue(key, out var open) && ReferenceEquals(open, batch)) _open.Remove(key);
            }
            Task.Run(() => SendAsync(batch, ct));
        }

        private async Task SendAsync(AddBatch batch, CancellationToken ct)
        {
            var values = batch.Values;
            try
            {
                if (values.Count > 1)
                {
                    try
                    {
                        await LimitedAsync(() => _site.Jira.AddProjectRoleActorsAsync(batch.ProjectKey, batch.RoleId,
                            batch.Kind == ActorKind.User ? values : null, batch.Kind == ActorKind.GroupId ? values : null,
                            batch.Kind == ActorKind.GroupName ? values : null, ct), ct).ConfigureAwait(false);
                        batch.CompleteAll();
                        return;
                    }
                    catch (AtlassianApiException e) when (IsRefusal(e))
                    {
                        // Refused as a whole: nothing was added. Each actor goes alone and gets its own answer.
                    }
                }
                await Task.WhenAll(values.Select(v => SendOneAsync(batch, v, ct))).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                batch.FailAll(e);
            }
        }

        private async Task SendOneAsync(AddBatch batch, string value, CancellationToken ct)
        {
            try
            {
                var jira = _site.Jira;
                var added = await LimitedAsync(() => batch.Kind == ActorKind.User
                    ? jira.AddProjectRoleUserAsync(batch.ProjectKey, batch.RoleId, value, ct)
                    : jira.AddProjectRoleGroupAsync(batch.ProjectKey, batch.RoleId, batch.Kind == ActorKind.GroupId ? value : null, batch.Kind == ActorKind.GroupName ? value : null, ct), ct).ConfigureAwait(false);
                batch.Complete(value, added);
            }
            catch (Exception e)
            {
                batch.Fail(value, e);
            }
        }

        /// <summary>A refusal of the request's content (an actor already there or unknown, too many): worth retrying one by one.
        /// Credentials, permissions and server trouble would fail each single request alike.</summary>
        private static bool IsRefusal(AtlassianApiException e) =>
            e.Status >= 400 && e.Status < 500 && e.Status != 401 && e.Status != 403 && e.Status != 429;

        private async Task<T> LimitedAsync<T>(Func<Task<T>> send, CancellationToken ct)
        {
            await _requests.WaitAsync(ct).ConfigureAwait(false);
            try { return await send().ConfigureAwait(false); }
            finally { _requests.Release(); }
        }

        private enum ActorKind { User, GroupId, GroupName }

        /// <summary>The rows waiting for one POST; a repeated actor is one entry (the first row Changed, the others Unchanged).</summary>
        private sealed class AddBatch
        {
            private readonly Dictionary<string, List<TaskCompletionSource<bool>>> _waiting = new Dictionary<string, List<TaskCompletionSource<bool>>>(StringComparer.OrdinalIgnoreCase);
            private readonly List<string> _order = new List<string>();

            public AddBatch(string projectKey, long roleId, ActorKind kind) { ProjectKey = projectKey; RoleId = roleId; Kind = kind; }
            public string ProjectKey { get; }
            public long RoleId { get; }
            public ActorKind Kind { get; }
            public bool Flushed { get; set; }
            public long LastAdd { get; set; }
            public int Count => _order.Count;
            public IReadOnlyList<string> Values => _order;

            public Task<bool> Add(string value)
            {
                var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_waiting.TryGetValue(value, out var list))
                {
                    _waiting[value] = list = new List<TaskCompletionSource<bool>>();
                    _order.Add(value);
                }
                list.Add(tcs);
                return tcs.Task;
            }

            public void CompleteAll()
            {
                foreach (var v in _order) Complete(v, true);
            }

            public void Complete(string value, bool added)
            {
                var list = _waiting[value];
                for (var i = 0; i < list.Count; i++) list[i].TrySetResult(added && i == 0);
            }

            public void Fail(string value, Exception e)
            {
                foreach (var tcs in _waiting[value])
                {
                    if (e is OperationCanceledException) tcs.TrySetCanceled();
                    else tcs.TrySetException(e);
                }
            }

            public void FailAll(Exception e)
            {
                foreach (var v in _order) Fail(v, e);
            }
        }
    }
}
