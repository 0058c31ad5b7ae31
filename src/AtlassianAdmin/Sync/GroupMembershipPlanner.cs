using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Sync
{
    /// <summary>
    /// Desired group membership (rows of group + user) → plan (Add / Remove / Keep). Groups are resolved once each
    /// (per-connection cache), users in batches of 100, and each named group's members are listed once. Removal of
    /// unlisted members is only for groups named in the rows, only when asked, and never for a group with a malformed
    /// row (the row might have named a member): then a warning says so.
    /// </summary>
    internal sealed class GroupMembershipPlanner
    {
        public static readonly Dictionary<string, string[]> Columns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["group"] = new[] { "group", "GroupName", "group_name", "GroupId", "group_id" },
        };

        private readonly AtlassianConnection _connection;
        private readonly UserResolver _users;
        private readonly string _directoryId;

        public GroupMembershipPlanner(AtlassianConnection connection, string directoryId)
        {
            _connection = connection;
            _directoryId = string.IsNullOrWhiteSpace(directoryId) ? null : directoryId.Trim();
            _users = new UserResolver(connection.Org, connection.OrgId, connection.Cache);
        }

        public async Task<DesiredStatePlan<AtlassianGroupMembershipPlan>> BuildAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct)
        {
            var plan = new DesiredStatePlan<AtlassianGroupMembershipPlan>();
            var failed = new Dictionary<int, ItemFailedException>();
            foreach (var r in rows.Where(r => r.Error != null)) failed[r.Index] = r.Error;

            // 1. Groups, once per distinct text.
            var groupTexts = rows.Where(r => r.Error == null).Select(r => r.Value("group")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var resolver = new AtlassianAdmin.Directories.OrgGroupDirectory(_connection);
            var groupTasks = groupTexts.ToDictionary(t => t, t => PlanTasks.Capture(resolver.ResolveOrgAsync(new GroupPipeBind(t), _directoryId, ct)), StringComparer.OrdinalIgnoreCase);
            await Task.WhenAll(groupTasks.Values).ConfigureAwait(false);

            // 2. Users, batched, in the group's directory.
            var userTasks = new Dictionary<int, Task<(AtlassianUser, Exception)>>();
            foreach (var r in rows.Where(r => r.Error == null))
            {
                var (group, error) = groupTasks[r.Value("group")].Result;
                if (error != null) { failed[r.Index] = PlanTasks.AsItemError(error, r.Index); continue; }
                if (group.ExternalSynced)
                {
                    failed[r.Index] = new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                        $"Row {r.Index}: group '{group.Name}' is synced from an identity provider; manage its members there.");
                    continue;
                }
                userTasks[r.Index] = PlanTasks.Capture(_users.ResolveAsync(new UserRef { AccountId = r.AccountId, Email = r.AccountId == null ? r.Email : null, DirectoryId = group.DirectoryId }, ct));
            }
            await Task.WhenAll(userTasks.Values).ConfigureAwait(false);

            // 3. Members of each group named by a good row, listed once.
            var groups = new List<AtlassianGroup>();
            var desired = new Dictionary<string, List<(DesiredRow row, AtlassianUser user)>>();
            foreach (var r in rows)
            {
                if (failed.ContainsKey(r.Index) || !userTasks.TryGetValue(r.Index, out var ut)) continue;
                var (user, error) = ut.Result;
                if (error != null) { failed[r.Index] = PlanTasks.AsItemError(error, r.Index); continue; }
                var group = groupTasks[r.Value("group")].Result.Item1;
                if (!desired.TryGetValue(group.Id, out var list)) { desired[group.Id] = list = new List<(DesiredRow, AtlassianUser)>(); groups.Add(group); }
                list.Add((r, user));
            }
            var memberTasks = groups.ToDictionary(g => g.Id, g =>
                Client.Paging.CursorStream.ToListAsync(_connection.Org.SearchUsers(_connection.OrgId, g.DirectoryId, new UserQuery { GroupIds = new List<string> { g.Id } }, ct), ct));
            await Task.WhenAll(memberTasks.Values).ConfigureAwait(false);

            // Groups a malformed row may have meant: no removals there.
            var unsafeGroups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var unsafeAll = false;
            foreach (var r in rows.Where(r => failed.ContainsKey(r.Index)))
            {
                var e = failed[r.Index];
                if (e.ErrorId == "UserNotFound" || e.ErrorId == "GroupNotFound" || e.ErrorId == "GroupExternallyManaged") continue; // can't be a member of a group here
                if (r.Value("group") == null) unsafeAll = true; else unsafeGroups.Add(r.Value("group"));
            }

            // 4. The plan, group by group: listed users in row order (Add / Keep), then unlisted members (Remove).
            foreach (var group in groups)
            {
                var members = memberTasks[group.Id].Result;
                var memberIds = new HashSet<string>(members.Select(m => m.AccountId), StringComparer.Ordinal);
                plan.ScopeSizes[group.Id] = members.Count;
                var listed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (row, user) in desired[group.Id])
                {
                    if (!listed.Add(user.AccountId)) continue; // the same user twice in one group
                    var isMember = memberIds.Contains(user.AccountId);
                    plan.Items.Add(Item(isMember ? "Keep" : "Add", group, user, isMember ? "listed and a member" : "listed, not a member", row.Index));
                }
                if (!removeUnlisted) continue;
                if (unsafeAll || unsafeGroups.Contains(group.Name) || unsafeGroups.Contains(group.Id))
                {
                    var unlisted = members.Count(m => !listed.Contains(m.AccountId));
                    if (unlisted > 0)
                        plan.Warnings.Add($"Group '{group.Name}': {unlisted} unlisted member(s) were not planned for removal because the input has malformed rows that may name members of this group. Fix those rows and run again.");
                    continue;
                }
                foreach (var m in members.Where(m => !listed.Contains(m.AccountId)).OrderBy(m => m.Email ?? m.Name, StringComparer.OrdinalIgnoreCase))
                    plan.Items.Add(Item("Remove", group, m, "a member, not listed", null));
            }
            foreach (var r in rows.Where(r => failed.ContainsKey(r.Index))) plan.Errors.Add((r, failed[r.Index]));
            return plan;
        }

        private static AtlassianGroupMembershipPlan Item(string action, AtlassianGroup group, AtlassianUser user, string reason, int? row) => new AtlassianGroupMembershipPlan
        {
            Action = action, Group = group.Name, GroupId = group.Id, AccountId = user.AccountId, Email = user.Email, Name = user.Name,
            Reason = reason, Row = row, DirectoryId = group.DirectoryId,
        };
    }
}
