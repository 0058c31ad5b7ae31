#nullable enable
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>Directory statistics: <c>GET /v2/…/users/stats</c> and <c>/groups/stats</c> (jira.js multiDirectoryUserStats, multiDirectoryGroupStats).</summary>
    public sealed partial class OrgClient
    {
        public Task<UserStatsWire?> GetUserStatsAsync(string orgId, string? directoryId, CancellationToken ct) =>
            _api.GetAsync<UserStatsWire>(Dir(orgId, directoryId) + "/users/stats", ct);

        public Task<GroupStatsWire?> GetGroupStatsAsync(string orgId, string? directoryId, CancellationToken ct) =>
            _api.GetAsync<GroupStatsWire>(Dir(orgId, directoryId) + "/groups/stats", ct);

        public sealed class UserStatsWire
        {
            public List<CountOf>? Roles { get; set; }
            public List<CountOf>? AccountStatus { get; set; }
        }

        public sealed class GroupStatsWire
        {
            public List<CountOf>? Types { get; set; }
            public GroupTotals? Totals { get; set; }
        }

        /// <summary>One count; the key is <c>roleId</c>, <c>status</c> or <c>type</c> depending on the list.</summary>
        public sealed class CountOf
        {
            public string? RoleId { get; set; }
            public string? Status { get; set; }
            public string? Type { get; set; }
            public long? Count { get; set; }
        }

        public sealed class GroupTotals
        {
            public long? All { get; set; }
            public long? Synced { get; set; }
            public long? Managed { get; set; }
        }
    }
}
