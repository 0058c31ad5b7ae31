#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// Org directory groups through the org admin API (<c>…/directories/{directoryId}/groups</c>); a directory id of
    /// null or "-" reads every directory the key can manage. Lookups are cached in <c>ConnectionCache.OrgGroups</c>.
    /// </summary>
    internal sealed class OrgGroupDirectory : IGroupDirectory
    {
        private readonly AtlassianConnection _connection;

        public OrgGroupDirectory(AtlassianConnection connection) => _connection = connection;

        private OrgClient Org => _connection.Org;
        private string OrgId => _connection.OrgId;
        private GroupLookup Lookup => _connection.Cache.OrgGroups;
        private static string Dir(string? directoryId) => directoryId == null || directoryId.Length == 0 ? "-" : directoryId;

        public bool IsSite => false;
        public string Where(string? directoryId) => "directory " + directoryId;

        public async Task<DirectoryGroup> ResolveAsync(GroupPipeBind? group, string? directoryId, CancellationToken ct) =>
            group?.Group is AtlassianGroup given && !string.IsNullOrEmpty(given.DirectoryId)
                ? new DirectoryGroup(given)
                : await Lookup.ResolveAsync(this, group?.Text, directoryId, ct).ConfigureAwait(false);

        /// <summary>As <see cref="ResolveAsync"/>, for the org-only cmdlets (roles, sync) that work with the org object.</summary>
        public async Task<AtlassianGroup> ResolveOrgAsync(GroupPipeBind? group, string? directoryId, CancellationToken ct) =>
            (await ResolveAsync(group, directoryId, ct).ConfigureAwait(false)).Org
            ?? throw new InvalidOperationException("The org group lookup returned a site group."); // OrgGroups holds org groups only

        public IEnumerable<DirectoryGroup> Search(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct) =>
            Stream(directoryId, new GroupQuery { GroupIds = ids?.ToList(), GroupNames = names?.ToList() }, ct);

        public IEnumerable<DirectoryGroup> SearchText(string? directoryId, string? text, CancellationToken ct) =>
            Stream(directoryId, new GroupQuery { SearchTerm = string.IsNullOrEmpty(text) ? null : text }, ct);

        public Task<IEnumerable<DirectoryGroup>> OfUserAsync(string? directoryId, string accountId, CancellationToken ct) =>
            Task.FromResult(Stream(directoryId, new GroupQuery { AccountIds = new List<string> { accountId } }, ct));

        private IEnumerable<DirectoryGroup> Stream(string? directoryId, GroupQuery query, CancellationToken ct) =>
            Org.SearchGroups(OrgId, Dir(directoryId), query, ct).Select(g => Lookup.Remember(new DirectoryGroup(g)));

        public Task<long> CountAsync(string? directoryId, string? searchTerm, CancellationToken ct) =>
            Org.CountGroupsAsync(OrgId, Dir(directoryId), string.IsNullOrEmpty(searchTerm) ? null : searchTerm, ct);

        public async Task<DirectoryGroup?> FindByNameAsync(string? directoryId, string name, CancellationToken ct) =>
            (await SearchAllAsync(directoryId, null, new[] { name }, ct).ConfigureAwait(false)).FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

        public async Task<DirectoryGroup?> CreateAsync(string? directoryId, string name, string? description, CancellationToken ct)
        {
            var created = await Org.CreateGroupAsync(OrgId, directoryId, name, description, ct).ConfigureAwait(false);
            var group = created?.Id != null ? new DirectoryGroup(created) : await FindByNameAsync(directoryId, name, ct).ConfigureAwait(false);
            if (group?.Org != null && group.Org.DirectoryId == null) group.Org.DirectoryId = directoryId;
            Lookup.Created(group);
            return group;
        }

        public bool IsNameConflict(AtlassianApiException error) => error.Status == 409;

        public async Task<long?> MemberCountAsync(DirectoryGroup group, CancellationToken ct)
        {
            // Fresh counts for the prompt (the object may come from an older listing).
            try
            {
                var fresh = await Org.GetGroupAsync(OrgId, group.DirectoryId, group.Id, ct).ConfigureAwait(false);
                return fresh?.MemberCount ?? group.Org?.MemberCount;
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                Lookup.Forget(group);
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound, $"Group '{group.Name}' ({group.Id}) no longer exists.", e);
            }
        }

        public async Task DeleteAsync(DirectoryGroup group, CancellationToken ct)
        {
            await Org.DeleteGroupAsync(OrgId, group.DirectoryId, group.Id, ct).ConfigureAwait(false);
            Lookup.Forget(group);
        }

        public IEnumerable<object> Members(DirectoryGroup group, IReadOnlyCollection<string>? status, CancellationToken ct)
        {
            var query = new UserQuery { GroupIds = new List<string> { group.Id } };
            if (status != null && status.Count > 0) query.Status = status.Select(s => s.ToLowerInvariant()).ToList();
            return Org.SearchUsers(OrgId, group.DirectoryId, query, ct);
        }

        public async Task<IReadOnlyList<object>> AllMembersAsync(DirectoryGroup group, CancellationToken ct) =>
            (await Org.SearchUsers(OrgId, group.DirectoryId, new UserQuery { GroupIds = new List<string> { group.Id } }, ct).ToListAsync(ct).ConfigureAwait(false)).ConvertAll(u => (object)u);

        public async Task<IReadOnlyList<DirectoryGroup>> SearchAllAsync(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct) =>
            (await Org.SearchGroups(OrgId, Dir(directoryId), new GroupQuery { GroupIds = ids?.ToList(), GroupNames = names?.ToList() }, ct).ToListAsync(ct).ConfigureAwait(false))
                .ConvertAll(g => Lookup.Remember(new DirectoryGroup(g)));

        public async Task<bool> AddMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct)
        {
            await Org.AddGroupMemberAsync(OrgId, group.DirectoryId, group.Id, accountId, ct).ConfigureAwait(false);
            return true;
        }

        public Task RemoveMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct) =>
            Org.RemoveGroupMemberAsync(OrgId, group.DirectoryId, group.Id, accountId, ct);

        public Exception MapError(Exception error, DirectoryGroup group) => error;

        public string Kind => "";
        public bool NamesAreUnique(string scope) => scope != "-" || _connection.Cache.Directories?.Count == 1;
        public string NotFoundMessage(string text, string scope) =>
            $"No group named or with id '{text}'{(scope == "-" ? "" : " in directory " + scope)}. List groups with Get-AtlassianGroup, or create it with New-AtlassianGroup.";
        public string Candidate(DirectoryGroup group) => $"{group.Name} (id {group.Id}, directory {group.DirectoryId})";
        public string AmbiguityHint => ", or -DirectoryId";
    }
}
