#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// Directory groups (v2): search (the non-deprecated listing), count, create, delete, memberships and role assignments.
    /// Membership add/remove and role assign/revoke are idempotent on the API, so they are retried safely; create is not.
    /// </summary>
    public sealed partial class OrgClient
    {
        private static readonly List<string> GroupCounts = new List<string> { "counts.users", "counts.resources" };

        /// <summary>Streams the groups matching <paramref name="query"/> (<c>POST …/groups/search</c>).</summary>
        public IEnumerable<AtlassianGroup> SearchGroups(string orgId, string? directoryId, GroupQuery? query, CancellationToken ct)
        {
            query = query ?? new GroupQuery();
            if (query.Limit == null) query.Limit = PageSize;
            if (query.Expand == null) query.Expand = GroupCounts;
            var path = Dir(orgId, directoryId) + "/groups/search";
            return CursorStream.Stream<AtlassianGroup>(async (cursor, t) =>
            {
                var body = cursor == null ? query : query.WithCursor(cursor);
                var env = await _api.SendAsync<CursorEnvelope<GroupWire>>(HttpMethod.Post, path, body, idempotent: true, t).ConfigureAwait(false);
                var items = (env?.Data ?? new List<GroupWire>()).Select(g => g.ToGroup(orgId)).ToList();
                return new Page<AtlassianGroup>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        public async Task<AtlassianGroup?> GetGroupAsync(string orgId, string? directoryId, string groupId, CancellationToken ct)
        {
            var env = await _api.GetAsync<DataEnvelope<GroupWire>>(Dir(orgId, directoryId) + "/groups/" + E(groupId), ct).ConfigureAwait(false);
            return env?.Data?.ToGroup(orgId);
        }

        /// <summary><c>GET …/groups/count</c>.</summary>
        public async Task<long> CountGroupsAsync(string orgId, string? directoryId, string? searchTerm, CancellationToken ct)
        {
            var q = new QueryBuilder();
            q.Add("searchTerm", searchTerm);
            var result = await _api.GetAsync<CountResult>(Dir(orgId, directoryId) + "/groups/count" + q, ct).ConfigureAwait(false);
            return result?.Count ?? 0;
        }

        /// <summary><c>POST …/groups</c>. Not idempotent (a retry after a lost answer could meet 409), so never retried.</summary>
        /// <remarks>
        /// The answer's body is unverified (jira.js types it void; C10): <c>{"data":group}</c>, the bare group, or nothing
        /// are all read; without a group in the body it is looked up by its exact name, so a null never reaches the caller.
        /// </remarks>
        public async Task<AtlassianGroup> CreateGroupAsync(string orgId, string? directoryId, string name, string? description, CancellationToken ct)
        {
            var body = await _api.SendAsync<JsonElement>(HttpMethod.Post, Dir(orgId, directoryId) + "/groups",
                new CreateGroupBody { Name = name, Description = description }, idempotent: false, ct).ConfigureAwait(false);
            GroupWire? wire = null;
            if (body.ValueKind == JsonValueKind.Object)
            {
                var candidate = body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : body;
                wire = JsonSerializer.Deserialize<GroupWire>(candidate.GetRawText(), AtlassianAdmin.Client.Json.JsonDefaults.Options);
            }
            if (wire != null && !string.IsNullOrEmpty(wire.Id))
            {
                if (string.IsNullOrEmpty(wire.Name)) wire.Name = name;
                if (string.IsNullOrEmpty(wire.DirectoryId) && directoryId != "-") wire.DirectoryId = directoryId;
                return wire.ToGroup(orgId);
            }
            var query = new GroupQuery { GroupNames = new List<string> { name } };
            var found = (await SearchGroups(orgId, directoryId, query, ct).ToListAsync(ct).ConfigureAwait(false))
                .FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            return found ?? throw new AtlassianApiException(
                $"The group '{name}' was created (POST {Dir(orgId, directoryId)}/groups answered success) but could not be read back; Get-AtlassianGroup '{name}' shows it once the directory has caught up.",
                null, "POST", Dir(orgId, directoryId) + "/groups") { IsCreatedNotReadBack = true };
        }

        public Task DeleteGroupAsync(string orgId, string? directoryId, string groupId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Delete, Dir(orgId, directoryId) + "/groups/" + E(groupId), null, idempotent: true, ct);

        public Task AddGroupMemberAsync(string orgId, string? directoryId, string groupId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Dir(orgId, directoryId) + "/groups/" + E(groupId) + "/memberships", new MembershipBody { AccountId = accountId }, idempotent: true, ct);

        public Task RemoveGroupMemberAsync(string orgId, string? directoryId, string groupId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Delete, Dir(orgId, directoryId) + "/groups/" + E(groupId) + "/memberships/" + E(accountId), null, idempotent: true, ct);

        /// <summary>Streams a group's role assignments, one item per (resource, role).</summary>
        public IEnumerable<AtlassianGroupRoleAssignment> ListGroupRoles(string orgId, string? directoryId, AtlassianGroup group, CancellationToken ct)
        {
            var path = Dir(orgId, directoryId ?? group.DirectoryId) + "/groups/" + E(group.Id) + "/role-assignments";
            return CursorStream.Stream<AtlassianGroupRoleAssignment>(async (cursor, t) =>
            {
                var env = await _api.GetAsync<CursorEnvelope<RoleAssignmentWire>>(path + CursorQuery(cursor, first: true, limit: PageSize), t).ConfigureAwait(false);
                var items = new List<AtlassianGroupRoleAssignment>();
                foreach (var r in env?.Data ?? new List<RoleAssignmentWire>())
                {
                    var roles = r.RoleAssignments?.Select(a => a.RoleId ?? "").Where(x => x.Length > 0).ToList();
                    if (roles == null || roles.Count == 0) roles = r.Roles ?? new List<string>();
                    foreach (var role in roles.Distinct())
                        items.Add(new AtlassianGroupRoleAssignment
                        {
                            GroupId = group.Id, GroupName = group.Name, DirectoryId = group.DirectoryId,
                            ResourceId = r.ResourceId, ResourceOwner = r.ResourceOwner, RoleId = role,
                        });
                }
                return new Page<AtlassianGroupRoleAssignment>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        public Task AssignGroupRoleAsync(string orgId, string? directoryId, string groupId, string resourceId, string roleId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Dir(orgId, directoryId) + "/groups/" + E(groupId) + "/role-assignments/assign",
                new RoleBody { ResourceId = resourceId, RoleId = roleId }, idempotent: true, ct);

        public Task RevokeGroupRoleAsync(string orgId, string? directoryId, string groupId, string resourceId, string roleId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Dir(orgId, directoryId) + "/groups/" + E(groupId) + "/role-assignments/revoke",
                new RoleBody { ResourceId = resourceId, RoleId = roleId }, idempotent: true, ct);

        private sealed class CreateGroupBody
        {
            public string? Name { get; set; }
            public string? Description { get; set; }
        }

        private sealed class MembershipBody
        {
            public string? AccountId { get; set; }
        }

        private sealed class RoleBody
        {
            public string? ResourceId { get; set; }
            public string? RoleId { get; set; }
        }

        private sealed class GroupWire
        {
            public string? Id { get; set; }
            public string? Name { get; set; }
            public string? Description { get; set; }
            public string? DirectoryId { get; set; }
            public bool? ExternalSynced { get; set; }
            public string? ManagedBy { get; set; }
            public GroupCountsWire? Counts { get; set; }
            public ManagementAccessWire? ManagementAccess { get; set; }

            public AtlassianGroup ToGroup(string orgId) => new AtlassianGroup
            {
                Id = Id, Name = Name, Description = Description, DirectoryId = DirectoryId,
                ExternalSynced = ExternalSynced ?? string.Equals(ManagedBy, "external", System.StringComparison.OrdinalIgnoreCase),
                ManagedBy = ManagedBy, MemberCount = Counts?.Users, ResourceCount = Counts?.Resources,
                Deletable = ManagementAccess?.Deletable, Modifiable = ManagementAccess?.Modifiable, OrgId = orgId,
            };
        }

        private sealed class GroupCountsWire
        {
            public int? Users { get; set; }
            public int? Resources { get; set; }
        }

        private sealed class ManagementAccessWire
        {
            public bool? Deletable { get; set; }
            public bool? Modifiable { get; set; }
        }

        private sealed class RoleAssignmentWire
        {
            public string? ResourceId { get; set; }
            public string? ResourceOwner { get; set; }
            public List<RoleAssignmentItemWire>? RoleAssignments { get; set; }
            public List<string>? Roles { get; set; }
        }

        private sealed class RoleAssignmentItemWire
        {
            public string? RoleId { get; set; }
        }
    }

    /// <summary>Body of <c>POST /v2/orgs/{orgId}/directories/{directoryId}/groups/search</c> (nulls are not sent).</summary>
    public sealed class GroupQuery
    {
        public string? SearchTerm { get; set; }
        public List<string>? GroupIds { get; set; }
        /// <summary>Exact group names.</summary>
        public List<string>? GroupNames { get; set; }
        /// <summary>Groups having any of these users as members.</summary>
        public List<string>? AccountIds { get; set; }
        public List<string>? RoleIds { get; set; }
        public List<string>? ResourceIds { get; set; }
        /// <summary><c>counts.users</c>, <c>counts.resources</c>.</summary>
        public List<string>? Expand { get; set; }
        public int? Limit { get; set; }
        public string? Cursor { get; set; }

        // C9: only the workspaces search documents "a cursor and no other field"; here the filters are resent with the
        // cursor (unverified either way: the safe choice), so page 2 stays filtered whatever the server keeps in the cursor.
        internal GroupQuery WithCursor(string cursor) => new GroupQuery
        {
            Cursor = cursor, Limit = Limit, Expand = Expand, SearchTerm = SearchTerm, GroupIds = GroupIds, GroupNames = GroupNames,
            AccountIds = AccountIds, RoleIds = RoleIds, ResourceIds = ResourceIds,
        };
    }
}
