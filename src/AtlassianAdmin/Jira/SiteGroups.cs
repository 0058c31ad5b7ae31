using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Jira
{
    /// <summary>
    /// The site-group counterpart of <see cref="GroupResolver"/>: turns a group object, id or name into a Jira site group
    /// (<c>GET /group/bulk</c>), once per connection. Found groups are cached by id, lookups of the same text share one
    /// request, and a name that matches several groups is an AmbiguousGroup error listing them.
    /// </summary>
    internal sealed class SiteGroupResolver
    {
        private const string CacheKey = "jira:siteGroupResolver";

        private readonly AtlassianConnection _connection;
        private readonly ConcurrentDictionary<string, JiraGroup> _byId = new ConcurrentDictionary<string, JiraGroup>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Task<IReadOnlyList<JiraGroup>>> _inFlight = new ConcurrentDictionary<string, Task<IReadOnlyList<JiraGroup>>>(StringComparer.OrdinalIgnoreCase);

        private SiteGroupResolver(AtlassianConnection connection) => _connection = connection;

        /// <summary>The connection's resolver.</summary>
        public static SiteGroupResolver For(AtlassianConnection connection) =>
            (SiteGroupResolver)connection.Cache.Items.GetOrAdd(CacheKey, _ => new SiteGroupResolver(connection));

        /// <summary>Site group names known on this connection (for argument completion; never does I/O).</summary>
        public static IReadOnlyList<string> KnownNames(AtlassianConnection connection) =>
            connection != null && connection.Cache.Items.TryGetValue(CacheKey, out var r)
                ? ((SiteGroupResolver)r)._byId.Values.Select(g => g.Name).Where(n => n != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        private JiraClient Jira => _connection.Jira;

        /// <summary>Remembers groups read by a listing, for later resolution and completion.</summary>
        public void Remember(JiraGroup group)
        {
            if (group?.GroupId != null) _byId[group.GroupId] = group;
        }

        /// <summary>Remembers a group just created (name lookups made before are stale).</summary>
        public void Created(JiraGroup group)
        {
            Remember(group);
            _inFlight.Clear();
        }

        /// <summary>Forgets a deleted group (here and in <see cref="SiteDirectory"/>'s lookups).</summary>
        public void Forget(JiraGroup group)
        {
            if (group == null) return;
            if (group.GroupId != null) _byId.TryRemove(group.GroupId, out _);
            _connection.Cache.Jira.Groups.Forget(group.GroupId);
            _connection.Cache.Jira.Groups.Forget(group.Name);
            _inFlight.Clear();
        }

        /// <summary>Resolves a group object, id or name. Throws <see cref="ItemFailedException"/>: GroupMissing, GroupNotFound or AmbiguousGroup.</summary>
        public async Task<JiraGroup> ResolveAsync(GroupPipeBind input, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(input?.SiteGroup?.GroupId)) return input.SiteGroup;
            var text = input?.Text;
            if (string.IsNullOrEmpty(text))
                throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                    "No group was given. Use -Group with a group object, name or id (or a CSV column group, group_name, GroupName or groupId).");
            Identifiers.RequireGroupName(text);
            if (_byId.TryGetValue(text, out var known)) return known;

            IReadOnlyList<JiraGroup> matches = Array.Empty<JiraGroup>();
            if (JiraClient.LooksLikeGroupId(text))
                matches = await Lookup("id:" + text, () => Search(new[] { text }, null, ct)).ConfigureAwait(false);
            if (matches.Count == 0)
                matches = (await Lookup("name:" + text, () => Search(null, new[] { text }, ct)).ConfigureAwait(false))
                    .Where(g => string.Equals(g.Name, text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1) return matches[0];
            if (matches.Count == 0)
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound,
                    $"The Jira site has no group named or with id '{text}'. List groups with Get-AtlassianGroup -Site, or create it with New-AtlassianGroup -Site.");
            throw new ItemFailedException("AmbiguousGroup", ErrorCategory.InvalidArgument,
                $"'{text}' matches {matches.Count} site groups: {string.Join("; ", matches.Select(g => $"{g.Name} (id {g.GroupId})"))}. Give the group id.");
        }

        /// <summary>Groups with exactly this name, read now (no cache): for New-AtlassianGroup's duplicate check.</summary>
        public Task<IReadOnlyList<JiraGroup>> FindByNameAsync(string name, CancellationToken ct) =>
            Task.Run(() =>
            {
                IReadOnlyList<JiraGroup> found = Jira.ListGroups(null, new[] { name }, ct).Where(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var g in found) Remember(g);
                return found;
            }, ct);

        private async Task<IReadOnlyList<JiraGroup>> Lookup(string key, Func<Task<IReadOnlyList<JiraGroup>>> fetch)
        {
            var task = _inFlight.GetOrAdd(key, _ => fetch());
            try
            {
                var result = await task.ConfigureAwait(false);
                if (result.Count == 0) _inFlight.TryRemove(key, out _); // a missing group may be created later
                return result;
            }
            catch
            {
                _inFlight.TryRemove(key, out _);
                throw;
            }
        }

        private Task<IReadOnlyList<JiraGroup>> Search(IEnumerable<string> ids, IEnumerable<string> names, CancellationToken ct) =>
            Task.Run(() =>
            {
                IReadOnlyList<JiraGroup> list = Jira.ListGroups(ids, names, ct).ToList();
                foreach (var g in list) Remember(g);
                return list;
            }, ct);
    }

    /// <summary>Shared bits of the group cmdlets' site path.</summary>
    internal static class SiteGroupSupport
    {
        /// <summary>
        /// Stops when org-only parameters were given on the command line for a site operation. Values bound from piped
        /// objects (e.g. the DirectoryId of an org group) are ignored on the site instead, so org objects still pipe in.
        /// </summary>
        public static void RejectOrgOnlyParameters(PSCmdlet cmdlet, params string[] names)
        {
            var given = names.Where(n => cmdlet.MyInvocation.BoundParameters.ContainsKey(n)).ToList();
            if (given.Count == 0) return;
            var list = string.Join(", ", given.Select(n => "-" + n));
            throw new TerminatingErrorException(ErrorRecords.From(new ArgumentException(
                    $"{list} {(given.Count == 1 ? "applies" : "apply")} to organization directory groups only; site groups (with -Site, or on a connection without an org API key) have none. " +
                    "Leave it out, or leave out -Site on a connection with an org API key."),
                given[0], "ParameterNotSupportedOnSite", ErrorCategory.InvalidArgument));
        }

        /// <summary>Jira refuses changes to groups synced from an identity provider (400/403 naming the external directory): the same error id as for org groups.</summary>
        public static Exception MapWriteError(Exception error, JiraGroup group)
        {
            if (error is AtlassianApiException api && (api.Status == 400 || api.Status == 403)
                && (api.Message + " " + string.Join(" ", api.Errors.Select(e => e.ToString()))).IndexOf("external", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is managed by an external directory (synced from an identity provider); change it there, not here.", api);
            if (error is AtlassianApiException notFound && notFound.Status == 404
                && (notFound.Message + " " + string.Join(" ", notFound.Errors.Select(e => e.ToString()))).IndexOf("group", StringComparison.OrdinalIgnoreCase) >= 0)
                return new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound, $"Site group '{group.Name}' ({group.GroupId}) no longer exists.", notFound);
            return error;
        }

        /// <summary>Runs a site call, mapping its errors with <see cref="MapWriteError"/>.</summary>
        public static async Task<T> Mapped<T>(Task<T> call, JiraGroup group)
        {
            try { return await call.ConfigureAwait(false); }
            catch (Exception e)
            {
                var mapped = MapWriteError(e, group);
                if (ReferenceEquals(mapped, e)) throw;
                throw mapped;
            }
        }
    }
}
