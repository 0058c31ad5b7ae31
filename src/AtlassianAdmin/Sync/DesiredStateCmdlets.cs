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
    /// Base of the Sync-* desired-state cmdlets: plans like Compare-* (or takes its steps as they are), checks the removal
    /// threshold once, then applies each Add/Remove step through the shared change engine (throttling, WhatIf/Confirm,
    /// one outcome per step).
    /// </summary>
    public abstract class DesiredStateSyncCmdlet<TStep> : ChangeCmdlet<TStep> where TStep : class
    {
        /// <summary>Remove members not listed, in the scopes the input names (never in others).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Above this many removals in total, ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRemovals { get; set; } = 25;

        /// <summary>Above this share of a scope's members removed (and at least 2), ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaxRemovalPercent { get; set; } = 10;

        /// <summary>Skip every confirmation, including the removal threshold (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly List<DesiredRow> _rows = new List<DesiredRow>();
        private readonly List<TStep> _planned = new List<TStep>();

        internal abstract DesiredRow ReadRow(int index, PSObject row);

        internal abstract Task<DesiredStatePlan<TStep>> PlanAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct);

        protected override void OnInput(PSObject item)
        {
            // Steps from the Compare-* cmdlet are applied as they are; rows are planned at the end.
            if (item?.BaseObject is TStep step) _planned.Add(step);
            else _rows.Add(ReadRow(_rows.Count + 1, item));
        }

        protected override void OnEndOfInput()
        {
            var steps = new List<TStep>(_planned);
            var sizes = new Dictionary<string, int>();
            if (_rows.Count > 0)
            {
                var plan = Await(PlanAsync(_rows, RemoveUnlisted, CancellationToken));
                DesiredStateOutput.WriteProblems(plan, WriteError, WriteWarning);
                steps.AddRange(plan.Items);
                sizes = plan.ScopeSizes;
            }
            steps = steps.Where(s => DesiredStateOutput.Step(s).Action == "Add" || DesiredStateOutput.Step(s).Action == "Remove").ToList();
            CheckRemovalThreshold(steps.Select(DesiredStateOutput.Step).Where(s => s.Action == "Remove").ToList(), sizes);
            foreach (var s in steps) Submit(PSObject.AsPSObject(s));
        }

        private bool _removalsDeclined;

        /// <summary>
        /// Removals are the dangerous part of a plan, so they are confirmed as a whole (adds are not: an add-only plan
        /// runs without a question). Over the threshold the question is asked even with -Confirm:$false; under it, as
        /// ConfirmImpact High would (not with -Confirm:$false). Both fail closed: the default is No, and when nobody can
        /// answer the command stops before any write with RemovalThresholdExceeded / ConfirmationRequired.
        /// </summary>
        private void CheckRemovalThreshold(List<IDesiredStateStep> removals, Dictionary<string, int> sizes)
        {
            var whatIf = WhatIfRequested();
            if (removals.Count == 0 || Force || whatIf) return;
            var reasons = new List<string>();
            if (removals.Count > MaxRemovals) reasons.Add($"{removals.Count} in total (more than -MaxRemovals {MaxRemovals})");
            foreach (var g in removals.GroupBy(r => r.ScopeKey))
            {
                if (!sizes.TryGetValue(g.Key, out var members) || members == 0) continue;
                var n = g.Count();
                if (n >= 2 && n * 100.0 / members > MaxRemovalPercent)
                    reasons.Add($"{n} of the {members} {g.First().ScopeMembers} ({n * 100.0 / members:0.#}%, more than -MaxRemovalPercent {MaxRemovalPercent})");
            }
            if (reasons.Count > 0)
            {
                var question = "The plan removes " + string.Join("; ", reasons) + ". Apply these removals?";
                var answer = Confirmation.AskDefaultNo(this, "Large removal", question + " (default: No)");
                if (answer == Confirmation.Answer.Yes) return;
                var why = answer == Confirmation.Answer.No ? "Nothing was changed." : "Nobody can confirm this here (a non-interactive session, or input redirected from a file or pipe), so nothing was changed.";
                Terminate(new InvalidOperationException(question.Replace("Apply these removals?", why + " Check the input, then run again with -Force (or raise -MaxRemovals / -MaxRemovalPercent).")),
                    null, "RemovalThresholdExceeded", ErrorCategory.LimitsExceeded);
            }
            // Under the threshold: confirm the removals once, like ConfirmImpact High (per item with -Confirm).
            if (IsBound("Confirm") || !Confirmation.ShouldProcessWouldPrompt(this, false, ConfirmImpact.High)) return;
            var scopes = string.Join(", ", removals.Select(r => r.ScopeMembers).Distinct());
            var what = $"remove {removals.Count} unlisted {(removals.Count == 1 ? "member" : "members")} ({scopes})";
            var removal = Confirmation.AskDefaultNo(this, "Remove unlisted", $"The plan will {what}. Apply these removals? (default: No; adds are applied either way)");
            if (removal == Confirmation.Answer.Unanswered) throw new TerminatingErrorException(Confirmation.Required(this, what, true, null));
            _removalsDeclined = removal == Confirmation.Answer.No;
        }

        protected override string DeclinedBeforehand(TStep step) =>
            _removalsDeclined && DesiredStateOutput.Step(step).Action == "Remove" ? "Removals declined: the plan's removals were answered No." : null;

        protected override TStep Capture(PSObject item) => (TStep)item.BaseObject;

        protected override string DescribeInput(PSObject item, TStep input) => item?.BaseObject?.ToString();
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
