using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Base;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Compares desired group membership (rows of group and email or accountId) with the directory and writes the plan: Add, Remove, Keep.</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "AtlassianGroupMembership")]
    [OutputType(typeof(AtlassianGroupMembershipPlan))]
    public sealed class CompareAtlassianGroupMembershipCommand : AtlassianConnectedCmdlet
    {
        /// <summary>A desired membership: a CSV row or object with a group column and an email or accountId column.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject InputObject { get; set; }

        /// <summary>Also plan the removal of members not listed, in the groups the input names (never in other groups).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Also write Keep steps (listed users who are already members).</summary>
        [Parameter]
        public SwitchParameter IncludeKeep { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        /// <summary>Look groups up in this directory only (default: every directory the key can manage).</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        private readonly List<DesiredRow> _rows = new List<DesiredRow>();

        protected override void Process() =>
            _rows.Add(DesiredRow.Read(_rows.Count + 1, InputObject, GroupMembershipPlanner.Columns, IgnoreColumn));

        protected override void End()
        {
            if (_rows.Count == 0) return;
            _ = OrgApi;
            var plan = Await(new GroupMembershipPlanner(ActiveConnection, DirectoryId).BuildAsync(_rows, RemoveUnlisted, CancellationToken));
            foreach (var (row, error) in plan.Errors) WriteError(new ErrorRecord(error, error.ErrorId, error.Category, row.Row));
            foreach (var w in plan.Warnings) WriteWarning(w);
            foreach (var item in plan.Items.Where(i => IncludeKeep || i.Action != "Keep")) WriteObject(item);
        }
    }
}
