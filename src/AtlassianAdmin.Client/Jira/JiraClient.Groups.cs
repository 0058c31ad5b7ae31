#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    /// <summary>
    /// Site groups (Jira's view of the directory groups). A group is given by id (preferred) or by name; Jira refuses both at
    /// once, so <see cref="GroupQuery"/> sends exactly one. Adds and removes are idempotent here: "already a member" (400)
    /// and "not a member" report false instead of failing.
    /// </summary>
    public sealed partial class JiraClient
    {
        /// <summary><c>GET /group/bulk</c>: all groups, or those with the given ids/names (streamed).</summary>
        public IEnumerable<JiraGroup> ListGroups(IEnumerable<string>? groupIds, IEnumerable<string>? groupNames, CancellationToken ct)
        {
            var q = new QueryBuilder();
            foreach (var id in groupIds ?? Enumerable.Empty<string>()) q.Add("groupId", id);
            foreach (var n in groupNames ?? Enumerable.Empty<string>()) q.Add("groupName", n);
            var path = Api + "group/bulk" + q;
            return StreamPageBean<GroupWire, JiraGroup>(path, ToGroup, ct);
        }

        /// <summary>The group with this id or name, or null.</summary>
        public async Task<JiraGroup?> FindGroupAsync(string groupIdOrName, CancellationToken ct)
        {
            var isId = LooksLikeGroupId(groupIdOrName);
            var q = new QueryBuilder().Add(isId ? "groupId" : "groupName", groupIdOrName).Add("maxResults", "1");
            var page = await _api.GetAsync<Paging.JiraPageBean<GroupWire>>(Api + "group/bulk" + q, ct).ConfigureAwait(false);
            var found = page?.Values?.Select(ToGroup).FirstOrDefault();
            if (found == null && isId)
            {
                // A name that happens to look like an id.
                page = await _api.GetAsync<Paging.JiraPageBean<GroupWire>>(Api + "group/bulk" + new QueryBuilder().Add("groupName", groupIdOrName).Add("maxResults", "1"), ct).ConfigureAwait(false);
                found = page?.Values?.Select(ToGroup).FirstOrDefault();
            }
            return found;
        }

        /// <summary>Number of site groups: the <c>total</c> of one <c>group/bulk</c> page (or a count of the listing when the server gives none).</summary>
        public async Task<long> CountGroupsAsync(CancellationToken ct)
        {
            var page = await _api.GetAsync<Paging.JiraPageBean<GroupWire>>(Api + "group/bulk?startAt=0&maxResults=1", ct).ConfigureAwait(false);
            if (page?.Total != null) return page.Total.Value;
            return (await Paging.CursorStream.ToListAsync(ListGroups(null, null, ct), ct).ConfigureAwait(false)).Count;
        }

        /// <summary>Number of members of a group: the <c>total</c> of one <c>group/member</c> page (or a count of the listing). 404 when the group does not exist.</summary>
        public async Task<long> CountGroupMembersAsync(string groupId, bool includeInactive, CancellationToken ct)
        {
            var q = new QueryBuilder().Add("groupId", groupId).Add("includeInactiveUsers", includeInactive ? "true" : "false").Add("startAt", "0").Add("maxResults", "1");
            var page = await _api.GetAsync<Paging.JiraPageBean<UserWire>>(Api + "group/member" + q, ct).ConfigureAwait(false);
            if (page?.Total != null) return page.Total.Value;
            return (await Paging.CursorStream.ToListAsync(ListGroupMembers(groupId, includeInactive, ct), ct).ConfigureAwait(false)).Count;
        }

        /// <summary><c>GET /group/member</c>: members of a group (streamed); 404 when the group does not exist.</summary>
        public IEnumerable<JiraUser> ListGroupMembers(string groupId, bool includeInactive, CancellationToken ct) =>
            StreamPageBean<UserWire, JiraUser>(Api + "group/member" + new QueryBuilder().Add("groupId", groupId).Add("includeInactiveUsers", includeInactive ? "true" : "false"), ToUser, ct);

        /// <summary><c>POST /group</c> <c>{"name"}</c> → the new group (201). Not idempotent, so never retried.</summary>
        /// <remarks>
        /// ../shared documents <c>groupId</c> in the answer, jira.js's <c>Group</c> model has none: without it the group is
        /// read back by its exact name, so a null never reaches the caller (as <c>OrgClient.CreateGroupAsync</c>).
        /// </remarks>
        public async Task<JiraGroup> CreateGroupAsync(string name, CancellationToken ct)
        {
            var created = ToGroup(await _api.SendAsync<GroupWire>(HttpMethod.Post, Api + "group", new Dictionary<string, object> { ["name"] = name }, idempotent: false, ct).ConfigureAwait(false));
            if (!string.IsNullOrEmpty(created?.GroupId)) return created!;
            var found = (await Paging.CursorStream.ToListAsync(ListGroups(null, new[] { name }, ct), ct).ConfigureAwait(false))
                .FirstOrDefault(g => !string.IsNullOrEmpty(g.GroupId) && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            return found ?? throw new AtlassianApiException(
                $"The site group '{name}' was created (POST /{Api}group answered success) but could not be read back; Get-AtlassianGroup '{name}' -Site shows it once the site has caught up.",
                null, "POST", Api + "group") { IsCreatedNotReadBack = true };
        }

        /// <summary><c>DELETE /group?groupId=</c> (optionally moving its project-role and permission uses to <paramref name="swapGroupId"/>).</summary>
        public Task DeleteGroupAsync(string groupId, string? swapGroupId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Delete, Api + "group" + new QueryBuilder().Add("groupId", groupId).Add("swapGroupId", swapGroupId), null, idempotent: true, ct);

        /// <summary>
        /// <c>POST /group/user?groupId=</c> <c>{"accountId"}</c>. Returns true when added, false when the user already was a
        /// member (Jira answers 400 "already a member"; treated as success).
        /// </summary>
        public async Task<bool> AddGroupMemberAsync(string groupId, string accountId, CancellationToken ct)
        {
            try
            {
                await _api.SendAsync(HttpMethod.Post, Api + "group/user" + new QueryBuilder().Add("groupId", groupId),
                    new Dictionary<string, object> { ["accountId"] = accountId }, idempotent: true, ct).ConfigureAwait(false);
                return true;
            }
            catch (AtlassianApiException e) when (IsAlreadyPresent(e))
            {
                return false;
            }
            catch (AtlassianApiException e) when (e.Status == 400)
            {
                // The "already a member" wording is unverified (C10): a 400 for a user who is in the group now is Unchanged;
                // any other 400 (synced group, licence full, …) stays an error.
                IReadOnlyList<JiraGroup>? groups = null;
                try { groups = await GetUserGroupsAsync(accountId, ct).ConfigureAwait(false); }
                catch (AtlassianApiException) { }
                if (groups != null && groups.Any(g => string.Equals(g.GroupId, groupId, StringComparison.OrdinalIgnoreCase))) return false;
                throw;
            }
        }

        /// <summary><c>DELETE /group/user?groupId=&amp;accountId=</c> (200; removing a non-member is not an error).</summary>
        public Task RemoveGroupMemberAsync(string groupId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Delete, Api + "group/user" + new QueryBuilder().Add("groupId", groupId).Add("accountId", accountId), null, idempotent: true, ct);

        /// <summary>Group ids are UUIDs; anything else is taken as a name.</summary>
        public static bool LooksLikeGroupId(string value) => Guid.TryParse(value, out _);

        internal static JiraGroup? ToGroup(GroupWire? w) => w == null ? null : new JiraGroup { GroupId = w.GroupId, Name = w.Name };

        internal sealed class GroupWire
        {
            public string? Name { get; set; }
            public string? GroupId { get; set; }
        }
    }
}
