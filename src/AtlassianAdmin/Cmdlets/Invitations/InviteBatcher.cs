using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Invitations
{
    /// <summary>
    /// Coalesces the per-email writes of one New-AtlassianInvitation call into invite requests of up to
    /// <see cref="NewAtlassianInvitationCommand.BatchSize"/> emails (same rules and groups), at most
    /// <c>concurrency</c> requests at a time, and hands each email its own entry of the response.
    /// </summary>
    internal sealed class InviteBatcher
    {
        private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);
        private readonly OrgClient _org;
        private readonly string _orgId;
        private readonly AtlassianInvitationRequest _template;
        private readonly SemaphoreSlim _requests;
        private readonly object _gate = new object();
        private Batch _open;

        public InviteBatcher(OrgClient org, string orgId, AtlassianInvitationRequest template, int concurrency)
        {
            _org = org;
            _orgId = orgId;
            _template = template;
            _requests = new SemaphoreSlim(Math.Max(1, concurrency));
        }

        public Task<AtlassianInvitationResult> InviteAsync(string email, CancellationToken ct)
        {
            lock (_gate)
            {
                if (_open == null)
                {
                    var batch = _open = new Batch();
                    Task.Delay(Linger, ct).ContinueWith(_ => Flush(batch, ct), TaskScheduler.Default);
                }
                var task = _open.Add(email);
                if (_open.Count >= NewAtlassianInvitationCommand.BatchSize) Flush(_open, ct);
                return task;
            }
        }

        private void Flush(Batch batch, CancellationToken ct)
        {
            lock (_gate)
            {
                if (batch.Flushed) return;
                batch.Flushed = true;
                if (ReferenceEquals(_open, batch)) _open = null;
            }
            Task.Run(() => RunAsync(batch, ct));
        }

        private async Task RunAsync(Batch batch, CancellationToken ct)
        {
            try
            {
                await _requests.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var request = new AtlassianInvitationRequest
                    {
                        Emails = batch.Emails.ToList(),
                        PermissionRules = _template.PermissionRules,
                        AdditionalGroups = _template.AdditionalGroups,
                        SendNotification = _template.SendNotification,
                        NotificationText = _template.NotificationText,
                    };
                    var results = await _org.InviteAsync(_orgId, request, ct).ConfigureAwait(false);
                    batch.Complete(results);
                }
                finally
                {
                    _requests.Release();
                }
            }
            catch (Exception ex)
            {
                batch.Fail(ex);
            }
        }

        private sealed class Batch
        {
            private readonly Dictionary<string, TaskCompletionSource<AtlassianInvitationResult>> _waiting =
                new Dictionary<string, TaskCompletionSource<AtlassianInvitationResult>>(StringComparer.OrdinalIgnoreCase);
            public bool Flushed { get; set; }
            public int Count => _waiting.Count;
            public IEnumerable<string> Emails => _waiting.Keys;

            public Task<AtlassianInvitationResult> Add(string email)
            {
                if (!_waiting.TryGetValue(email, out var tcs))
                {
                    tcs = new TaskCompletionSource<AtlassianInvitationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[email] = tcs;
                }
                return tcs.Task;
            }

            public void Complete(IReadOnlyList<AtlassianInvitationResult> results)
            {
                var byEmail = new Dictionary<string, AtlassianInvitationResult>(StringComparer.OrdinalIgnoreCase);
                foreach (var r in results ?? Array.Empty<AtlassianInvitationResult>())
                    if (!string.IsNullOrEmpty(r?.Email)) byEmail[r.Email] = r;
                // The API answers one entry per email; an entry it leaves out is still a 2xx for that email.
                foreach (var kv in _waiting) kv.Value.TrySetResult(byEmail.TryGetValue(kv.Key, out var r) ? r : null);
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
}
