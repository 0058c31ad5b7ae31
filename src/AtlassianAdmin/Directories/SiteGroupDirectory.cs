#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// Jira site groups through the site's REST API (<c>/rest/api/3/group…</c>): no directories and no descriptions.
    /// Lookups are cached in <c>ConnectionCache.SiteGroups</c>. The site refuses changes to groups synced from an
    /// identity provider only when asked, so its writes map that refusal to GroupExternallyManaged.
    /// </summary>
    internal sealed class SiteGroupDirectory : IGroupDirectory
    {
        private readonly AtlassianConnection _connection;

        public SiteGroupDirectory(AtlassianConnection connection) => _connection = connection;

        private JiraClient Jira => _connection.Jira;
        private GroupLookup Lookup => _connection.Cache.SiteGroups;

        public bool IsSite => true;
        public string Where(string? directoryId) => "site " + Jira.SiteUrl?.Host;

        public async Task<DirectoryGroup> ResolveAsync(GroupPipeBind? group, string? directoryId, CancellationToken ct) =>
            group?.SiteGroup is JiraGroup given && !string.IsNullOrEmpty(given.GroupId)
                ? new DirectoryGroup(given)
                : await Lookup.ResolveAsync(this, group?.Text, null, ct).ConfigureAwait(false);

        public IEnumerable<DirectoryGroup> Search(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct) =>
            Remembered(Jira.ListGroups(ids, names, ct));

        // group/bulk has no text search: the names are read and filtered here.
        public IEnumerable<DirectoryGroup> SearchText(string? directoryId, string? text, CancellationToken ct) =>
            Search(null, null, null, ct).Where(g => text == null || text.Length == 0 || (g.Name ?? "").IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);

        public async Task<IEnumerable<DirectoryGroup>> OfUserAsync(string? directoryId, string accountId, CancellationToken ct) =>
            Remembered(await Jira.GetUserGroupsAsync(accountId, ct).ConfigureAwait(false)).ToList();

        private IEnumerable<DirectoryGroup> Remembered(IEnumerable<JiraGroup> groups) => groups.Select(g => Lookup.Remember(new DirectoryGroup(g)));

        public async Task<long> CountAsync(string? directoryId, string? searchTerm, CancellationToken ct) =>
            string.IsNullOrEmpty(searchTerm)
                ? await Jira.CountGroupsAsync(ct).ConfigureAwait(false)
                : (await SearchAllAsync(null, null, null, ct).ConfigureAwait(false)).LongCount(g => (g.Name ?? "").IndexOf(searchTerm, StringComparison.OrdinalIgnoreCase) >= 0);

        public async Task<DirectoryGroup?> FindByNameAsync(string? directoryId, string name, CancellationToken ct) =>
            (await SearchAllAsync(null, null, new[] { name }, ct).ConfigureAwait(false)).FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

        public async Task<DirectoryGroup?> CreateAsync(string? directoryId, string name, string? description, CancellationToken ct)
        {
            // The client reads a group the answer lacks back by name, or fails with IsCreatedNotReadBack: never null.
            var group = new DirectoryGroup(await Jira.CreateGroupAsync(name, ct).ConfigureAwait(false));
            Lookup.Created(group);
            return group;
        }

        // Jira answers 400 for a duplicate name.
        public bool IsNameConflict(AtlassianApiException error) => error.Status == 400 || error.Status == 409;

        public async Task<long?> MemberCountAsync(DirectoryGroup group, CancellationToken ct) =>
            await this.Mapped(Jira.CountGroupMembersAsync(group.Id, includeInactive: true, ct), group).ConfigureAwait(false);

        public async Task DeleteAsync(DirectoryGroup group, CancellationToken ct)
        {
            await this.Mapped(DeleteCall(group, ct), group).ConfigureAwait(false);
            Lookup.Forget(group);
        }

        private async Task<bool> DeleteCall(DirectoryGroup group, CancellationToken ct)
        {
            await Jira.DeleteGroupAsync(group.Id, null, ct).ConfigureAwait(false);
            return true;
        }

        public IEnumerable<object> Members(DirectoryGroup group, IReadOnlyCollection<string>? status, CancellationToken ct)
        {
            var all = status == null || status.Count == 0;
            var wantActive = all || status.Any(s => s.Equals("active", StringComparison.OrdinalIgnoreCase));
            var wantInactive = all || status.Any(s => !s.Equals("active", StringComparison.OrdinalIgnoreCase));
            return Jira.ListGroupMembers(group.Id, includeInactive: wantInactive, ct).Where(u => u.Active ? wantActive : wantInactive);
        }

        public async Task<IReadOnlyList<object>> AllMembersAsync(DirectoryGroup group, CancellationToken ct) =>
            (await Jira.ListGroupMembers(group.Id, includeInactive: true, ct).ToListAsync(ct).ConfigureAwait(false)).ConvertAll(u => (object)u);

        public async Task<IReadOnlyList<DirectoryGroup>> SearchAllAsync(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct) =>
            // The raw listing, so it pages asynchronously (a Select over it would be read on a blocked pool thread).
            (await Jira.ListGroups(ids, names, ct).ToListAsync(ct).ConfigureAwait(false)).ConvertAll(g => Lookup.Remember(new DirectoryGroup(g)));

        // false: Jira says already a member.
        public Task<bool> AddMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct) =>
            this.Mapped(Jira.AddGroupMemberAsync(group.Id, accountId, ct), group);

        public Task RemoveMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct) =>
            this.Mapped(RemoveCall(group, accountId, ct), group);

        private async Task<bool> RemoveCall(DirectoryGroup group, string accountId, CancellationToken ct)
        {
            await Jira.RemoveGroupMemberAsync(group.Id, accountId, ct).ConfigureAwait(false);
            return true;
        }

        /// <summary>Jira refuses changes to groups synced from an identity provider (400/403 naming the external directory): the same error id as for org groups.</summary>
        public Exception MapError(Exception error, DirectoryGroup group)
        {
            if (!(error is AtlassianApiException api)) return error;
            var text = api.Message + " " + string.Join(" ", api.Errors.Select(e => e.ToString()));
            if ((api.Status == 400 || api.Status == 403) && text.IndexOf("external", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is managed by an external directory (synced from an identity provider); change it there, not here.", api);
            if (api.Status == 404 && text.IndexOf("group", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                Lookup.Forget(group); // gone: a later lookup asks again
                return new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound, $"Site group '{group.Name}' ({group.Id}) no longer exists.", api);
            }
            return error;
        }

        public string Kind => "site ";
        // The site can show groups of several org directories under one name: a name is always asked for.
        public bool NamesAreUnique(string scope) => false;
        public string NotFoundMessage(string text, string scope) =>
            $"The Jira site has no group named or with id '{text}'. List groups with Get-AtlassianGroup -Site, or create it with New-AtlassianGroup -Site.";
        public string Candidate(DirectoryGroup group) => $"{group.Name} (id {group.Id})";
        public string AmbiguityHint => "";
    }
}
