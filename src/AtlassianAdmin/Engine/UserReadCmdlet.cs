using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// A read cmdlet whose items are users, given like the state-changing ones (objects, -AccountId, -Email, CSV rows,
    /// plain strings). Users are resolved in batches; the per-user reads run concurrently (at most 8 at a time) and
    /// results are written in input order. A bad item is a non-terminating error whose TargetObject is the input.
    /// </summary>
    public abstract class UserReadCmdlet : AtlassianConnectedCmdlet
    {
        private const int Chunk = 50;
        private const int Concurrency = 8;

        /// <summary>The pipeline item itself (object, CSV row or plain string); parameters bind from its properties.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull, AllowEmptyCollection]
        public string[] AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull, AllowEmptyCollection]
        public string[] Email { get; set; }

        /// <summary>Directory of the users; defaults to the org's only directory (all directories when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        private readonly List<Entry> _pending = new List<Entry>();
        private readonly SemaphoreSlim _reads = new SemaphoreSlim(Concurrency);
        private UserResolver _resolver;

        protected UserResolver Users => _resolver ?? (_resolver = new UserResolver(OrgApi, OrgId, ActiveConnection.Cache));

        /// <summary>Reads what to write for one resolved user (worker thread). Throw to fail the item.</summary>
        protected abstract Task<IEnumerable<object>> ReadAsync(AtlassianUser user, CancellationToken ct);

        protected override void Process()
        {
            var item = InputObject;
            var (ids, emails) = UserInput.Values(AccountId, Email, item?.BaseObject);
            var fromPipeline = item != null;
            var directoryId = ResolveDirectoryId(string.IsNullOrWhiteSpace(DirectoryId) ? null : DirectoryId.Trim(), allowAll: true);
            // accountId wins when a row has both.
            if (ids.Count > 0) foreach (var id in ids) Add(new UserRef { AccountId = id, DirectoryId = directoryId }, fromPipeline ? (object)item : id);
            else if (emails.Count > 0) foreach (var e in emails) Add(new UserRef { Email = e, DirectoryId = directoryId }, fromPipeline ? (object)item : e);
            else _pending.Add(new Entry
            {
                Target = item,
                Error = new ItemFailedException("UserIdentityMissing", ErrorCategory.InvalidArgument, item?.BaseObject is AtlassianGroup || item?.BaseObject is JiraGroup
                    ? $"'{item}' is a group, not a user: pipe it through Get-AtlassianUser (its members) first."
                    : "The input has neither an AccountId nor an Email. Give -AccountId or -Email, or pipe objects/CSV rows with one of those columns."),
            });
            if (_pending.Count >= Chunk) Flush();
        }

        protected override void End() => Flush();

        private void Add(UserRef user, object target)
        {
            var entry = new Entry { Target = target };
            if (user.AccountId != null && !UserInput.IsValidAccountId(user.AccountId))
                entry.Error = new ItemFailedException("InvalidAccountId", ErrorCategory.InvalidArgument, UserInput.BadAccountId(user.AccountId).Message);
            else if (user.AccountId == null && !UserInput.IsPlausibleEmail(user.Email))
                entry.Error = new ItemFailedException("InvalidEmail", ErrorCategory.InvalidArgument, UserInput.BadEmail(user.Email).Message);
            else entry.User = user;
            _pending.Add(entry);
        }

        private void Flush()
        {
            if (_pending.Count == 0) return;
            var ct = CancellationToken;
            foreach (var e in _pending.Where(e => e.User != null))
                e.Task = Task.Run(async () =>
                {
                    var user = await Users.ResolveAsync(e.User, ct).ConfigureAwait(false);
                    await _reads.WaitAsync(ct).ConfigureAwait(false);
                    try { return (await ReadAsync(user, ct).ConfigureAwait(false))?.ToList() ?? new List<object>(); }
                    finally { _reads.Release(); }
                }, ct);
            var all = _pending.Where(e => e.Task != null).Select(e => (Task)e.Task).ToArray();
            Await(Task.WhenAll(all.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))));
            foreach (var e in _pending)
            {
                var error = e.Error;
                if (e.Task != null)
                {
                    if (e.Task.IsCanceled && ct.IsCancellationRequested) throw new PipelineStoppedException();
                    if (e.Task.IsFaulted || e.Task.IsCanceled) error = e.Task.Exception?.InnerException ?? new OperationCanceledException();
                    else foreach (var o in e.Task.Result) WritePaged(o);
                }
                if (error is ItemFailedException f) WriteItemError(f, e.Target, f.ErrorId, f.Category);
                else if (error != null) WriteItemError(error, e.Target);
            }
            _pending.Clear();
        }

        private sealed class Entry
        {
            public UserRef User;
            public object Target;
            public Exception Error;
            public Task<List<object>> Task;
        }
    }
}
