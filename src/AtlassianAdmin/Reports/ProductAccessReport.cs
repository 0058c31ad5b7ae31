using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Reports
{
    /// <summary>
    /// Builds the product access report (one row per user × product) from the user search with the productAccess
    /// expansion: 100 users per request, plus the workspace list (cached per connection) for workspace names.
    /// Shared by Get-AtlassianProductAccess and Get-AtlassianLicenseSummary.
    /// </summary>
    internal sealed class ProductAccessReport
    {
        /// <summary>Roles that take a licence seat. Guests, customers, stakeholders, viewers and user-access admins are free.</summary>
        public static readonly HashSet<string> BillableRoles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "atlassian/user", "atlassian/admin", "atlassian/basic", "atlassian/contributor",
        };

        /// <summary>Product names offered by the -Product completer.</summary>
        public static readonly string[] KnownProducts = { "jira", "jira-software", "confluence", "jira-servicedesk", "jira-product-discovery" };

        public string[] Products { get; set; }
        public string[] Statuses { get; set; }
        public DateTime Today { get; set; } = DateTime.UtcNow.Date;

        /// <summary>Streams the rows (unfiltered by activity or billing; the cmdlet filters those).</summary>
        public IEnumerable<AtlassianProductAccess> Rows(OrgClient org, string orgId, string directoryId, IReadOnlyList<AtlassianWorkspace> workspaces, CancellationToken ct)
        {
            var patterns = (Products ?? Array.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => WildcardPattern.Get(p.Trim(), WildcardOptions.IgnoreCase)).ToList();
            var byId = workspaces.Where(w => w.Id != null).GroupBy(w => w.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var query = new UserQuery
            {
                Status = Statuses?.Select(s => s.ToLowerInvariant()).ToList(),
                Expand = new List<string> { "productAccess" },
            };
            if (patterns.Count > 0)
            {
                // Narrow the search to the matching workspaces when the list says which they are; otherwise filter rows only.
                var ids = workspaces.Where(w => patterns.Any(p => Matches(p, w.Product, null, w.Id))).Select(w => w.Id).ToList();
                if (ids.Count > 0) query.ResourceIds = ids;
            }
            foreach (var user in org.SearchProductAccess(orgId, directoryId, query, ct))
            {
                foreach (var p in user.Products)
                {
                    byId.TryGetValue(p.ResourceId ?? "", out var ws);
                    if (patterns.Count > 0 && !patterns.Any(x => Matches(x, p.Key, p.Name, p.ResourceId) || (ws != null && Matches(x, ws.Product, null, null))))
                        continue;
                    yield return ToRow(user, p, ws);
                }
            }
        }

        private AtlassianProductAccess ToRow(UserProductAccess user, ProductAccessEntry p, AtlassianWorkspace ws)
        {
            DateTime? lastActive = p.LastActive?.UtcDateTime.Date;
            int? days = lastActive.HasValue ? (int)(Today - lastActive.Value).TotalDays
                : user.AddedToOrg.HasValue ? (int)(Today - user.AddedToOrg.Value.UtcDateTime.Date).TotalDays : (int?)null;
            var active = string.Equals(user.Status, "active", StringComparison.OrdinalIgnoreCase);
            return new AtlassianProductAccess
            {
                AccountId = user.AccountId,
                Email = user.Email,
                Name = user.Name,
                Status = user.Status,
                AccountStatus = user.AccountStatus,
                Product = p.Key ?? ws?.Product,
                ProductName = p.Name ?? ws?.Product,
                Workspace = ws?.Name,
                WorkspaceUrl = p.Url ?? ws?.HostUrl,
                ResourceId = p.ResourceId,
                Roles = p.Roles == null ? null : string.Join(", ", p.Roles),
                // Without roles from the API, any access of an active account is counted (as the v1 access_billable does).
                Billable = active && (p.Roles == null || p.Roles.Any(BillableRoles.Contains)),
                LastActive = lastActive.HasValue ? DateTime.SpecifyKind(lastActive.Value, DateTimeKind.Utc) : (DateTime?)null,
                DaysInactive = days.HasValue ? Math.Max(0, days.Value) : (int?)null,
                AddedToOrg = user.AddedToOrg,
                DirectoryId = user.DirectoryId,
                OrgId = user.OrgId,
            };
        }

        /// <summary>A pattern matches the product key, its name, the product in the ARI (ari:cloud:&lt;product&gt;::…) or the ARI itself.</summary>
        private static bool Matches(WildcardPattern pattern, string key, string name, string ari)
        {
            if (key != null && pattern.IsMatch(key)) return true;
            if (name != null && pattern.IsMatch(name)) return true;
            if (ari == null) return false;
            if (pattern.IsMatch(ari)) return true;
            var parts = ari.Split(':');
            return parts.Length > 2 && pattern.IsMatch(parts[2]);
        }
    }
}
