using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Scim
{
    /// <summary>
    /// Read side of the user provisioning (SCIM 2.0) API, <c>https://api.atlassian.com/scim/directory/{directoryId}/Users|Groups</c>,
    /// over a transport that carries the directory's SCIM API key (not the org key). Lists are RFC 7644 ListResponses paged
    /// by 1-based <c>startIndex</c> + <c>count</c>; pages may come back shorter than asked (Atlassian caps them at 100).
    /// </summary>
    public sealed class ScimClient
    {
        private readonly ApiTransport _api;

        public ScimClient(ApiTransport transport, string directoryId)
        {
            _api = transport ?? throw new ArgumentNullException(nameof(transport));
            if (string.IsNullOrEmpty(directoryId)) throw new ArgumentException("A SCIM directory id is required.", nameof(directoryId));
            DirectoryId = directoryId;
        }

        public string DirectoryId { get; }
        public ApiTransport Transport => _api;

        /// <summary>Resources asked for per page (Atlassian's KB: at most 100 come back).</summary>
        public int PageSize { get; set; } = 100;

        private string Base => "scim/directory/" + Uri.EscapeDataString(DirectoryId) + "/";

        /// <summary>An <c>attr eq "value"</c> filter with the value quoted as SCIM requires.</summary>
        public static string EqFilter(string attribute, string value) =>
            attribute + " eq \"" + (value ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        public IEnumerable<AtlassianScimUser> ListUsers(string filter, CancellationToken ct) =>
            Stream<UserWire, AtlassianScimUser>("Users", filter, ToUser, ct);

        public IEnumerable<AtlassianScimGroup> ListGroups(string filter, CancellationToken ct) =>
            Stream<GroupWire, AtlassianScimGroup>("Groups", filter, ToGroup, ct);

        /// <summary>totalResults of a listing, read with <c>count=0</c> (RFC 7644: no resources, only the total); null when not given.</summary>
        public async Task<int?> CountAsync(string resource, string filter, CancellationToken ct)
        {
            var q = new QueryBuilder().Add("count", "0").Add("filter", string.IsNullOrEmpty(filter) ? null : filter);
            var page = await _api.GetAsync<ListResponse<UserWire>>(Base + resource + q, ct).ConfigureAwait(false);
            return page?.TotalResults;
        }

        /// <summary>Checks the key and the directory with one small read (throws the API's 401 / 404).</summary>
        public Task ValidateAsync(CancellationToken ct) =>
            _api.GetAsync<ListResponse<UserWire>>(Base + "Users?startIndex=1&count=1", ct);

        /// <summary>One user by SCIM id; null when the API answers 404.</summary>
        public async Task<AtlassianScimUser> GetUserAsync(string id, CancellationToken ct)
        {
            var w = await GetOrNull<UserWire>("Users/" + Uri.EscapeDataString(id), ct).ConfigureAwait(false);
            return w == null ? null : ToUser(w);
        }

        /// <summary>One group by SCIM id; null when the API answers 404.</summary>
        public async Task<AtlassianScimGroup> GetGroupAsync(string id, CancellationToken ct)
        {
            var w = await GetOrNull<GroupWire>("Groups/" + Uri.EscapeDataString(id), ct).ConfigureAwait(false);
            return w == null ? null : ToGroup(w);
        }

        private async Task<T> GetOrNull<T>(string relative, CancellationToken ct) where T : class
        {
            try { return await _api.GetAsync<T>(Base + relative, ct).ConfigureAwait(false); }
            catch (AtlassianApiException e) when (e.Status == 404) { return null; }
        }

        /// <summary>
        /// Pages by startIndex until totalResults is reached or a page comes back empty; a missing totalResults (or
        /// startIndex) is tolerated, and the next index counts the items actually received, so short pages skip nothing.
        /// </summary>
        private IEnumerable<TOut> Stream<TWire, TOut>(string resource, string filter, Func<TWire, TOut> map, CancellationToken ct) =>
            PageStream.Stream<TOut>(async (next, t) =>
            {
                int start = next == null ? 1 : int.Parse(next, CultureInfo.InvariantCulture);
                var q = new QueryBuilder();
                q.Add("startIndex", start.ToString(CultureInfo.InvariantCulture));
                q.Add("count", PageSize.ToString(CultureInfo.InvariantCulture));
                q.Add("filter", string.IsNullOrEmpty(filter) ? null : filter);
                var page = await _api.GetAsync<ListResponse<TWire>>(Base + resource + q, t).ConfigureAwait(false);
                var items = (page?.Resources ?? new List<TWire>()).Where(x => x != null).Select(map).ToList();
                var after = start + items.Count;
                var done = items.Count == 0 || (page?.TotalResults is int total && after > total);
                return new Page<TOut>(items, done ? null : after.ToString(CultureInfo.InvariantCulture));
            }, ct);

        private AtlassianScimUser ToUser(UserWire w)
        {
            var emails = (w.Emails ?? new List<EmailWire>()).Where(e => !string.IsNullOrEmpty(e?.Value)).ToList();
            return new AtlassianScimUser
            {
                DirectoryId = DirectoryId, Id = w.Id, ExternalId = w.ExternalId, UserName = w.UserName,
                DisplayName = w.DisplayName ?? w.Name?.Formatted, GivenName = w.Name?.GivenName, FamilyName = w.Name?.FamilyName,
                Email = (emails.FirstOrDefault(e => e.Primary == true) ?? emails.FirstOrDefault())?.Value,
                Emails = emails.Select(e => e.Value).ToList(), Active = w.Active, Title = w.Title,
                // Atlassian's enterprise extension carries department/organization; older answers put them at the top level.
                Department = w.Enterprise?.Department ?? w.Department, Organization = w.Enterprise?.Organization ?? w.Organization,
                AtlassianAccountId = w.Atlassian?.AtlassianAccountId,
                Groups = (w.Groups ?? new List<RefWire>()).Select(g => g?.Display ?? g?.Value).Where(n => n != null).ToList(),
                Created = w.Meta?.Created, LastModified = w.Meta?.LastModified,
            };
        }

        private AtlassianScimGroup ToGroup(GroupWire w) => new AtlassianScimGroup
        {
            DirectoryId = DirectoryId, Id = w.Id, ExternalId = w.ExternalId, DisplayName = w.DisplayName,
            Members = (w.Members ?? new List<RefWire>()).Where(m => m != null).Select(m => new AtlassianScimGroupMember { Id = m.Value, DisplayName = m.Display }).ToList(),
            Created = w.Meta?.Created, LastModified = w.Meta?.LastModified,
        };

        private sealed class ListResponse<T>
        {
            public int? TotalResults { get; set; }
            public int? StartIndex { get; set; }
            public int? ItemsPerPage { get; set; }
            [JsonPropertyName("Resources")]
            public List<T> Resources { get; set; }
        }

        private sealed class UserWire
        {
            public string Id { get; set; }
            public string ExternalId { get; set; }
            public string UserName { get; set; }
            public string DisplayName { get; set; }
            public NameWire Name { get; set; }
            public List<EmailWire> Emails { get; set; }
            public bool? Active { get; set; }
            public string Title { get; set; }
            public string Department { get; set; }
            public string Organization { get; set; }
            public List<RefWire> Groups { get; set; }
            public MetaWire Meta { get; set; }
            [JsonPropertyName("urn:ietf:params:scim:schemas:extension:enterprise:2.1:User")]
            public EnterpriseWire Enterprise { get; set; }
            [JsonPropertyName("urn:scim:schemas:extension:atlassian-external:1.1")]
            public AtlassianWire Atlassian { get; set; }
        }

        private sealed class GroupWire
        {
            public string Id { get; set; }
            public string ExternalId { get; set; }
            public string DisplayName { get; set; }
            public List<RefWire> Members { get; set; }
            public MetaWire Meta { get; set; }
        }

        private sealed class NameWire
        {
            public string Formatted { get; set; }
            public string GivenName { get; set; }
            public string FamilyName { get; set; }
        }

        private sealed class EmailWire
        {
            public string Value { get; set; }
            public string Type { get; set; }
            public bool? Primary { get; set; }
        }

        private sealed class RefWire
        {
            public string Value { get; set; }
            public string Display { get; set; }
        }

        private sealed class MetaWire
        {
            public DateTimeOffset? Created { get; set; }
            public DateTimeOffset? LastModified { get; set; }
        }

        private sealed class EnterpriseWire
        {
            public string Department { get; set; }
            public string Organization { get; set; }
        }

        private sealed class AtlassianWire
        {
            public string AtlassianAccountId { get; set; }
        }
    }
}
