using System.Collections.Generic;
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
    public sealed class SyncAtlassianGroupMembershipCommand : DesiredStateSyncCmdlet<AtlassianGroupMembershipPlan>
    {
        /// <summary>Look groups up in this directory only (default: every directory the key can manage).</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        internal override DesiredRow ReadRow(int index, PSObject row) =>
            DesiredRow.Read(index, row, GroupMembershipPlanner.Columns, IgnoreColumn);

        internal override Task<DesiredStatePlan<AtlassianGroupMembershipPlan>> PlanAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct)
        {
            _ = OrgApi;
            return new GroupMembershipPlanner(ActiveConnection, DirectoryId).BuildAsync(rows, removeUnlisted, ct);
        }

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
