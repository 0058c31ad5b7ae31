using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Reports;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Reports who can use which product: one row per user and product, with roles, billing and last activity.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianProductAccess", SupportsPaging = true)]
    [OutputType(typeof(AtlassianProductAccess))]
    public sealed class GetAtlassianProductAccessCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Only these products: key (jira-software), name (Jira), the product of the ARI (jira) or the ARI; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ProductCompleter))]
        public string[] Product { get; set; }

        /// <summary>Only users with these directory statuses.</summary>
        [Parameter]
        [ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Only rows inactive for at least this many days (never used: counted from when the user joined).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int InactiveDays { get; set; }

        /// <summary>Only billable rows (-Billable:$false: only non-billable ones).</summary>
        [Parameter]
        public SwitchParameter Billable { get; set; }

        /// <summary>Directory to read; defaults to the org's only directory, or all directories when there are several.</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            var workspaces = WorkspaceResolver.All(ActiveConnection, CancellationToken);
            var report = new ProductAccessReport { Products = Product, Statuses = Status };
            var billableBound = IsBound(nameof(Billable));
            var inactiveBound = IsBound(nameof(InactiveDays));
            foreach (var row in report.Rows(OrgApi, OrgId, directoryId, workspaces, CancellationToken))
            {
                if (billableBound && row.Billable != Billable.IsPresent) continue;
                if (inactiveBound && !(row.DaysInactive >= InactiveDays)) continue;
                if (!WritePaged(row)) break;
            }
        }
    }
}
