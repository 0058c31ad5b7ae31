using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Makes group membership match desired rows (group and email or accountId): adds missing members and, with -RemoveUnlisted, removes unlisted ones.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsData.Sync, "AtlassianGroupMembership", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SyncAtlassianGroupMembershipCommand : ChangeCmdlet<AtlassianGroupMembershipPlan>
    {
        /// <summary>Look groups up in this directory only (default: every directory the key can manage).</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        /// <summary>Remove members not listed, in the groups the input names (never in others).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Above this many removals in total, ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter, ValidateRange(0, int.MaxValue)]
        public int MaxRemovals { get; set; } = 25;

        /// <summary>Above this share of a group's members removed (and at least 2), ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter, ValidateRange(0, 100)]
        public int MaxRemovalPercent { get; set; } = 10;

        /// <summary>Skip every confirmation, including the removal threshold (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        private DesiredStateSync<AtlassianGroupMembershipPlan> _sync;

        protected override bool SkipConfirmation => Force;

        protected override void Begin()
        {
            base.Begin();
            _sync = new DesiredStateSync<AtlassianGroupMembershipPlan>(this, (index, row) => DesiredRow.Read(index, row, GroupMembershipPlanner.Columns, IgnoreColumn));
        }

        protected override void OnInput(PSObject item) => _sync.Add(item);

        protected override void OnEndOfInput()
        {
            var limits = new RemovalLimits { MaxRemovals = MaxRemovals, MaxRemovalPercent = MaxRemovalPercent, Force = Force };
            var planner = new GroupMembershipPlanner(ActiveConnection, DirectoryId);
            foreach (var step in _sync.Steps(rows => planner.BuildAsync(rows, RemoveUnlisted, CancellationToken), limits)) Submit(PSObject.AsPSObject(step));
        }

        protected override string DeclinedBeforehand(AtlassianGroupMembershipPlan step) => _sync.DeclinedBeforehand(step);

        protected override AtlassianGroupMembershipPlan Capture(PSObject item) => (AtlassianGroupMembershipPlan)item.BaseObject;

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
