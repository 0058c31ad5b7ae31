#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Directories
{
    /// <summary>
    /// What a group directory offers the group cmdlets, so each cmdlet has one code path for org groups
    /// (<see cref="OrgGroupDirectory"/>) and Jira site groups (<see cref="SiteGroupDirectory"/>). Group resolution follows
    /// the one rule of <see cref="GroupLookup"/>; <paramref name="directoryId"/> parameters matter for org groups only.
    /// </summary>
    internal interface IGroupDirectory
    {
        /// <summary>True for the Jira site.</summary>
        bool IsSite { get; }

        /// <summary>Where a group lives, for results and prompts: "directory &lt;id&gt;" or "site &lt;host&gt;".</summary>
        string Where(string? directoryId);

        /// <summary>The group given as an object, id or name (<see cref="GroupLookup"/>'s rule, cached per connection).</summary>
        Task<DirectoryGroup> ResolveAsync(GroupPipeBind? group, string? directoryId, CancellationToken ct);

        /// <summary>Groups with these ids or exact names (both null: all), streamed and remembered for later lookups.</summary>
        IEnumerable<DirectoryGroup> Search(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct);

        /// <summary>Groups whose name contains <paramref name="text"/> (the server's search where there is one); null text: all.</summary>
        IEnumerable<DirectoryGroup> SearchText(string? directoryId, string? text, CancellationToken ct);

        /// <summary>The groups of the user with this accountId.</summary>
        Task<IEnumerable<DirectoryGroup>> OfUserAsync(string? directoryId, string accountId, CancellationToken ct);

        /// <summary>Number of groups, or of those whose name contains <paramref name="searchTerm"/>.</summary>
        Task<long> CountAsync(string? directoryId, string? searchTerm, CancellationToken ct);

        /// <summary>The group with exactly this name, read now (no cache), or null: for New-AtlassianGroup's duplicate check.</summary>
        Task<DirectoryGroup?> FindByNameAsync(string? directoryId, string name, CancellationToken ct);

        /// <summary>Creates a group (the description is org-only); remembers it. A group the answer lacks and a read by name does not find yet fails with <see cref="AtlassianApiException.IsCreatedNotReadBack"/> (CreatedNotReadBack).</summary>
        Task<DirectoryGroup?> CreateAsync(string? directoryId, string name, string? description, CancellationToken ct);

        /// <summary>True when the server refused a create because the name exists.</summary>
        bool IsNameConflict(AtlassianApiException error);

        /// <summary>A fresh member count for the delete prompt (null when the server does not say). GroupNotFound when it is gone.</summary>
        Task<long?> MemberCountAsync(DirectoryGroup group, CancellationToken ct);

        /// <summary>Deletes the group and forgets it.</summary>
        Task DeleteAsync(DirectoryGroup group, CancellationToken ct);

        /// <summary>
        /// The members (AtlassianUser or JiraUser objects), streamed. <paramref name="status"/> null or empty: all; on the
        /// site "active" keeps active users and any other status inactive ones.
        /// </summary>
        IEnumerable<object> Members(DirectoryGroup group, IReadOnlyCollection<string>? status, CancellationToken ct);

        /// <summary>Every member (inactive ones too), read without holding a thread while pages are on their way.</summary>
        Task<IReadOnlyList<object>> AllMembersAsync(DirectoryGroup group, CancellationToken ct);

        /// <summary>As <see cref="Search"/>, read whole without holding a thread while pages are on their way.</summary>
        Task<IReadOnlyList<DirectoryGroup>> SearchAllAsync(string? directoryId, IReadOnlyList<string>? ids, IReadOnlyList<string>? names, CancellationToken ct);

        /// <summary>Adds a member; false when the server says the user already was one.</summary>
        Task<bool> AddMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct);

        Task RemoveMemberAsync(DirectoryGroup group, string accountId, CancellationToken ct);

        /// <summary>The error as the group cmdlets report it (e.g. the site's "external directory" refusal → GroupExternallyManaged).</summary>
        Exception MapError(Exception error, DirectoryGroup group);

        // ---- what GroupLookup asks of its directory ----

        /// <summary>"" or "site " (for "matches 2 site groups").</summary>
        string Kind { get; }
        /// <summary>Whether names seen before can be trusted in <paramref name="scope"/> (no two groups share a name there).</summary>
        bool NamesAreUnique(string scope);
        string NotFoundMessage(string text, string scope);
        /// <summary>One candidate of an AmbiguousGroup message: name, id (and directory).</summary>
        string Candidate(DirectoryGroup group);
        /// <summary>What else disambiguates, after "Give the group id".</summary>
        string AmbiguityHint { get; }
    }

    /// <summary>The group directory a cmdlet works with.</summary>
    internal static class GroupDirectory
    {
        /// <summary>The connection's site groups when <paramref name="onSite"/>, else its org groups.</summary>
        public static IGroupDirectory For(AtlassianConnection connection, bool onSite) =>
            onSite ? (IGroupDirectory)new SiteGroupDirectory(connection) : new OrgGroupDirectory(connection);

        /// <summary>Runs a call, reporting its errors through <see cref="IGroupDirectory.MapError"/>.</summary>
        public static async Task<T> Mapped<T>(this IGroupDirectory directory, Task<T> call, DirectoryGroup group)
        {
            try { return await call.ConfigureAwait(false); }
            catch (Exception e)
            {
                var mapped = directory.MapError(e, group);
                if (ReferenceEquals(mapped, e)) throw;
                throw mapped;
            }
        }
    }
}
