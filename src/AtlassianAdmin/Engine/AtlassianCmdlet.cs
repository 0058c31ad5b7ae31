using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// Root of every cmdlet: one cancellation source per invocation (Ctrl+C cancels in-flight HTTP at once), waiting on
    /// async client calls while marshalling their verbose/debug lines back to the pipeline thread, and one place that
    /// turns exceptions into error records.
    /// </summary>
    public abstract class AtlassianCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly ConcurrentQueue<HttpLogEntry> _log = new ConcurrentQueue<HttpLogEntry>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private readonly Action<HttpLogEntry> _logSink;

        protected AtlassianCmdlet()
        {
            // Request log lines are produced on worker threads; queue them and write them from the pipeline thread.
            _logSink = entry => { _log.Enqueue(entry); _signal.Release(); };
        }

        protected internal CancellationToken CancellationToken => _cancellation.Token;

        protected sealed override void BeginProcessing() => Guard(() => { CheckPrerequisites(); WriteUnknownTotal(); Begin(); });
        protected sealed override void ProcessRecord() => Guard(Process, perRecord: true);
        protected sealed override void EndProcessing()
        {
            try { Guard(End); }
            finally { FlushLog(); }
        }

        protected sealed override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Checks what the cmdlet needs before any work (e.g. the API it declares); runs before <see cref="Begin"/>.</summary>
        internal virtual void CheckPrerequisites() { }

        protected virtual void Begin() { }
        protected virtual void Process() { }
        protected virtual void End() { }

        /// <summary>Waits for <paramref name="task"/> on the pipeline thread, writing its request log as it goes.</summary>
        protected internal T Await<T>(Task<T> task)
        {
            Pump(task);
            return task.GetAwaiter().GetResult();
        }

        protected void Await(Task task)
        {
            Pump(task);
            task.GetAwaiter().GetResult();
        }

        private void Pump(Task task)
        {
            if (!task.IsCompleted)
            {
                task.ContinueWith(_ => _signal.Release(), TaskScheduler.Default);
                while (!task.IsCompleted)
                {
                    _signal.Wait();
                    FlushLog();
                }
            }
            FlushLog();
        }

        /// <summary>Writes queued request log lines (verbose: the call; debug: timings of retries too).</summary>
        protected internal void FlushLog()
        {
            while (_log.TryDequeue(out var entry))
                WriteLogEntry(entry);
        }

        /// <summary>Writes one request log line (verbose). Override to also surface some entries otherwise (e.g. rate-limit waits as progress).</summary>
        protected virtual void WriteLogEntry(HttpLogEntry entry) => WriteVerbose(entry.ToString());

        /// <summary>
        /// Runs one stage with this invocation's request log as the ambient sink, mapping cancellation and client errors
        /// to PowerShell's conventions. The sink is set per stage, not from Begin to End: in `A | B` the stages of A and B
        /// interleave on one thread (B's ProcessRecord runs inside A's WriteObject), so each stage claims the log for
        /// itself and gives it back when it returns; work it starts keeps its sink.
        /// </summary>
        private void Guard(Action stage, bool perRecord = false)
        {
            try
            {
                using (HttpLog.Capture(_logSink)) stage();
            }
            catch (AtlassianAdmin.Engine.ItemFailedException item) when (perRecord)
            {
                // A record's input was refused before anything was sent (e.g. an identifier that cannot be one).
                FlushLog();
                WriteError(new ErrorRecord(item, item.ErrorId, item.Category, CurrentRecord));
            }
            catch (AtlassianAdmin.Client.AtlassianApiException api) when (perRecord && IsAboutThisInput(api))
            {
                // The server refused this input (too long, malformed, not found…): an error for this record, and the
                // pipeline goes on with the next one. Connection-wide failures (401, 403, 429, 5xx, network) still stop.
                FlushLog();
                WriteError(ErrorRecords.From(api, CurrentRecord));
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell is already stopping the pipeline.
                throw new PipelineStoppedException();
            }
            catch (TerminatingErrorException w)
            {
                ThrowTerminatingError(w.Record);
            }
            catch (AtlassianAdmin.Engine.ItemFailedException item) when (!perRecord)
            {
                // Refused input outside a record (Begin/End): stop with its own id rather than a raw exception.
                ThrowTerminatingError(new ErrorRecord(item, item.ErrorId, item.Category, null));
            }
        }

        /// <summary>Client errors that concern the input of one record rather than the connection.</summary>
        internal static bool IsAboutThisInput(AtlassianAdmin.Client.AtlassianApiException e) =>
            !e.IsTimeout && !e.IsMalformedResponse && (e.Status == 400 || e.Status == 404 || e.Status == 405 || e.Status == 409 || e.Status == 413 || e.Status == 414 || e.Status == 422);

        /// <summary>
        /// The pipeline record being processed, for an error's TargetObject: the cmdlet's -InputObject when it has one
        /// (the row as piped), else the first bound value of this record.
        /// </summary>
        protected virtual object CurrentRecord
        {
            get
            {
                var input = GetType().GetProperty("InputObject")?.GetValue(this);
                if (input != null) return input;
                foreach (var kv in MyInvocation.BoundParameters)
                    if (kv.Key != "Connection" && kv.Value != null && !(kv.Value is SwitchParameter))
                        return kv.Value is Array a && a.Length == 1 ? a.GetValue(0) : kv.Value;
                return null;
            }
        }

        /// <summary>A non-terminating error for one item; the pipeline goes on with the next.</summary>
        protected void WriteItemError(Exception exception, object target, string errorId = null, ErrorCategory? category = null)
        {
            FlushLog();
            WriteError(ErrorRecords.From(exception, target, errorId, category));
        }

        /// <summary>Stops the whole command with an error (for problems no later item can avoid).</summary>
        protected internal void Terminate(Exception exception, object target, string errorId = null, ErrorCategory? category = null) =>
            throw new TerminatingErrorException(ErrorRecords.From(exception, target, errorId, category));

        protected internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        private ulong _pageSkipped, _pageWritten;

        /// <summary>True for a listing that counts its matches and writes -IncludeTotalCount's total itself.</summary>
        protected virtual bool WritesOwnTotal => false;

        /// <summary>-IncludeTotalCount on a listing that cannot count: the total is written as unknown (accuracy 0), first.</summary>
        private void WriteUnknownTotal()
        {
            if (!WritesOwnTotal && PagingParameters?.IncludeTotalCount == true)
                WriteObject(PagingParameters.NewTotalCount(0, 0.0));
        }

        /// <summary>
        /// Writes one item of a listing, honouring -Skip/-First on SupportsPaging cmdlets (across records of one
        /// invocation). Returns false once -First items are out, so the caller stops reading and no further page is fetched.
        /// </summary>
        protected bool WritePaged(object item)
        {
            var paging = PagingParameters;
            if (paging != null)
            {
                if (_pageSkipped < paging.Skip) { _pageSkipped++; return true; }
                if (_pageWritten >= paging.First) return false;
            }
            WriteObject(item);
            _pageWritten++;
            FlushLog();
            return paging == null || _pageWritten < paging.First;
        }
    
    }

    /// <summary>Carries a prepared terminating error out of a stage so it is thrown with <see cref="Cmdlet.ThrowTerminatingError"/>.</summary>
    public sealed class TerminatingErrorException : Exception
    {
        public TerminatingErrorException(ErrorRecord record) : base(record.Exception.Message) => Record = record;
        public ErrorRecord Record { get; }
    }
}
