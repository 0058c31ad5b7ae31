using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Makes group membership match desired rows (group and email or accountId): adds missing members and, with -RemoveUnlisted, removes unlisted ones.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "AtlassianGroupMembership", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SyncAtlassianGroupMembershipCommand : ChangeCmdlet<AtlassianGroupMembershipPlan>
    {
        /// <summary>Remove members not listed, in the groups the input names (never in other groups).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Above this many removals in total, ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRemovals { get; set; } = 25;

        /// <summary>Above this share of a group's members removed (and at least 2), ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter]
        [ValidateRange(0, 100)]
        public int MaxRemovalPercent { get; set; } = 10;

        /// <summary>Skip every confirmation, including the removal threshold (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        /// <summary>Look groups up in this directory only (default: every directory the key can manage).</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly List<DesiredRow> _rows = new List<DesiredRow>();
        private readonly List<AtlassianGroupMembershipPlan> _planned = new List<AtlassianGroupMembershipPlan>();

        protected override void OnInput(PSObject item)
        {
            // Steps from Compare-AtlassianGroupMembership are applied as they are; rows are planned at the end.
            if (item?.BaseObject is AtlassianGroupMembershipPlan step) _planned.Add(step);
            else _rows.Add(DesiredRow.Read(_rows.Count + 1, item, GroupMembershipPlanner.Columns, IgnoreColumn));
        }

        protected override void OnEndOfInput()
        {
            var steps = new List<AtlassianGroupMembershipPlan>(_planned);
            var counts = new Dictionary<string, int>();
            if (_rows.Count > 0)
            {
                _ = OrgApi;
                var plan = Await(new GroupMembershipPlanner(ActiveConnection, DirectoryId).BuildAsync(_rows, RemoveUnlisted, CancellationToken));
                foreach (var (row, error) in plan.Errors) WriteError(new ErrorRecord(error, error.ErrorId, error.Category, row.Row));
                foreach (var w in plan.Warnings) WriteWarning(w);
                steps.AddRange(plan.Items);
                counts = plan.MemberCounts;
            }
            steps = steps.Where(s => s.Action == "Add" || s.Action == "Remove").ToList();
            CheckRemovalThreshold(steps.Where(s => s.Action == "Remove").ToList(), counts);
            foreach (var s in steps) Submit(PSObject.AsPSObject(s));
        }

        private void CheckRemovalThreshold(List<AtlassianGroupMembershipPlan> removals, Dictionary<string, int> counts)
        {
            if (removals.Count == 0 || Force || WhatIf()) return;
            var reasons = new List<string>();
            if (removals.Count > MaxRemovals) reasons.Add($"{removals.Count} removals in total (more than -MaxRemovals {MaxRemovals})");
            foreach (var g in removals.GroupBy(r => r.GroupId))
            {
                if (!counts.TryGetValue(g.Key, out var members) || members == 0) continue;
                var n = g.Count();
                if (n >= 2 && n * 100.0 / members > MaxRemovalPercent)
                    reasons.Add($"{n} of the {members} members of '{g.First().Group}' ({n * 100.0 / members:0.#}%, more than -MaxRemovalPercent {MaxRemovalPercent})");
            }
            if (reasons.Count == 0) return;
            var question = "The plan removes " + string.Join("; ", reasons) + ". Apply these removals?";
            bool yes;
            try { yes = ShouldContinue(question, "Large removal"); }
            catch (Exception e) when (e is PSInvalidOperationException || e is System.Management.Automation.Host.HostException || e is NotImplementedException)
            {
                yes = false; // no one to ask (unattended run): the safe answer
            }
            if (!yes)
                Terminate(new InvalidOperationException(question.Replace("Apply these removals?", "Nothing was changed. Check the input, then run again with -Force (or raise -MaxRemovals / -MaxRemovalPercent).")),
                    null, "RemovalThresholdExceeded", ErrorCategory.LimitsExceeded);
        }

        private bool WhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v) && v is SwitchParameter sw) return sw.IsPresent;
            var pref = GetVariableValue("WhatIfPreference");
            return pref is bool b && b || pref is SwitchParameter s && s.IsPresent;
        }

        protected override AtlassianGroupMembershipPlan Capture(PSObject item) => (AtlassianGroupMembershipPlan)item.BaseObject;

        protected override string DescribeInput(PSObject item, AtlassianGroupMembershipPlan input) => item?.BaseObject?.ToString();

        protected override Task<PlannedChange> PlanAsync(AtlassianGroupMembershipPlan step, CancellationToken ct)
        {
            var add = step.Action == "Add";
            var change = new PlannedChange
            {
                Action = add ? "Add group member" : "Remove group member",
                Target = string.IsNullOrEmpty(step.Email) ? $"{step.Name} ({step.AccountId})" : $"{step.Name} <{step.Email}>",
                Resource = "group " + step.Group, AccountId = step.AccountId, Email = step.Email,
            };
            change.Apply = async t =>
            {
                if (add) await OrgApi.AddGroupMemberAsync(OrgId, step.DirectoryId, step.GroupId, step.AccountId, t).ConfigureAwait(false);
                else await OrgApi.RemoveGroupMemberAsync(OrgId, step.DirectoryId, step.GroupId, step.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return Task.FromResult(change);
        }
    }
}
