using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Organization
{
    /// <summary>
    /// <para type="synopsis">Gets the directory's user and group statistics: users per role and account status, groups per type and how many are synced.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianDirectoryStatistic")]
    [OutputType(typeof(AtlassianDirectoryStatistic))]
    public sealed class GetAtlassianDirectoryStatisticCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Directory to read; defaults to the org's only directory, or all directories (<c>-</c>) when there are several.</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            var dir = ResolveDirectoryId(DirectoryId, allowAll: true);
            var users = OrgApi.GetUserStatsAsync(OrgId, dir, CancellationToken);
            var groups = OrgApi.GetGroupStatsAsync(OrgId, dir, CancellationToken);
            Await(Task.WhenAll(users, groups));
            AtlassianDirectoryStatistic Row(string kind, string name, long? count) => new AtlassianDirectoryStatistic { Kind = kind, Name = name, Count = count, DirectoryId = dir };
            foreach (var r in users.Result?.Roles ?? new System.Collections.Generic.List<Client.Org.OrgClient.CountOf>()) WriteObject(Row("UsersByRole", r.RoleId, r.Count));
            foreach (var r in users.Result?.AccountStatus ?? new System.Collections.Generic.List<Client.Org.OrgClient.CountOf>()) WriteObject(Row("UsersByAccountStatus", r.Status, r.Count));
            foreach (var r in groups.Result?.Types ?? new System.Collections.Generic.List<Client.Org.OrgClient.CountOf>()) WriteObject(Row("GroupsByType", r.Type, r.Count));
            var totals = groups.Result?.Totals;
            if (totals != null)
            {
                WriteObject(Row("Groups", "all", totals.All));
                WriteObject(Row("Groups", "synced", totals.Synced));
                WriteObject(Row("Groups", "managed", totals.Managed));
            }
        }
    }
}
