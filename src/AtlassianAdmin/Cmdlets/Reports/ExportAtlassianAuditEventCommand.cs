using System;
using System.Management.Automation;
using AtlassianAdmin.Client.Json;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Exports the audit log in bulk from the events-stream feed, as objects or NDJSON, resuming from a checkpoint file.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsData.Export, "AtlassianAuditEvent")]
    [OutputType(typeof(AtlassianAuditEvent), typeof(string))]
    public sealed class ExportAtlassianAuditEventCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Events processed at or after this time (first run only: a checkpoint wins).</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>Events processed at or before this time.</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>File that keeps the position: created on the first run, read and advanced on every later run.</summary>
        [Parameter]
        public string CheckpointPath { get; set; }

        /// <summary>Write one compact JSON line per event (NDJSON for a SIEM) instead of objects.</summary>
        [Parameter]
        public SwitchParameter AsJsonLines { get; set; }

        /// <summary>Events per request (the API allows up to 500).</summary>
        [Parameter]
        [ValidateRange(1, 500)]
        public int PageSize { get; set; } = 500;

        /// <summary>Stop after this many events (the checkpoint keeps the rest for the next run); bounds one scheduled run.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxEvents { get; set; }

        protected override void Process()
        {
            var org = OrgApi;
            string path = null;
            if (!string.IsNullOrEmpty(CheckpointPath)) path = GetUnresolvedProviderPathFromPSPath(CheckpointPath);
            AuditCheckpoint state = null;
            if (path != null)
            {
                try { state = AuditCheckpoint.Load(path); }
                catch (System.IO.InvalidDataException e)
                {
                    Terminate(new InvalidOperationException($"The checkpoint file '{path}' is not a checkpoint of this cmdlet ({e.Message}). Move it away to start a new export."), path, "CheckpointUnreadable", ErrorCategory.InvalidData);
                }
                if (state != null && !string.IsNullOrEmpty(state.OrgId) && !string.Equals(state.OrgId, OrgId, StringComparison.OrdinalIgnoreCase))
                    Terminate(new InvalidOperationException($"The checkpoint file '{path}' belongs to organization {state.OrgId}, not {OrgId}. Use one checkpoint file per organization."), path, "CheckpointOrgMismatch", ErrorCategory.InvalidArgument);
            }
            var resumed = state != null;
            if (state == null)
            {
                var from = From.HasValue ? new DateTimeOffset(From.Value) : (DateTimeOffset?)null;
                var to = To.HasValue ? new DateTimeOffset(To.Value) : (DateTimeOffset?)null;
                if (from.HasValue && to.HasValue && from > to)
                    Terminate(new ArgumentException($"-From ({From:u}) is after -To ({To:u})."), From, "InvalidTimeRange", ErrorCategory.InvalidArgument);
                state = new AuditCheckpoint { OrgId = OrgId, From = from, To = to };
            }
            else
            {
                if (IsBound(nameof(From))) WriteVerbose($"Resuming from '{path}'; -From is used on the first run only.");
                if (IsBound(nameof(To))) state.To = new DateTimeOffset(To.Value);   // a later bound may extend a scheduled export
                WriteVerbose($"Resuming after event {state.LastEventId ?? "(none)"} ({state.Exported} exported so far).");
            }

            var budget = IsBound(nameof(MaxEvents)) ? MaxEvents : int.MaxValue;
            var written = 0;
            while (written < budget)
            {
                var page = Await(org.GetEventStreamPageAsync(OrgId, state.From, state.To, state.Cursor, PageSize, CancellationToken));
                FlushLog();
                var start = Math.Min(state.Skip, page.Items.Count);
                // The page at a cursor only grows at its end; the last written id confirms where to go on.
                if (state.LastEventId != null)
                    for (int i = 0; i < page.Items.Count; i++)
                        if (page.Items[i].Id == state.LastEventId) { start = i + 1; break; }
                for (int i = start; i < page.Items.Count && written < budget; i++, written++)
                {
                    var e = page.Items[i];
                    try
                    {
                        WriteObject(AsJsonLines ? (object)AuditJson.ToLine(e) : e);
                    }
                    catch (PipelineStoppedException) when (!Stopping)
                    {
                        // A downstream command took this event and needs no more (Select-Object -First): it counts as written.
                        Advance(state, e, i, path);
                        throw;
                    }
                    Advance(state, e, i, path);
                }
                if (written >= budget) break;
                var next = page.Next;
                // Done: an empty page, or no cursor to go on with (the saved cursor then reads this page again next time and
                // skips what was written).
                if (page.Items.Count == 0 || string.IsNullOrEmpty(next) || next == state.Cursor) break;
                state.Cursor = next;
                state.Skip = 0;
                if (path != null) state.Save(path);
            }
            if (path != null && !resumed && state.Exported == 0) state.Save(path);
        }

        private static void Advance(AuditCheckpoint state, AtlassianAuditEvent e, int index, string path)
        {
            state.Skip = index + 1;
            state.LastEventId = e.Id;
            state.LastProcessedAt = e.ProcessedAt ?? e.Time;
            state.Exported++;
            if (path != null) state.Save(path);
        }
    }
}
