using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// The one implementation of state-changing behaviour every cmdlet shares:
    /// <list type="bullet">
    /// <item>per input item: capture and validate on the pipeline thread, then plan (read current state) concurrently;</item>
    /// <item>already in the desired state → Unchanged, nothing sent (re-running a CSV after an interruption is harmless);</item>
    /// <item>-WhatIf/-Confirm asked on the pipeline thread in input order, with the exact change; no write under -WhatIf;</item>
    /// <item>writes run concurrently, at most -ThrottleLimit at a time, sharing the connection's rate-limit gate;</item>
    /// <item>exactly one outcome per item, written in input order: a result with -PassThru, and for failures a
    /// non-terminating error whose TargetObject is the input item. The pipeline goes on with the next item.</item>
    /// </list>
    /// </summary>
    public abstract class ChangeCmdlet<TInput> : AtlassianConnectedCmdlet where TInput : class
    {
        /// <summary>Requests in flight by default: enough to hide latency, well under Atlassian's burst limits.</summary>
        public const int DefaultThrottleLimit = 16;
        /// <summary>
        /// Items admitted whose work is still running (planning or writing). Finished items waiting for a slow item
        /// ahead of them to be reported do not count, so one hung request never stops dispatch (no head-of-line stall).
        /// </summary>
        private const int Window = 2048;
        /// <summary>Finished items held for in-order output at most; bounds memory if the head item never finishes.</summary>
        private const int MaxBuffered = 100_000;
        /// <summary>
        /// Once the window is full, items are admitted again only when this many have room, not one by one as writes
        /// finish: rows that arrive together share their lookups (100 users per search), while rows admitted one at a time
        /// each sent a search of their own — a rate-limited run of 5,000 rows spent 2,800 of its tokens on them.
        /// </summary>
        private const int Refill = 128;

        /// <summary>The pipeline item itself (any object, CSV row or plain string); parameters bind from its properties.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>Write one result per input item (Changed, Unchanged, WhatIf, Declined or Failed).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Maximum concurrent write requests.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>Snapshot and validate the current record's parameters (pipeline thread). Throw to fail the item.</summary>
        protected abstract TInput Capture(PSObject item);

        /// <summary>Resolve and read what is needed to decide (worker thread). Throw to fail the item.</summary>
        protected abstract Task<PlannedChange> PlanAsync(TInput input, CancellationToken cancellationToken);

        /// <summary>
        /// The action phrase for an item that failed before it was planned, derived from the cmdlet name
        /// (Add-AtlassianGroupMember → "Add group member") so report rows read alike.
        /// </summary>
        protected virtual string DefaultAction
        {
            get
            {
                var name = MyInvocation.MyCommand.Name;
                var dash = name.IndexOf('-');
                var noun = System.Text.RegularExpressions.Regex.Replace(name.Substring(dash + 1).Replace("Atlassian", ""), "(?<!^)([A-Z])", " $1").ToLowerInvariant();
                return name.Substring(0, dash) + " " + noun;
            }
        }

        /// <summary>How to show an input that failed before planning (for results).</summary>
        protected virtual string DescribeInput(PSObject item, TInput input) => item?.BaseObject?.ToString();

        /// <summary>Called on the pipeline thread as each item's outcome is reported, in input order (before the -PassThru result is written); e.g. to write a created object.</summary>
        protected virtual void OnReported(TInput input, PlannedChange change, AtlassianChangeResult result) { }

        /// <summary>A reason when the item was declined before it was reached (e.g. a sync's removals answered No as a whole); null otherwise.</summary>
        protected virtual string DeclinedBeforehand(TInput input) => null;

        /// <summary>Cmdlets with ConfirmImpact High expose -Force, which skips the prompt (but never -WhatIf).</summary>
        protected virtual bool SkipConfirmation => false;

        /// <summary>Rows in a row that failed to connect before the run stops (rows can share one failed lookup, so the
        /// client's breaker alone would let a whole window of them fail one by one).</summary>
        private const int ConnectionFailuresToStop = 5;
        private int _connectionFailuresInARow;
        private readonly Queue<Slot> _slots = new Queue<Slot>();
        /// <summary>Slots not yet decided, in input order.</summary>
        private readonly LinkedList<Slot> _undecided = new LinkedList<Slot>();
        /// <summary>Slots whose write is running.</summary>
        private readonly List<Slot> _applying = new List<Slot>();
        private bool? _decideInOrder;
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private SemaphoreSlim _writeSlots;
        private SemaphoreSlim _stalledSlots;
        private int _index;
        private int _done;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastProgressMs = -1000;
        private bool? _progressVisible;
        private bool _progressShown;
        private bool _inputComplete;

        /// <summary>Session variable that holds the complete report of the last change command, also when it was stopped.</summary>
        public const string ReportVariable = "AtlassianChangeReport";
        private readonly List<AtlassianChangeResult> _report = new List<AtlassianChangeResult>();
        /// <summary>First row of each distinct change sent in this invocation (Action|target|resource → row).</summary>
        private readonly Dictionary<string, int> _sentChanges = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        protected override void Begin()
        {
            // A stopped pipeline accepts no more output, so the whole report (every row reported, and after Ctrl+C every
            // write that was sent) is also kept here, filled as the run goes.
            try { SessionState.PSVariable.Set("global:" + ReportVariable, _report); } catch (Exception) { /* constrained runspace: no report variable */ }
            _writeSlots = new SemaphoreSlim(ThrottleLimit);
            _stalledSlots = new SemaphoreSlim(ThrottleLimit * EngineSettings.StragglersPerSlot);
        }

        protected sealed override void Process() => ReportingStops(() => OnInput(InputObject));

        /// <summary>
        /// However the stop surfaces (our check, WriteObject refusing output, a cancelled wait), the rows whose write was
        /// sent are added to the report before the pipeline stops.
        /// </summary>
        private void ReportingStops(Action stage)
        {
            try { stage(); }
            catch (PipelineStoppedException) { StopWithReport(); }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested) { StopWithReport(); }
        }

        /// <summary>
        /// Each pipeline record (null when nothing is piped). The default submits it as one item. A cmdlet may submit
        /// several items for one record (e.g. <c>-Email a,b,c</c>, or "every approved request" when nothing is piped),
        /// or collect records and submit them in <see cref="OnEndOfInput"/> (desired-state sync). Each submitted item
        /// gets exactly one outcome.
        /// </summary>
        protected virtual void OnInput(PSObject record) => Submit(record);

        /// <summary>Called once after the last pipeline item, before outstanding items are drained; may <see cref="Submit"/> more.</summary>
        protected virtual void OnEndOfInput() { }

        /// <summary>Starts one item through capture → plan → confirm → apply → report (pipeline thread).</summary>
        protected void Submit(PSObject item)
        {
            var slot = new Slot { Index = ++_index, Item = item };
            try { slot.Description = DescribeInput(item, null); } catch { slot.Description = item?.ToString(); }
            try
            {
                slot.Input = Capture(item);
                using (AttemptTimeoutScope.Use(EngineSettings.PlanAttemptTimeout))
                    slot.Plan = Track(PlanAsync(slot.Input, CancellationToken));
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException) && !(ex is TerminatingErrorException))
            {
                slot.Error = ex;
                slot.Decided = true;
            }
            _slots.Enqueue(slot);
            if (!slot.Decided) _undecided.AddLast(slot);
            Pump();
            if (Unsettled >= Window || _slots.Count >= MaxBuffered)
                while (Unsettled > Window - Refill || _slots.Count > MaxBuffered - Refill) WaitAndPump();
        }

        protected sealed override void End() => ReportingStops(EndCore);

        private void EndCore()
        {
            OnEndOfInput();
            _inputComplete = true; // from here on the total is known
            while (_slots.Count > 0) WaitAndPump();
            if (_progressShown) WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private Task<T> Track<T>(Task<T> task)
        {
            task.ContinueWith(_ => _signal.Release(), TaskScheduler.Default);
            return task;
        }

        private void WaitAndPump()
        {
            if (Stopping) StopWithReport();
            _signal.Wait(250); // also wakes for progress updates
            FlushLog();
            Pump();
        }

        /// <summary>Items whose plan or write is still running.</summary>
        private int Unsettled => _undecided.Count + _applying.Count;

        /// <summary>
        /// Confirmation prompts and -WhatIf lines must follow the input, so then items are decided in input order;
        /// otherwise each is decided (and its write dispatched) as soon as its plan is ready.
        /// </summary>
        private bool DecideInOrder
        {
            get
            {
                // Always in input order: a repeated row must be the duplicate of the first one (which may carry more, e.g.
                // a group's description), and prompts follow input order. Writes still run concurrently, so a slow
                // write never holds the others back; only a plan still reading holds back the decisions after it.
                if (!_decideInOrder.HasValue) _decideInOrder = true;
                return _decideInOrder.Value;
            }
        }

        /// <summary>Advances every item as far as it can go without blocking (pipeline thread only).</summary>
        private void Pump()
        {
            // 1. Decide: in input order while someone may be asked (stop at the first item still planning), else as plans finish.
            var inOrder = DecideInOrder;
            for (var node = _undecided.First; node != null;)
            {
                var next = node.Next;
                var slot = node.Value;
                if (slot.Plan.IsCompleted)
                {
                    _undecided.Remove(node);
                    Decide(slot);
                    if (slot.Apply != null && !slot.Apply.IsCompleted) _applying.Add(slot);
                }
                else if (inOrder) break;
                node = next;
            }
            _applying.RemoveAll(a => a.Apply.IsCompleted);
            // 2. Report in input order.
            while (_slots.Count > 0)
            {
                var head = _slots.Peek();
                if (!head.Decided || (head.Apply != null && !head.Apply.IsCompleted)) break;
                _slots.Dequeue();
                Report(head);
            }
            ReportProgress();
        }

        private void Decide(Slot slot)
        {
            slot.Decided = true;
            if (slot.Plan.IsFaulted || slot.Plan.IsCanceled)
            {
                slot.Error = Unwrap(slot.Plan);
                return;
            }
            var plan = slot.Change = slot.Plan.Result;
            // The same change twice in one input (a duplicate CSV row): sent once, the other row says which row did it.
            // Checked first: a late plan may already see the earlier row's write ("already a member"), which is the
            // same fact said less usefully.
            var changeKey = plan.Action + "|" + (plan.AccountId ?? plan.Target) + "|" + plan.Resource;
            if (_sentChanges.TryGetValue(changeKey, out var firstRow))
            {
                slot.Outcome = ChangeOutcome.Unchanged;
                plan.UnchangedReason = $"Duplicate of row {firstRow}: the same change is made there.";
                return;
            }
            if (plan.UnchangedReason != null)
            {
                slot.Outcome = ChangeOutcome.Unchanged;
                return;
            }
            plan.DeclinedReason = plan.DeclinedReason ?? DeclinedBeforehand(slot.Input);
            if (plan.DeclinedReason != null)
            {
                slot.Outcome = ChangeOutcome.Declined;
                return;
            }
            var description = $"{plan.Action} '{plan.Target}'{(string.IsNullOrEmpty(plan.Resource) ? "" : " in " + plan.Resource)}{(string.IsNullOrEmpty(plan.Warning) ? "" : ". " + plan.Warning)}.";
            var whatIf = WhatIfRequested();
            if (!(SkipConfirmation && !whatIf))
            {
                if (!ConfirmItem(slot, plan, description, whatIf, out var reason))
                {
                    slot.Outcome = reason == ShouldProcessReason.WhatIf ? ChangeOutcome.WhatIf : ChangeOutcome.Declined;
                    return;
                }
            }
            if (!whatIf) _sentChanges[changeKey] = slot.Index;
            slot.Apply = Track(ApplyAsync(plan));
        }

        /// <summary>
        /// ShouldProcess, failing closed: when it would prompt and nobody can answer (-NonInteractive, redirected stdin,
        /// a host without prompts), the command stops with <c>ConfirmationRequired</c> before this item's write instead of
        /// a raw host exception or a prompt that reads an accidental newline.
        /// </summary>
        private bool ConfirmItem(Slot slot, PlannedChange plan, string description, bool whatIf, out ShouldProcessReason reason)
        {
            var prompts = WouldPrompt(whatIf);
            if (prompts && !Confirmation.CanPrompt(Host)) throw ConfirmationRequired(slot, plan);
            try
            {
                return ShouldProcess(description, description + " Continue?", plan.Action, out reason);
            }
            catch (Exception e) when (prompts && !(e is PipelineStoppedException) && !(e is TerminatingErrorException))
            {
                throw ConfirmationRequired(slot, plan);
            }
        }

        /// <summary>Whether ShouldProcess asks for each item of this invocation (decisions must then follow input order).</summary>
        protected bool WouldPrompt(bool whatIf) => Confirmation.ShouldProcessWouldPrompt(this, whatIf, Confirmation.DeclaredImpact(this));

        /// <summary>The cmdlet has a -Force switch (so the confirmation error can name it).</summary>
        protected bool HasForceParameter => MyInvocation.MyCommand.Parameters.ContainsKey("Force");

        private TerminatingErrorException ConfirmationRequired(Slot slot, PlannedChange plan) =>
            new TerminatingErrorException(Confirmation.Required(this, $"{plan.Action.ToLowerInvariant()} '{plan.Target}'", HasForceParameter, (object)slot.Item ?? plan.Target));

        private double _writeLatencyMs = -1;
        private readonly object _latencyLock = new object();

        /// <summary>A write is a straggler after a few times the usual write latency (learnt as the run goes), within bounds.</summary>
        private TimeSpan StallAfter
        {
            get
            {
                double typical;
                lock (_latencyLock) typical = _writeLatencyMs;
                if (typical < 0) return EngineSettings.StallAfter;
                var ms = Math.Max(EngineSettings.MinStallAfter.TotalMilliseconds, Math.Min(EngineSettings.StallAfter.TotalMilliseconds, 4 * typical));
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        private void LearnWriteLatency(TimeSpan elapsed)
        {
            lock (_latencyLock)
                _writeLatencyMs = _writeLatencyMs < 0 ? elapsed.TotalMilliseconds : 0.9 * _writeLatencyMs + 0.1 * elapsed.TotalMilliseconds;
        }

        private async Task<bool> ApplyAsync(PlannedChange plan)
        {
            // A batched write joins a batch that bounds its own concurrency; holding a slot while waiting for the batch
            // would cap the batch size at -ThrottleLimit.
            if (plan.Batched) { plan.Sent = true; return await plan.Apply(CancellationToken).ConfigureAwait(false); }
            await _writeSlots.WaitAsync(CancellationToken).ConfigureAwait(false);
            plan.Sent = true;
            var holdsSlot = true;
            var stalled = false;
            try
            {
                Task<bool> write;
                var started = Stopwatch.StartNew();
                using (AttemptTimeoutScope.Use(EngineSettings.WriteAttemptTimeout))
                    write = plan.Apply(CancellationToken);
                if (!write.IsCompleted)
                {
                    // Adaptive window: a write that hangs (no answer after StallAfter) gives its slot to the next item
                    // while it waits for its own timeout, so one hung request never stalls the run. At most
                    // StragglersPerSlot × -ThrottleLimit such stragglers at once: a hung request costs the server nothing, and a
                    // dead one trips the connection's circuit breaker, but the number of open requests stays bounded.
                    using (var stallTimer = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken))
                    {
                        var first = await Task.WhenAny(write, Task.Delay(StallAfter, stallTimer.Token)).ConfigureAwait(false);
                        stallTimer.Cancel();
                        if (first == write && !write.IsFaulted) LearnWriteLatency(started.Elapsed);
                        if (first != write && _stalledSlots.Wait(0))
                        {
                            stalled = true;
                            holdsSlot = false;
                            _writeSlots.Release();
                        }
                    }
                }
                return await write.ConfigureAwait(false);
            }
            finally
            {
                if (holdsSlot) _writeSlots.Release();
                if (stalled) _stalledSlots.Release();
            }
        }

        /// <summary>
        /// Ctrl+C / Stop: PowerShell takes no more output, so the rows whose write was sent but not yet reported are
        /// added to the report variable (Changed / Unchanged / Failed if their answer came, Interrupted if it never did),
        /// a warning says how many, and the pipeline stops.
        /// </summary>
        private bool _stopReported;

        private void StopWithReport(Slot current = null)
        {
            if (_stopReported) throw new PipelineStoppedException();
            _stopReported = true;
            var late = new List<AtlassianChangeResult>();
            foreach (var slot in current == null ? _slots : new[] { current }.Concat(_slots))
            {
                var plan = slot.Change;
                if (slot.Apply == null || plan == null || !plan.Sent) continue;
                var apply = slot.Apply;
                var outcome = !apply.IsCompleted || apply.IsCanceled || (apply.IsFaulted && Unwrap(apply) is OperationCanceledException)
                    ? ChangeOutcome.Interrupted
                    : apply.IsFaulted ? ChangeOutcome.Failed : apply.Result ? ChangeOutcome.Changed : ChangeOutcome.Unchanged;
                late.Add(new AtlassianChangeResult
                {
                    Index = slot.Index, Action = plan.Action, Target = plan.Target, AccountId = plan.AccountId, Email = plan.Email, Resource = plan.Resource,
                    Outcome = outcome,
                    Message = outcome == ChangeOutcome.Interrupted ? "Stopped before the answer came: the change may or may not have been made. Run the same input again to settle it."
                        : outcome == ChangeOutcome.Failed ? Unwrap(apply).Message : "Completed after the pipeline was stopped.",
                });
            }
            _report.AddRange(late);
            if (late.Count > 0)
            {
                var changed = late.Count(r => r.Outcome == ChangeOutcome.Changed);
                var interrupted = late.Count(r => r.Outcome == ChangeOutcome.Interrupted);
                var text = $"{MyInvocation.MyCommand.Name} was stopped with {late.Count} sent write(s) not in its output: {changed} Changed, {interrupted} Interrupted (answer never came), {late.Count - changed - interrupted} other. ${ReportVariable} holds the complete report.";
                try { Host?.UI?.WriteWarningLine(text); } catch (Exception) { /* no host UI */ }
            }
            throw new PipelineStoppedException();
        }

        private void Report(Slot slot)
        {
            _done++;
            if (slot.Apply != null)
            {
                if (slot.Apply.IsFaulted || slot.Apply.IsCanceled) slot.Error = Unwrap(slot.Apply);
                else slot.Outcome = slot.Apply.Result ? ChangeOutcome.Changed : ChangeOutcome.Unchanged;
            }
            if (Stopping || (slot.Error is OperationCanceledException && CancellationToken.IsCancellationRequested))
            {
                _done--;
                StopWithReport(slot);
            }
            var dead = ConnectionFailure(slot.Error);
            _connectionFailuresInARow = dead == null ? 0 : _connectionFailuresInARow + 1;
            if (dead != null && (dead.HostUnreachable || _connectionFailuresInARow >= ConnectionFailuresToStop)) StopOnDeadConnection(slot, dead);

            var plan = slot.Change;
            var result = new AtlassianChangeResult
            {
                Index = slot.Index,
                Action = plan?.Action ?? DefaultAction,
                Target = plan?.Target ?? slot.Description,
                AccountId = plan?.AccountId,
                Email = plan?.Email,
                Resource = plan?.Resource,
                Outcome = slot.Error != null ? ChangeOutcome.Failed : slot.Outcome,
                Message = slot.Error?.Message ?? plan?.UnchangedReason ?? plan?.DeclinedReason,
            };
            if (slot.Error != null)
            {
                var record = ToErrorRecord(slot.Error, (object)slot.Item ?? result.Target);
                result.ErrorId = record.FullyQualifiedErrorId;
                WriteError(record);
            }
            else if (slot.Outcome == ChangeOutcome.Unchanged)
            {
                WriteVerbose($"{result.Action} '{result.Target}': unchanged ({result.Message}).");
            }
            OnReported(slot.Input, plan, result);
            _report.Add(result);
            if (PassThru) WriteObject(result);
        }

        /// <summary>
        /// The API cannot be reached (the connection's breaker is open, or several rows in a row failed to connect): every
        /// remaining item would fail the same way, so stop with one terminating error that says how many were not attempted.
        /// </summary>
        private void StopOnDeadConnection(Slot slot, Client.AtlassianApiException dead)
        {
            var notAttempted = 1;
            foreach (var other in _slots)
                if (!(other.Apply != null && other.Apply.Status == TaskStatus.RanToCompletion)) notAttempted++;
            var message = $"Stopped: the Atlassian API cannot be reached, so {notAttempted} item(s) from #{slot.Index} on were not attempted"
                          + (_inputComplete ? "" : " and the rest of the input was not read")
                          + $". Nothing was changed for them; run the same input again when the API is reachable (finished items then report Unchanged). {dead.Message}";
            Terminate(new InvalidOperationException(message, dead), slot.Item ?? (object)slot.Description, "ConnectionFailed", ErrorCategory.ConnectionError);
        }

        /// <summary>
        /// The client's connection-level error (refused, DNS, TLS, or not sent because the connection's breaker is open),
        /// however a resolver or plan wrapped it; else null.
        /// </summary>
        private static Client.AtlassianApiException ConnectionFailure(Exception error)
        {
            for (var e = error; e != null; e = e.InnerException)
                if (e is Client.AtlassianApiException api && api.IsConnectionFailure) return api;
            return null;
        }

        private static ErrorRecord ToErrorRecord(Exception error, object target) =>
            error is ItemFailedException item
                ? new ErrorRecord(item, item.ErrorId, item.Category, target)
                : ErrorRecords.From(error, target);

        private static Exception Unwrap(Task task)
        {
            if (task.IsCanceled) return new OperationCanceledException();
            var ex = task.Exception?.InnerException ?? task.Exception;
            return ex ?? new InvalidOperationException("The operation failed.");
        }

        /// <summary>-WhatIf given, or $WhatIfPreference set.</summary>
        protected internal bool WhatIfRequested()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter sw) return sw.IsPresent;
            return GetVariableValue("WhatIfPreference") is bool b && b || (GetVariableValue("WhatIfPreference") is SwitchParameter s && s.IsPresent);
        }

        private int ProgressId => 0x41544C; // stable per cmdlet family

        /// <summary>
        /// Progress at most 4 times a second, only for longer runs (no noise for one item), and only where someone can see
        /// it: not under $ProgressPreference = SilentlyContinue, and not in a runspace without a host UI (unattended
        /// runbooks such as Azure Automation's "Default Host", where progress records only cost time).
        /// </summary>
        private void ReportProgress()
        {
            var now = _clock.ElapsedMilliseconds;
            if (_index < 20 || now - _lastProgressMs < 250 || !ProgressVisible) return;
            _lastProgressMs = now;
            _progressShown = true;
            var rate = _done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var record = new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, $"{_done} of {_index} done, {Unsettled} in progress ({rate:0.#}/s)");
            if (!MyInvocation.ExpectingInput || _inputComplete)
            {
                record.PercentComplete = (int)(100L * _done / Math.Max(1, _index));
                if (rate > 0) record.SecondsRemaining = (int)((_index - _done) / rate);
            }
            WriteProgress(record);
        }

        private bool ProgressVisible
        {
            get
            {
                if (_progressVisible.HasValue) return _progressVisible.Value;
                var preference = GetVariableValue("ProgressPreference");
                var silent = preference is ActionPreference p && p == ActionPreference.SilentlyContinue
                             || string.Equals(preference?.ToString(), "SilentlyContinue", StringComparison.OrdinalIgnoreCase);
                var headless = Host == null || Host.UI == null || string.Equals(Host.Name, "Default Host", StringComparison.Ordinal);
                _progressVisible = !silent && !headless;
                return _progressVisible.Value;
            }
        }

        private sealed class Slot
        {
            public int Index;
            public PSObject Item;
            public string Description;
            public TInput Input;
            public Task<PlannedChange> Plan;
            public bool Decided;
            public PlannedChange Change;
            public Task<bool> Apply;
            public ChangeOutcome Outcome;
            public Exception Error;
        }
    }
}
