using AtlassianAdmin.Engine;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Compares desired group membership (rows of group and email or accountId) with the directory and writes the plan: Add, Remove, Keep.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsData.Compare, "AtlassianGroupMembership")]
    [OutputType(typeof(AtlassianGroupMembershipPlan))]
    public sealed class CompareAtlassianGroupMembershipCommand : DesiredStateCompareCmdlet<AtlassianGroupMembershipPlan>
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
    }
}
