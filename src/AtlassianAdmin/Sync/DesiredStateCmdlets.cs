using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
namespace AtlassianAdmin.Sync
{
    /// <summary>
    /// Base of the Compare-* desired-state cmdlets: reads every row (strictly, see <see cref="DesiredRow"/>), plans once at
    /// the end, writes malformed rows as errors with the row as TargetObject, then the plan's steps (Keep only with -IncludeKeep).
    /// </summary>
    public abstract class DesiredStateCompareCmdlet<TStep> : AtlassianConnectedCmdlet where TStep : class
    {
        /// <summary>A desired row: a CSV row or object with the cmdlet's columns.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>Also plan the removal of members not listed, in the scopes the input names (never in others).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Also write Keep steps (listed and already there).</summary>
        [Parameter]
        public SwitchParameter IncludeKeep { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        private readonly List<DesiredRow> _rows = new List<DesiredRow>();

        /// <summary>Reads one row (pipeline thread).</summary>
        internal abstract DesiredRow ReadRow(int index, PSObject row);

        /// <summary>Plans the rows against the live state (also checks the connection has what the plan needs).</summary>
        internal abstract Task<DesiredStatePlan<TStep>> PlanAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct);

        protected override void Process() => _rows.Add(ReadRow(_rows.Count + 1, InputObject));

        protected override void End()
        {
            if (_rows.Count == 0) return;
            var plan = Await(PlanAsync(_rows, RemoveUnlisted, CancellationToken));
            DesiredStateOutput.WriteProblems(plan, WriteError, WriteWarning);
            foreach (var item in plan.Items.Where(i => IncludeKeep || DesiredStateOutput.Step(i).Action != "Keep")) WriteObject(item);
        }
    }

    /// <summary>
    /// What the Sync-* desired-state cmdlets share, held by each: the rows are collected as they come (steps from the
    /// Compare-* cmdlet are taken as they are), planned once at the end like Compare-*, the removal threshold is checked
    /// once, and the Add/Remove steps go back to the cmdlet to submit to the change engine (throttling, WhatIf/Confirm,
    /// one outcome per step).
    /// </summary>
    internal sealed class DesiredStateSync<TStep> where TStep : class
    {
        private readonly ChangeCmdlet<TStep> _cmdlet;
        private readonly Func<int, PSObject, DesiredRow> _readRow;
        private readonly List<DesiredRow> _rows = new List<DesiredRow>();
        private readonly List<TStep> _planned = new List<TStep>();
        private bool _removalsDeclined;

        /// <param name="readRow">Reads one row strictly (see <see cref="DesiredRow"/>), on the pipeline thread.</param>
        public DesiredStateSync(ChangeCmdlet<TStep> cmdlet, Func<int, PSObject, DesiredRow> readRow)
        {
            _cmdlet = cmdlet;
            _readRow = readRow;
        }

        /// <summary>One pipeline record: a step from Compare-* is applied as it is; a row is planned at the end.</summary>
        public void Add(PSObject item)
        {
            if (item?.BaseObject is TStep step) _planned.Add(step);
            else _rows.Add(_readRow(_rows.Count + 1, item));
        }

        /// <summary>
        /// After the last record: plans the rows (writing malformed rows as errors), checks the removals, and returns the
        /// Add and Remove steps to submit, in order.
        /// </summary>
        /// <param name="plan">Plans the rows against the live state.</param>
        public List<TStep> Steps(Func<IReadOnlyList<DesiredRow>, Task<DesiredStatePlan<TStep>>> plan, RemovalLimits limits)
        {
            var steps = new List<TStep>(_planned);
            var sizes = new Dictionary<string, int>();
            if (_rows.Count > 0)
            {
                var planned = _cmdlet.Await(plan(_rows));
                DesiredStateOutput.WriteProblems(planned, _cmdlet.WriteError, _cmdlet.WriteWarning);
                steps.AddRange(planned.Items);
                sizes = planned.ScopeSizes;
            }
            steps = steps.Where(s => DesiredStateOutput.Step(s).Action == "Add" || DesiredStateOutput.Step(s).Action == "Remove").ToList();
            CheckRemovalThreshold(steps.Select(DesiredStateOutput.Step).Where(s => s.Action == "Remove").ToList(), sizes, limits);
            return steps;
        }

