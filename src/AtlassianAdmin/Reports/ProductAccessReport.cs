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
    /// Builds the product access report (one row per user × workspace), per workspace in scope (correction C3):
    /// who holds which seat-taking role comes from the user search filtered by <c>resourceIds</c> + <c>roleIds</c> (one
    /// small listing per seat-taking role), who has any access and when they were last active from the search filtered by
    /// <c>resourceIds</c> with <c>expand: productAccess</c> (<c>lastActiveTimestamp</c>; absent = never). 100 users per
    /// request, no per-user call. Users who hold a licence but never used it are rows too. Shared by
    /// Get-AtlassianProductAccess and Get-AtlassianLicenseSummary.
    /// </summary>
    internal sealed class ProductAccessReport
    {
        /// <summary>Roles that take a licence seat. Guests, customers, stakeholders, viewers and user-access admins are free.</summary>
        public static readonly string[] SeatRoles = { "atlassian/user", "atlassian/admin", "atlassian/basic", "atlassian/contributor" };
        public static readonly HashSet<string> BillableRoles = new HashSet<string>(SeatRoles, StringComparer.OrdinalIgnoreCase);

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
            var statuses = Statuses?.Select(s => s.ToLowerInvariant()).ToList();
            var inScope = workspaces.Where(w => w.Id != null && (patterns.Count == 0 || patterns.Any(p => Matches(p, w.Product, w.Name, w.Id))))
                .GroupBy(w => w.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
            foreach (var ws in inScope)
            {
                // Seat-taking roles per user on this workspace: ids and role names only, so memory is small per user.
                var seats = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var role in SeatRoles)
                {
                    var byRole = new UserQuery { ResourceIds = new List<string> { ws.Id }, RoleIds = new List<string> { role } };
                    foreach (var u in org.SearchUsers(orgId, directoryId, byRole, ct))
                    {
                        if (!seats.TryGetValue(u.AccountId, out var list)) seats[u.AccountId] = list = new List<string>();
                        list.Add(role);
                    }
                }
                var access = new UserQuery { ResourceIds = new List<string> { ws.Id }, Status = statuses, Expand = new List<string> { "productAccess" } };
                foreach (var user in org.SearchProductAccess(orgId, directoryId, access, ct))
                {
                    seats.TryGetValue(user.AccountId ?? "", out var roles);
                    yield return ToRow(user, ws, ActivityOn(user, ws), roles);
                }
            }
        }

        /// <summary>The productAccess item of this workspace: by ARI, (unverified) by bare site id, or by product key.</summary>
        private static ProductAccessEntry ActivityOn(UserProductAccess user, AtlassianWorkspace ws) =>
            user.Products.FirstOrDefault(p => string.Equals(p.ResourceId, ws.Id, StringComparison.Ordinal))
            ?? user.Products.FirstOrDefault(p => p.ResourceId != null && ws.SiteId != null && string.Equals(p.ResourceId, ws.SiteId, StringComparison.Ordinal)
                                                 && (p.Key == null || string.Equals(p.Key, ws.Product, StringComparison.OrdinalIgnoreCase)))
            ?? user.Products.FirstOrDefault(p => p.ResourceId == null && string.Equals(p.Key, ws.Product, StringComparison.OrdinalIgnoreCase));

        private AtlassianProductAccess ToRow(UserProductAccess user, AtlassianWorkspace ws, ProductAccessEntry p, List<string> seatRoles)
        {
            DateTime? lastActive = p?.LastActive?.UtcDateTime.Date;
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
                Product = p?.Key ?? ws.Product,
                ProductName = ws.Product ?? p?.Key,
                Workspace = ws.Name,
                WorkspaceUrl = ws.HostUrl,
                ResourceId = ws.Id,
                Roles = seatRoles == null ? "" : string.Join(", ", seatRoles.OrderBy(r => r, StringComparer.Ordinal)),
                Billable = active && seatRoles != null && seatRoles.Count > 0,
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
