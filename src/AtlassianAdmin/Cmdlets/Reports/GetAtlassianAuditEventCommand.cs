using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Gets the organization's audit log events, newest first, streamed; waits for the endpoint's low rate limit instead of failing.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianAuditEvent", SupportsPaging = true)]
    [OutputType(typeof(AtlassianAuditEvent))]
    public sealed class GetAtlassianAuditEventCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Only events at or after this time (local time unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>Only events at or before this time.</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>Only these actions, e.g. user_added_to_group, user_suspended.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AuditActionCompleter))]
        public string[] Action { get; set; }

        /// <summary>Only events done by this user: accountId, or email (resolved with one lookup).</summary>
        [Parameter]
        public string Actor { get; set; }

        /// <summary>Free-text search (the API's <c>q</c>).</summary>
        [Parameter]
        public string SearchTerm { get; set; }

        /// <summary>Only events from this IP address.</summary>
        [Parameter]
        public string Ip { get; set; }

        private long _read;

        protected override bool WritesOwnTotal => true;

        protected override void Process()
        {
            var from = From.HasValue ? new DateTimeOffset(From.Value) : (DateTimeOffset?)null;
            var to = To.HasValue ? new DateTimeOffset(To.Value) : (DateTimeOffset?)null;
            if (from.HasValue && to.HasValue && from > to)
                Terminate(new ArgumentException($"-From ({From:u}) is after -To ({To:u})."), From, "InvalidTimeRange", ErrorCategory.InvalidArgument);
            var query = new EventQuery
            {
                From = from, To = to, ActorId = ResolveActor(), SearchTerm = string.IsNullOrEmpty(SearchTerm) ? null : SearchTerm,
                Ip = string.IsNullOrEmpty(Ip) ? null : Ip,
                Actions = Action?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList(),
            };
            var org = OrgApi;
            ulong skipped = 0, written = 0;
            string cursor = null;
            do
            {
                // Pages are read one at a time (no prefetch): with 10 requests a minute, a page nobody needs is too dear.
                var page = Await(org.GetEventsPageAsync(OrgId, query, cursor, CancellationToken));
                _read += page.Items.Count;
                foreach (var e in page.Items)
                {
                    if (skipped < PagingParameters.Skip) { skipped++; continue; }
                    if (written >= PagingParameters.First) break;
                    WriteObject(e);
                    written++;
                }
                cursor = page.Next;
                if (cursor != null && written < PagingParameters.First)
                    WriteProgress(new ProgressRecord(ProgressId, "Get-AtlassianAuditEvent", $"{_read} events read"));
            } while (cursor != null && written < PagingParameters.First);
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(written + skipped, 0.0));
        }

        protected override void End() =>
            WriteProgress(new ProgressRecord(ProgressId, "Get-AtlassianAuditEvent", "Done") { RecordType = ProgressRecordType.Completed });

        private const int ProgressId = 0x41544D;

        /// <summary>Rate-limit waits are shown as progress (and verbose), so a long read never looks hung.</summary>
        protected override void WriteLogEntry(HttpLogEntry entry)
        {
            base.WriteLogEntry(entry);
            if (!entry.IsRateLimitWait) return;
            WriteProgress(new ProgressRecord(ProgressId, "Get-AtlassianAuditEvent",
                $"{_read} events read; waiting {entry.Duration.TotalSeconds:0.#} s for the audit log's rate limit ({entry.Note})")
            { SecondsRemaining = (int)Math.Ceiling(entry.Duration.TotalSeconds) });
        }

        private string ResolveActor()
        {
            if (string.IsNullOrWhiteSpace(Actor)) return null;
            var actor = Actor.Trim();
            if (!actor.Contains("@"))
            {
                if (!UserInput.IsValidAccountId(actor))
                    Terminate(UserInput.BadAccountId(actor), actor, "InvalidAccountId", ErrorCategory.InvalidArgument);
                return actor;
            }
            if (ActiveConnection.Cache.AccountIdByEmail.TryGetValue(actor, out var known)) return known;
            var dir = ResolveDirectoryId(null, allowAll: true);
            var user = OrgApi.SearchUsers(OrgId, dir, new UserQuery { Emails = new List<string> { actor } }, CancellationToken).FirstOrDefault();
            FlushLog();
            if (user == null)
                Terminate(new ItemNotFoundException($"No user with email '{actor}' in the directory; give the actor's accountId instead."), actor, "UserNotFound", ErrorCategory.ObjectNotFound);
            ActiveConnection.Cache.AccountIdByEmail[actor] = user.AccountId;
            return user.AccountId;
        }
    }
}