        /// <summary>
        /// Removals are the dangerous part of a plan, so they are confirmed as a whole (adds are not: an add-only plan
        /// runs without a question). Over the threshold the question is asked even with -Confirm:$false; under it, as
        /// ConfirmImpact High would (not with -Confirm:$false). Both fail closed: the default is No, and when nobody can
        /// answer the command stops before any write with RemovalThresholdExceeded / ConfirmationRequired.
        /// </summary>
        private void CheckRemovalThreshold(List<IDesiredStateStep> removals, Dictionary<string, int> sizes, RemovalLimits limits)
        {
            var whatIf = _cmdlet.WhatIfRequested();
            if (removals.Count == 0 || limits.Force || whatIf) return;
            var reasons = new List<string>();
            if (removals.Count > limits.MaxRemovals) reasons.Add($"{removals.Count} in total (more than -MaxRemovals {limits.MaxRemovals})");
            foreach (var g in removals.GroupBy(r => r.ScopeKey))
            {
                if (!sizes.TryGetValue(g.Key, out var members) || members == 0) continue;
                var n = g.Count();
                if (n >= 2 && n * 100.0 / members > limits.MaxRemovalPercent)
                    reasons.Add($"{n} of the {members} {g.First().ScopeMembers} ({n * 100.0 / members:0.#}%, more than -MaxRemovalPercent {limits.MaxRemovalPercent})");
            }
            if (reasons.Count > 0)
            {
                var question = "The plan removes " + string.Join("; ", reasons) + ". Apply these removals?";
                var answer = Confirmation.AskDefaultNo(_cmdlet, "Large removal", question + " (default: No)");
                if (answer == Confirmation.Answer.Yes) return;
                var why = answer == Confirmation.Answer.No ? "Nothing was changed." : "Nobody can confirm this here (a non-interactive session, or input redirected from a file or pipe), so nothing was changed.";
                _cmdlet.Terminate(new InvalidOperationException(question.Replace("Apply these removals?", why + " Check the input, then run again with -Force (or raise -MaxRemovals / -MaxRemovalPercent).")),
                    null, "RemovalThresholdExceeded", ErrorCategory.LimitsExceeded);
            }
            // Under the threshold: confirm the removals once, like ConfirmImpact High (per item with -Confirm).
            if (_cmdlet.IsBound("Confirm") || !Confirmation.ShouldProcessWouldPrompt(_cmdlet, false, ConfirmImpact.High)) return;
            var scopes = string.Join(", ", removals.Select(r => r.ScopeMembers).Distinct());
            var what = $"remove {removals.Count} unlisted {(removals.Count == 1 ? "member" : "members")} ({scopes})";
            var removal = Confirmation.AskDefaultNo(_cmdlet, "Remove unlisted", $"The plan will {what}. Apply these removals? (default: No; adds are applied either way)");
            if (removal == Confirmation.Answer.Unanswered) throw new TerminatingErrorException(Confirmation.Required(_cmdlet, what, true, null));
            _removalsDeclined = removal == Confirmation.Answer.No;
        }

        /// <summary>For the engine's DeclinedBeforehand: a removal when the plan's removals were answered No.</summary>
        public string DeclinedBeforehand(TStep step) =>
            _removalsDeclined && DesiredStateOutput.Step(step).Action == "Remove" ? "Removals declined: the plan's removals were answered No." : null;
    }

    /// <summary>The Sync-* removal threshold, as the cmdlet's -MaxRemovals, -MaxRemovalPercent and -Force give it.</summary>
    internal struct RemovalLimits
    {
        public int MaxRemovals;
        public int MaxRemovalPercent;
        public bool Force;
    }

    internal static class DesiredStateOutput
    {
        /// <summary>A plan object as a step (every plan model implements <see cref="IDesiredStateStep"/>).</summary>
        public static IDesiredStateStep Step<TStep>(TStep step) => (IDesiredStateStep)step;

        /// <summary>Malformed rows as errors (the row as TargetObject), then the planner's warnings.</summary>
        public static void WriteProblems<TStep>(DesiredStatePlan<TStep> plan, Action<ErrorRecord> writeError, Action<string> writeWarning)
        {
            foreach (var (row, error) in plan.Errors) writeError(new ErrorRecord(error, error.ErrorId, error.Category, row.Row));
            foreach (var w in plan.Warnings) writeWarning(w);
        }
    }
}
