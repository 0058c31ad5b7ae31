#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    /// <summary>Projects (with lead) and project-role actors.</summary>
    public sealed partial class JiraClient
    {
        /// <summary><c>GET /project/search?expand=lead,description&amp;orderBy=key</c>, optionally for exact keys (streamed).</summary>
        public IEnumerable<JiraProject> SearchProjects(IEnumerable<string>? keys, string? query, CancellationToken ct)
        {
            var q = new QueryBuilder().Add("expand", "lead,description").Add("orderBy", "key").Add("query", string.IsNullOrEmpty(query) ? null : query);
            foreach (var k in keys ?? Enumerable.Empty<string>()) q.Add("keys", k);
            return StreamPageBean<ProjectWire, JiraProject>(Api + "project/search" + q, ToProject, ct);
        }

        /// <summary><c>GET /project/{key}?expand=lead,description</c>; null when there is no such project (or no browse permission).</summary>
        public async Task<JiraProject?> GetProjectAsync(string projectIdOrKey, CancellationToken ct)
        {
            try
            {
                return ToProject(await _api.GetAsync<ProjectWire>(Api + "project/" + E(projectIdOrKey) + "?expand=lead,description", ct).ConfigureAwait(false));
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return null;
            }
        }

        /// <summary><c>GET /project/{key}/role</c>: role name → role id. Null when the project does not exist.</summary>
        public async Task<IReadOnlyDictionary<string, long>?> GetProjectRoleIdsAsync(string projectIdOrKey, CancellationToken ct)
        {
            Dictionary<string, string>? map;
            try
            {
                map = await _api.GetAsync<Dictionary<string, string>>(Api + "project/" + E(projectIdOrKey) + "/role", ct).ConfigureAwait(false);
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return null;
            }
            var result = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in map ?? new Dictionary<string, string>())
            {
                var url = kv.Value ?? "";
                var last = url.TrimEnd('/').Split('/').LastOrDefault();
                if (long.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) result[kv.Key] = id;
            }
            return result;
        }

        /// <summary><c>GET /project/{key}/role/{id}</c>: the role with its actors.</summary>
        public async Task<JiraProjectRole> GetProjectRoleAsync(string projectKey, long roleId, CancellationToken ct) =>
            ToRole(projectKey, await _api.GetAsync<RoleWire>(RolePath(projectKey, roleId), ct).ConfigureAwait(false));

        /// <summary>
        /// <c>POST /project/{key}/role/{id}</c> with <c>{"user":[accountId]}</c>: appends the user. False when the user already
        /// was an actor (Jira's 400 "already").
        /// </summary>
        public Task<bool> AddProjectRoleUserAsync(string projectKey, long roleId, string accountId, CancellationToken ct) =>
            AddActorAsync(projectKey, roleId, new Dictionary<string, object> { ["user"] = new[] { accountId } }, a => a.Is(accountId, null, null), ct);

        /// <summary>Appends a group by id (<c>{"groupId":[..]}</c>) or, when only a name is known, by name (<c>{"group":[..]}</c>).</summary>
        public Task<bool> AddProjectRoleGroupAsync(string projectKey, long roleId, string? groupId, string? groupName, CancellationToken ct) =>
            AddActorAsync(projectKey, roleId, !string.IsNullOrEmpty(groupId)
                ? new Dictionary<string, object> { ["groupId"] = new[] { groupId } }
                : new Dictionary<string, object> { ["group"] = new[] { groupName } }, a => a.Is(null, groupId, groupName), ct);

        /// <summary>
        /// Appends an actor. Jira's answer to an actor already in the role is an unverified 400 (C10): "already" in the
        /// message, or else a read of the role showing the actor there, means Unchanged; any other 400 stays an error.
        /// </summary>
        private async Task<bool> AddActorAsync(string projectKey, long roleId, object body, Func<JiraRoleActor, bool> isActor, CancellationToken ct)
        {
            try
            {
                // Appending the same actor twice is harmless, so the request may be retried.
                await _api.SendAsync(HttpMethod.Post, RolePath(projectKey, roleId), body, idempotent: true, ct).ConfigureAwait(false);
                return true;
            }
            catch (AtlassianApiException e) when (IsAlreadyPresent(e))
            {
                return false;
            }
            catch (AtlassianApiException e) when (e.Status == 400)
            {
                if (await IsActorAsync(projectKey, roleId, isActor, ct).ConfigureAwait(false) == true) return false;
                throw;
            }
        }

        /// <summary>Whether the role has the actor now; null when the role cannot be read (then the original error stands).</summary>
        private async Task<bool?> IsActorAsync(string projectKey, long roleId, Func<JiraRoleActor, bool> isActor, CancellationToken ct)
        {
            try
            {
                var role = await GetProjectRoleAsync(projectKey, roleId, ct).ConfigureAwait(false);
                return role?.Actors.Any(isActor);
            }
            catch (AtlassianApiException)
            {
                return null;
            }
        }

        /// <summary>
        /// <c>POST /project/{key}/role/{id}</c> with arrays (ActorsMap: <c>user</c>, <c>groupId</c> or <c>group</c>; the last two
        /// are exclusive): appends every actor in one request and answers the role with its actors. Jira checks every
        /// actor first, so one already in the role (400) or unknown (404) refuses the whole request and nothing is added.
        /// </summary>
        public async Task<JiraProjectRole> AddProjectRoleActorsAsync(string projectKey, long roleId, IReadOnlyCollection<string>? accountIds, IReadOnlyCollection<string>? groupIds, IReadOnlyCollection<string>? groupNames, CancellationToken ct)
        {
            var body = new Dictionary<string, object>();
            if (accountIds != null && accountIds.Count > 0) body["user"] = accountIds;
            if (groupIds != null && groupIds.Count > 0) body["groupId"] = groupIds;
            if (groupNames != null && groupNames.Count > 0) body["group"] = groupNames;
            if (body.Count == 0) throw new ArgumentException("No actors to add.");
            if (body.ContainsKey("groupId") && body.ContainsKey("group")) throw new ArgumentException("Jira takes groups by id or by name in one request, not both.");
            // Appending the same actors again is refused, never doubled, so the request may be retried.
            var role = await _api.SendAsync<RoleWire>(HttpMethod.Post, RolePath(projectKey, roleId), body, idempotent: true, ct).ConfigureAwait(false);
            return ToRole(projectKey, role);
        }

        /// <summary><c>DELETE /project/{key}/role/{id}?user=</c>. False when the user was not an actor (404 for the actor).</summary>
        public Task<bool> RemoveProjectRoleUserAsync(string projectKey, long roleId, string accountId, CancellationToken ct) =>
            RemoveActorAsync(projectKey, roleId, RolePath(projectKey, roleId) + new QueryBuilder().Add("user", accountId), a => a.Is(accountId, null, null), ct);

        /// <summary><c>DELETE /project/{key}/role/{id}?groupId=</c> (or <c>?group=</c> with a name).</summary>
        public Task<bool> RemoveProjectRoleGroupAsync(string projectKey, long roleId, string? groupId, string? groupName, CancellationToken ct) =>
            RemoveActorAsync(projectKey, roleId, RolePath(projectKey, roleId) + (!string.IsNullOrEmpty(groupId) ? new QueryBuilder().Add("groupId", groupId) : new QueryBuilder().Add("group", groupName)),
                a => a.Is(null, groupId, groupName), ct);

        /// <summary>
        /// Removes an actor. Jira's 404 means "not an actor" or "no such project/role/user" (wording unverified: C10): the
        /// role is read, and only when it exists without the actor is the answer Unchanged; otherwise the 404 stands.
        /// </summary>
        private async Task<bool> RemoveActorAsync(string projectKey, long roleId, string path, Func<JiraRoleActor, bool> isActor, CancellationToken ct)
        {
            try
            {
                await _api.SendAsync(HttpMethod.Delete, path, null, idempotent: true, ct).ConfigureAwait(false);
                return true;
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                if (await IsActorAsync(projectKey, roleId, isActor, ct).ConfigureAwait(false) == false) return false;
                throw;
            }
        }

        private static string RolePath(string projectKey, long roleId) => Api + "project/" + E(projectKey) + "/role/" + roleId.ToString(CultureInfo.InvariantCulture);

        private JiraProject? ToProject(ProjectWire? w) => w == null ? null : new JiraProject
        {
            Id = w.Id, Key = w.Key, Name = w.Name, Description = w.Description, ProjectTypeKey = w.ProjectTypeKey,
            Lead = w.Lead?.AccountId == null ? null : ToUser(w.Lead), SiteUrl = SiteUrl,
        };

        private static JiraProjectRole ToRole(string projectKey, RoleWire? w) => new JiraProjectRole
        {
            ProjectKey = projectKey, Id = w?.Id ?? 0, Name = w?.Name, Description = w?.Description,
            Actors = (w?.Actors ?? new List<ActorWire>()).Select(a => new JiraRoleActor
            {
                Id = a.Id, Type = a.Type, DisplayName = a.DisplayName, AccountId = a.ActorUser?.AccountId,
                GroupId = a.ActorGroup?.GroupId, GroupName = a.ActorGroup?.Name ?? (a.Type == JiraRoleActor.GroupType ? a.Name : null),
            }).ToList(),
        };

        internal sealed class ProjectWire
        {
            public string? Id { get; set; }
            public string? Key { get; set; }
            public string? Name { get; set; }
            public string? Description { get; set; }
            public string? ProjectTypeKey { get; set; }
            public UserWire? Lead { get; set; }
        }

        internal sealed class RoleWire
        {
            public long Id { get; set; }
            public string? Name { get; set; }
            public string? Description { get; set; }
            public List<ActorWire>? Actors { get; set; }
        }

        internal sealed class ActorWire
        {
            public long Id { get; set; }
            public string? Type { get; set; }
            public string? DisplayName { get; set; }
            public string? Name { get; set; }
            public ActorUserWire? ActorUser { get; set; }
            public GroupWire? ActorGroup { get; set; }
        }

        internal sealed class ActorUserWire
        {
            public string? AccountId { get; set; }
        }
    }
}
