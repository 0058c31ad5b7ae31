using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Reports;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Reports
{
    /// <summary>
    /// <para type="synopsis">Finds licence seats to take back: users holding a product they have not used for N days (or never), minus admins, app/service accounts and an allow list.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Find, "AtlassianUnusedLicense", SupportsPaging = true)]
    [OutputType(typeof(AtlassianLicenseReclaim), typeof(AtlassianLicenseReclaimSummary))]
    public sealed class FindAtlassianUnusedLicenseCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Default patterns for service accounts, matched against the email and the name.</summary>
        public static readonly string[] DefaultServiceAccountPatterns = { "svc-*", "svc.*", "svc_*", "*-bot@*", "*.bot@*", "noreply*", "no-reply*", "*service account*" };

        private const int Concurrency = 8;

        /// <summary>Only these products (as for Get-AtlassianProductAccess).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(ProductCompleter))]
        public string[] Product { get; set; }

        /// <summary>Unused for at least this many days (never used: since joining the org). Default 90.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int InactiveDays { get; set; } = 90;

        /// <summary>A CSV of people to keep (email and/or accountId column, any of the usual names).</summary>
        [Parameter]
        public string AllowListPath { get; set; }

        /// <summary>More people to keep: emails or accountIds.</summary>
        [Parameter]
        public string[] Exclude { get; set; }

        /// <summary>Wildcards for service accounts, matched against email and name (default: svc-*, *-bot@*, noreply*, …). @() turns it off.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[] ServiceAccountPattern { get; set; } = DefaultServiceAccountPatterns;

        /// <summary>Keep admins (default: admins of the product, site or org are excluded). With it, admins are candidates too.</summary>
        [Parameter]
        public SwitchParameter IncludeAdmins { get; set; }

        /// <summary>Also write excluded candidates, with Excluded and ExclusionReason set.</summary>
        [Parameter]
        public SwitchParameter IncludeExcluded { get; set; }

        /// <summary>Write seats freed per product instead of the rows.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        [Parameter]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            var directoryId = ResolveDirectoryId(DirectoryId, allowAll: true);
            var keep = AllowList();
            var patterns = (ServiceAccountPattern ?? Array.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => WildcardPattern.Get(p.Trim(), WildcardOptions.IgnoreCase)).ToList();
            var workspaces = WorkspaceResolver.All(ActiveConnection, CancellationToken);
            var report = new ProductAccessReport { Products = Product };

            // 1. Access joined with activity, in bulk (no per-user reads): billable rows inactive long enough.
            var candidates = new List<AtlassianProductAccess>();
            var billable = new Dictionary<string, (AtlassianProductAccess First, int Count)>(StringComparer.Ordinal);
            foreach (var row in report.Rows(OrgApi, OrgId, directoryId, workspaces, CancellationToken))
            {
                if (!row.Billable) continue;
                var key = row.ResourceId ?? row.Product ?? "";
                billable[key] = billable.TryGetValue(key, out var b) ? (b.First, b.Count + 1) : (row, 1);
                if (row.DaysInactive >= InactiveDays) candidates.Add(row);
                FlushLog();
            }

            // 2. Only for the candidates: who they are (account type) and how each role is held (direct, group, admin roles).
            var users = new UserResolver(OrgApi, OrgId, ActiveConnection.Cache);
            var gate = new SemaphoreSlim(Concurrency);
            var details = candidates.Select(c => c.AccountId).Distinct().ToDictionary(id => id, id => Task.Run(async () =>
            {
                var user = await users.ResolveAsync(new UserRef { AccountId = id, DirectoryId = directoryId }, CancellationToken).ConfigureAwait(false);
                await gate.WaitAsync(CancellationToken).ConfigureAwait(false);
                try
                {
                    var roles = await Client.Paging.CursorStream.ToListAsync(OrgApi.ListUserRoleAssignments(OrgId, user.DirectoryId ?? directoryId, id, CancellationToken), CancellationToken).ConfigureAwait(false);
                    // Role assignments say "through a group" but not which (C4): the groups of the user that grant a seat role
                    // on one of the candidate workspaces, minus those an identity provider syncs (their membership is the IdP's).
                    var resources = candidates.Where(c => c.AccountId == id).Select(c => c.ResourceId).Where(r => r != null).Distinct().ToList();
                    var groups = roles.Any(r => r.Via != "Direct" && resources.Contains(r.ResourceId))
                        ? (await Client.Paging.CursorStream.ToListAsync(OrgApi.SearchGroups(OrgId, user.DirectoryId ?? directoryId, new Client.Org.GroupQuery
                        {
                            AccountIds = new List<string> { id }, ResourceIds = resources, RoleIds = ProductAccessReport.SeatRoles.ToList(),
                        }, CancellationToken), CancellationToken).ConfigureAwait(false)).Where(g => !g.ExternalSynced).ToList()
                        : new List<AtlassianGroup>();
                    return (user, roles, groups);
                }
                finally { gate.Release(); }
            }, CancellationToken));

            var summaries = new Dictionary<string, AtlassianLicenseReclaimSummary>(StringComparer.Ordinal);
            foreach (var kv in billable)
                summaries[kv.Key] = new AtlassianLicenseReclaimSummary
                {
                    ProductKey = kv.Value.First.Product, Workspace = kv.Value.First.Workspace, ResourceId = kv.Value.First.ResourceId,
                    Billable = kv.Value.Count, InactiveDays = InactiveDays,
                };

            foreach (var c in candidates)
            {
                AtlassianUser user;
                List<AtlassianRoleAssignment> assignments;
                List<AtlassianGroup> userGroups;
                try { (user, assignments, userGroups) = Await(details[c.AccountId]); }
                catch (Exception e) when (!(e is PipelineStoppedException)) { WriteItemError(e, c.AccountId); continue; }
                var onWorkspace = assignments.Where(a => string.Equals(a.ResourceId, c.ResourceId, StringComparison.Ordinal) && ProductAccessReport.BillableRoles.Contains(a.RoleId ?? "")).ToList();
                var reason = ExclusionFor(user, assignments, keep, patterns);
                var summary = summaries[c.ResourceId ?? c.Product ?? ""];
                if (reason != null) summary.Excluded++;
                else
                {
                    summary.SeatsFreed++;
                    if (c.LastActive == null) summary.NeverActive++;
                }
                if (Summary || (reason != null && !IncludeExcluded)) continue;
                // One row per seat role; a role held both ways needs both the revoke and the membership removal.
                foreach (var role in onWorkspace.GroupBy(a => a.RoleId))
                {
                    var direct = role.Any(a => a.Via == "Direct");
                    var throughGroups = role.Any(a => a.Via != "Direct");
                    var groups = !throughGroups ? new List<string>()
                        : role.Where(a => a.GroupId != null).Select(a => a.GroupId)
                            .Concat(userGroups.Select(g => g.Id)).Distinct()
                            .Select(gid => userGroups.FirstOrDefault(g => g.Id == gid)?.Name).Where(n => n != null).Distinct().ToList();
                    WritePaged(new AtlassianLicenseReclaim
                    {
                        AccountId = c.AccountId, Email = c.Email, Name = c.Name, Status = c.Status, AccountType = user.AccountType,
                        ProductKey = c.Product, WorkspaceName = c.Workspace, ResourceId = c.ResourceId, Role = role.Key,
                        Via = direct && throughGroups ? "Direct, Group" : direct ? "Direct" : role.Select(a => a.Via).FirstOrDefault(v => v != null && v != "Direct") ?? "Group",
                        Groups = groups.Count == 0 ? null : string.Join("; ", groups),
                        LastActive = c.LastActive, NeverActive = c.LastActive == null, DaysInactive = c.DaysInactive,
                        Action = !throughGroups ? "RevokeRole" : groups.Count == 0 ? "Suspend" : direct ? "RevokeRole, RemoveGroupMembership" : "RemoveGroupMembership",
                        Excluded = reason != null, ExclusionReason = reason, DirectoryId = c.DirectoryId,
                    });
                }
            }
            if (Summary)
                foreach (var s in summaries.Values.OrderBy(x => x.ProductKey, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.Workspace, StringComparer.OrdinalIgnoreCase))
                    if (!WritePaged(s)) break;
        }

        private string ExclusionFor(AtlassianUser user, List<AtlassianRoleAssignment> roles, HashSet<string> keep, List<WildcardPattern> patterns)
        {
            if (keep.Contains(user.AccountId ?? "") || (user.Email != null && keep.Contains(user.Email))) return "allow list";
            if (!string.Equals(user.AccountType ?? "atlassian", "atlassian", StringComparison.OrdinalIgnoreCase)) return "app account (" + user.AccountType + ")";
            var pattern = patterns.FirstOrDefault(p => (user.Email != null && p.IsMatch(user.Email)) || (user.Name != null && p.IsMatch(user.Name)));
            if (pattern != null) return "service account";
            if (!IncludeAdmins)
            {
                var admin = roles.FirstOrDefault(r => r.RoleId == "atlassian/admin" || r.RoleId == "atlassian/org-admin" || r.RoleId == "atlassian/site-admin");
                if (admin != null) return "admin (" + admin.RoleId + ")";
            }
            return null;
        }

        /// <summary>Emails and accountIds to keep, from -AllowListPath (a CSV) and -Exclude.</summary>
        private HashSet<string> AllowList()
        {
            var keep = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var e in Exclude ?? Array.Empty<string>()) if (!string.IsNullOrWhiteSpace(e)) keep.Add(e.Trim());
            if (string.IsNullOrEmpty(AllowListPath)) return keep;
            var path = GetUnresolvedProviderPathFromPSPath(AllowListPath);
            if (!System.IO.File.Exists(path))
                Terminate(new System.IO.FileNotFoundException($"The allow list '{path}' does not exist."), AllowListPath, "AllowListNotFound", ErrorCategory.ObjectNotFound);
            var columns = new[] { "accountId", "account_id", "aaid", "email", "emailAddress", "mail", "UserPrincipalName", "upn" };
            var lines = System.IO.File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            var header = lines.Count == 0 ? new List<string>() : CsvFields(lines[0]);
            var wanted = header.Select((name, i) => (name: name.Trim(), i)).Where(h => columns.Any(c => string.Equals(c, h.name, StringComparison.OrdinalIgnoreCase))).Select(h => h.i).ToList();
            if (wanted.Count == 0 && lines.Count > 0)
                WriteWarning($"The allow list '{path}' has no email or accountId column; nobody is excluded by it.");
            foreach (var line in lines.Skip(1))
            {
                var fields = CsvFields(line);
                foreach (var i in wanted)
                    if (i < fields.Count && !string.IsNullOrWhiteSpace(fields[i])) keep.Add(fields[i].Trim());
            }
            return keep;
        }

        /// <summary>The fields of one CSV line (commas, double quotes with "" escapes), as Export-Csv writes them.</summary>
        internal static List<string> CsvFields(string line)
        {
            var fields = new List<string>();
            var current = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else current.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { fields.Add(current.ToString()); current.Clear(); }
                else current.Append(ch);
            }
            fields.Add(current.ToString());
            return fields;
        }
    }
}
