using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Reports;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Counts seats per product: users with access, billable seats, inactive and never-active billable users, suspended users holding roles.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianLicenseSummary")]
    [OutputType(typeof(AtlassianLicenseSummary))]
    public sealed class GetAtlassianLicenseSummaryCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Only these products (as for Get-AtlassianProductAccess).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ProductCompleter))]
        public string[] Product { get; set; }

        /// <summary>Billable users inactive for at least this many days are counted as Inactive (default 90).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int InactiveDays { get; set; } = 90;

        [Parameter]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            var workspaces = WorkspaceResolver.All(ActiveConnection, CancellationToken);
            var report = new ProductAccessReport { Products = Product };
            var byResource = new Dictionary<string, AtlassianLicenseSummary>();
            var users = new Dictionary<string, HashSet<string>>();
            foreach (var row in report.Rows(OrgApi, OrgId, directoryId, workspaces, CancellationToken))
            {
                var key = row.ResourceId ?? row.Product ?? "";
                if (!byResource.TryGetValue(key, out var s))
                {
                    byResource[key] = s = new AtlassianLicenseSummary
                    {
                        Product = row.Product, ProductName = row.ProductName, Workspace = row.Workspace, ResourceId = row.ResourceId,
                        InactiveDays = InactiveDays, OrgId = OrgId,
                    };
                    users[key] = new HashSet<string>();
                }
                if (!users[key].Add(row.AccountId ?? "")) continue; // one row per user and product; guard against duplicates across directories
                s.Users++;
                if (string.Equals(row.Status, "suspended", System.StringComparison.OrdinalIgnoreCase)) s.Suspended++;
                if (!row.Billable) continue;
                s.Billable++;
                if (row.DaysInactive >= InactiveDays) s.Inactive++;
                if (row.LastActive == null) s.NeverActive++;
                FlushLog();
            }
            foreach (var s in byResource.Values.OrderBy(x => x.ProductName ?? x.Product, System.StringComparer.OrdinalIgnoreCase))
                WriteObject(s);
        }
    }
}
