using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Sync
{
    /// <summary>
    /// Desired project-role actors (rows of project + role + a user or a group) → plan (Add / Remove / Keep). Each
    /// (project, role) pair is resolved and its actors read once; users and groups are resolved once each through the
    /// connection's <see cref="SiteDirectory"/> cache. Removal of unlisted actors is only for pairs named in the rows,
    /// only when asked, only of the kinds <see cref="ProjectRoleActorType"/> selects, and never for a pair with a
    /// malformed row (the row might have named an actor): then a warning says so.
    /// </summary>
    internal sealed class ProjectRolePlanner
    {
        public static readonly Dictionary<string, string[]> Columns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["project"] = new[] { "project", "ProjectKey", "project_key" },
            ["role"] = new[] { "role", "RoleName", "role_name" },
        };

        /// <summary>A group (name or id) instead of a user: the same column names as the group membership rows.</summary>
        public static readonly Dictionary<string, string[]> ActorColumns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["group"] = GroupMembershipPlanner.Columns["group"],
        };

        private readonly SiteDirectory _site;

        public ProjectRolePlanner(AtlassianConnection connection) => _site = new SiteDirectory(connection);

        public static DesiredRow Read(int index, PSObject row, IEnumerable<string> ignore) =>
            DesiredRow.Read(index, row, Columns, ignore, actorColumns: ActorColumns);

        private sealed class Scope
        {
            public string ProjectKey;
            public string RoleName;
            public long RoleId;
            public string Key => $"{ProjectKey}/{RoleId}";
        }

        private sealed class Actor
        {
            public JiraUser User;
            public JiraGroup Group;
        }

        private static string PairText(DesiredRow r) =>
            r.Value("project") == null || r.Value("role") == null ? null : r.Value("project").ToUpperInvariant() + "\n" + r.Value("role").ToLowerInvariant();

        private static string ActorText(DesiredRow r) =>
            r.Value("group") != null ? "g:" + r.Value("group").ToLowerInvariant() : r.AccountId != null ? "a:" + r.AccountId : "e:" + r.Email?.ToLowerInvariant();

        public async Task<DesiredStatePlan<AtlassianProjectRolePlan>> BuildAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, ProjectRoleActorType actorType, CancellationToken ct)
        {
            var plan = new DesiredStatePlan<AtlassianProjectRolePlan>();
            var failed = new Dictionary<int, ItemFailedException>();
            foreach (var r in rows.Where(r => r.Error != null)) failed[r.Index] = r.Error;

            // 1. (project, role) pairs, once per distinct text; also for malformed rows, to know which pairs they may mean.
            var pairTasks = rows.Select(PairText).Where(t => t != null).Distinct()
                .ToDictionary(t => t, t => PlanTasks.Capture(ResolveScopeAsync(t.Split('\n')[0], rows.First(r => PairText(r) == t).Value("role"), ct)));
            // 2. Users and groups of good rows, once per distinct text.
            var actorTasks = rows.Where(r => r.Error == null).GroupBy(ActorText).ToDictionary(g => g.Key, g => PlanTasks.Capture(ResolveActorAsync(g.First(), ct)));
            await Task.WhenAll(pairTasks.Values.Cast<Task>().Concat(actorTasks.Values)).ConfigureAwait(false);

            // 3. The desired actors per pair, in row order.
            var scopes = new List<Scope>();
            var desired = new Dictionary<string, List<(DesiredRow row, Actor actor)>>();
            foreach (var r in rows.Where(r => r.Error == null))
            {
                var (scope, scopeError) = pairTasks[PairText(r)].Result;
                if (scopeError != null) { failed[r.Index] = PlanTasks.AsItemError(scopeError, r.Index); continue; }
                var (actor, actorError) = actorTasks[ActorText(r)].Result;
                if (actorError != null) { failed[r.Index] = PlanTasks.AsItemError(actorError, r.Index); continue; }
                if (!desired.TryGetValue(scope.Key, out var list)) { desired[scope.Key] = list = new List<(DesiredRow, Actor)>(); scopes.Add(scope); }
                list.Add((r, actor));
            }

            // 4. Each named role's actors, read once.
            var roleTasks = scopes.ToDictionary(s => s.Key, s => PlanTasks.Capture(_site.Jira.GetProjectRoleAsync(s.ProjectKey, s.RoleId, ct)));
            await Task.WhenAll(roleTasks.Values).ConfigureAwait(false);

            // Pairs a malformed row may have meant: no removals there. An unknown user, group, project or role cannot be an actor of a role here.
            var unsafeScopes = new HashSet<string>();
            var unsafeAll = false;
            foreach (var r in rows.Where(r => failed.ContainsKey(r.Index)))
            {
                var id = failed[r.Index].ErrorId;
                if (id == "UserNotFound" || id == "GroupNotFound" || id == "ProjectNotFound" || id == "RoleNotFound") continue;
                var pair = PairText(r);
                if (pair == null) unsafeAll = true;
                else if (pairTasks[pair].Result.Item1 is Scope s) unsafeScopes.Add(s.Key);
            }

            // 5. Pair by pair: listed actors in row order (Add / Keep), then unlisted actors (Remove).
            var steps = new Dictionary<string, List<AtlassianProjectRolePlan>>();
            var removals = new Dictionary<string, List<JiraRoleActor>>();
            foreach (var scope in scopes)
            {
                var (role, readError) = roleTasks[scope.Key].Result;
                if (readError != null)
                {
                    foreach (var (row, _) in desired[scope.Key]) failed[row.Index] = PlanTasks.AsItemError(readError, row.Index);
                    continue;
                }
                plan.ScopeSizes[scope.Key] = role.Actors.Count;
                var listed = new List<Actor>();
                var list = steps[scope.Key] = new List<AtlassianProjectRolePlan>();
                foreach (var (row, actor) in desired[scope.Key])
                {
                    if (listed.Any(l => Same(l, actor))) continue; // the same actor twice for one role
                    listed.Add(actor);
                    var present = role.Actors.Any(a => ProjectRoleChanges.IsActor(a, actor.User, actor.Group));
                    list.Add(Step(present ? "Keep" : "Add", scope, actor, present ? "listed and in the role" : "listed, not in the role", row.Index));
                }
                if (!removeUnlisted) continue;
                var users = actorType == ProjectRoleActorType.All || actorType == ProjectRoleActorType.User || (actorType == ProjectRoleActorType.Listed && listed.Any(l => l.User != null));
                var groups = actorType == ProjectRoleActorType.All || actorType == ProjectRoleActorType.Group || (actorType == ProjectRoleActorType.Listed && listed.Any(l => l.Group != null));
                var unlisted = role.Actors.Where(a => (a.IsGroup ? groups : users) && !listed.Any(l => ProjectRoleChanges.IsActor(a, l.User, l.Group))).ToList();
                if (unlisted.Count == 0) continue;
                if (unsafeAll || unsafeScopes.Contains(scope.Key))
                {
                    plan.Warnings.Add($"{scope.ProjectKey} {scope.RoleName}: {unlisted.Count} unlisted actor(s) were not planned for removal because the input has malformed rows that may name actors of this role. Fix those rows and run again.");
                    continue;
                }
                removals[scope.Key] = unlisted;
            }

            // Unlisted users by email where the site shows it (a role lists only names), for a readable plan.
            var userTasks = removals.Values.SelectMany(x => x).Where(a => !a.IsGroup).Select(a => a.AccountId).Distinct()
                .ToDictionary(id => id, id => PlanTasks.Capture(_site.ResolveUserAsync(id, null, ct)));
            await Task.WhenAll(userTasks.Values).ConfigureAwait(false);
            foreach (var scope in scopes.Where(s => steps.ContainsKey(s.Key)))
            {
                plan.Items.AddRange(steps[scope.Key]);
                if (!removals.TryGetValue(scope.Key, out var unlisted)) continue;
                var actors = unlisted.Select(a => a.IsGroup
                        ? new Actor { Group = new JiraGroup { GroupId = a.GroupId, Name = a.GroupName ?? a.DisplayName } }
                        : new Actor { User = userTasks[a.AccountId].Result.Item1 ?? new JiraUser { AccountId = a.AccountId, DisplayName = a.DisplayName } })
                    .OrderBy(x => x.Group != null).ThenBy(x => x.Group?.Name ?? x.User.Email ?? x.User.DisplayName, StringComparer.OrdinalIgnoreCase);
                foreach (var actor in actors) plan.Items.Add(Step("Remove", scope, actor, "in the role, not listed", null));
            }
            foreach (var r in rows.Where(r => failed.ContainsKey(r.Index))) plan.Errors.Add((r, failed[r.Index]));
            return plan;
        }

        private async Task<Scope> ResolveScopeAsync(string project, string role, CancellationToken ct)
        {
            var (name, id) = await _site.ResolveRoleAsync(project, role, ct).ConfigureAwait(false);
            var key = project;
            // A project given by id: its key, so that "10000" and "ACME" are the same pair.
            if (project.All(char.IsDigit))
                key = (await _site.Jira.GetProjectAsync(project, ct).ConfigureAwait(false))?.Key ?? project;
            return new Scope { ProjectKey = key.ToUpperInvariant(), RoleName = name, RoleId = id };
        }

        private async Task<Actor> ResolveActorAsync(DesiredRow r, CancellationToken ct) =>
            r.Value("group") != null
                ? new Actor { Group = await _site.ResolveGroupAsync(r.Value("group"), ct).ConfigureAwait(false) }
                : new Actor { User = await _site.ResolveUserAsync(r.AccountId, r.AccountId == null ? r.Email : null, ct).ConfigureAwait(false) };

        private static bool Same(Actor a, Actor b) =>
            a.User != null && b.User != null ? a.User.AccountId == b.User.AccountId
            : a.Group != null && b.Group != null && string.Equals(a.Group.GroupId ?? a.Group.Name, b.Group.GroupId ?? b.Group.Name, StringComparison.OrdinalIgnoreCase);

        private static AtlassianProjectRolePlan Step(string action, Scope scope, Actor actor, string reason, int? row) => new AtlassianProjectRolePlan
        {
            Action = action, Project = scope.ProjectKey, Role = scope.RoleName, RoleId = scope.RoleId,
            ActorType = actor.Group != null ? "Group" : "User",
            AccountId = actor.User?.AccountId, Email = actor.User?.Email, Name = actor.User?.DisplayName,
            Group = actor.Group?.Name, GroupId = actor.Group?.GroupId,
            Reason = reason, Row = row,
        };
    }
}
