#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// The Organization REST API (<c>https://api.atlassian.com/admin</c>): orgs, domains, directories and directory users.
    /// v2 paths first, per the reference; listings stream page by page.
    /// </summary>
    public sealed partial class OrgClient
    {
        private readonly ApiTransport _api;

        public OrgClient(ApiTransport transport) => _api = transport;

        public ApiTransport Transport => _api;

        /// <summary>Page size asked for on listings (the API's maximum is 100).</summary>
        public int PageSize { get; set; } = 100;

        /// <summary>One escaped path segment. "." and ".." would be resolved away by the URI (another endpoint), so they never get here.</summary>
        internal static string E(string? segment)
        {
            if (segment == null || segment.Length == 0 || segment == "." || segment == "..")
                throw new ArgumentException($"'{segment}' cannot be used as an identifier in a request path.", nameof(segment));
            return Uri.EscapeDataString(segment);
        }
        internal static string Org(string orgId) => "admin/v1/orgs/" + E(orgId);
        internal static string Dir(string orgId, string? directoryId) => $"admin/v2/orgs/{E(orgId)}/directories/{E(directoryId ?? "-")}";

        // ---- Orgs -------------------------------------------------------------------------------------------

        public IEnumerable<AtlassianOrganization> ListOrganizations(CancellationToken ct) =>
            CursorStream.Stream<AtlassianOrganization>(async (cursor, t) =>
            {
                var env = await _api.GetAsync<CursorEnvelope<JsonApiResource<NameAttributes>>>("admin/v1/orgs" + CursorQuery(cursor, first: true), t).ConfigureAwait(false);
                return new Page<AtlassianOrganization>(env?.Data?.Select(ToOrganization).ToList(), PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);

        public async Task<AtlassianOrganization> GetOrganizationAsync(string orgId, CancellationToken ct)
        {
            var env = await _api.GetAsync<DataEnvelope<JsonApiResource<NameAttributes>>>(Org(orgId), ct).ConfigureAwait(false);
            return ToOrganization(env?.Data ?? throw _api.NoData(HttpMethod.Get, Org(orgId)));
        }

        private static AtlassianOrganization ToOrganization(JsonApiResource<NameAttributes> r) =>
            new AtlassianOrganization { Id = r.Id, Name = r.Attributes?.Name };

        // ---- Domains ----------------------------------------------------------------------------------------

        public IEnumerable<AtlassianDomain> ListDomains(string orgId, CancellationToken ct) =>
            CursorStream.Stream<AtlassianDomain>(async (cursor, t) =>
            {
                var env = await _api.GetAsync<CursorEnvelope<JsonApiResource<DomainAttributes>>>(Org(orgId) + "/domains" + CursorQuery(cursor, first: true), t).ConfigureAwait(false);
                return new Page<AtlassianDomain>(env?.Data?.Select(d => ToDomain(orgId, d)).ToList(), PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);

        public async Task<AtlassianDomain> GetDomainAsync(string orgId, string domainId, CancellationToken ct)
        {
            var path = Org(orgId) + "/domains/" + E(domainId);
            var env = await _api.GetAsync<DataEnvelope<JsonApiResource<DomainAttributes>>>(path, ct).ConfigureAwait(false);
            return ToDomain(orgId, env?.Data ?? throw _api.NoData(HttpMethod.Get, path));
        }

        private static AtlassianDomain ToDomain(string orgId, JsonApiResource<DomainAttributes> r) => new AtlassianDomain
        {
            OrgId = orgId, Id = r.Id, Name = r.Attributes?.Name, ClaimType = r.Attributes?.Claim?.Type, ClaimStatus = r.Attributes?.Claim?.Status,
        };

        // ---- Directories ------------------------------------------------------------------------------------

        public IEnumerable<AtlassianDirectory> ListDirectories(string orgId, CancellationToken ct) =>
            CursorStream.Stream<AtlassianDirectory>(async (cursor, t) =>
            {
                var env = await _api.GetAsync<CursorEnvelope<AtlassianDirectory>>($"admin/v2/orgs/{E(orgId)}/directories" + CursorQuery(cursor, first: true, limit: PageSize), t).ConfigureAwait(false);
                var items = env?.Data ?? new List<AtlassianDirectory>();
                foreach (var d in items) d.OrgId = orgId;
                return new Page<AtlassianDirectory>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);

        // ---- Users ------------------------------------------------------------------------------------------

        /// <summary>Streams the users matching <paramref name="query"/> (POST search, the non-deprecated listing).</summary>
        public IEnumerable<AtlassianUser> SearchUsers(string orgId, string? directoryId, UserQuery? query, CancellationToken ct)
        {
            query = query ?? new UserQuery();
            if (query.Emails != null && query.Emails.Count > 0 && !string.IsNullOrEmpty(query.SearchTerm))
                throw new ArgumentException("Emails and SearchTerm cannot be combined in one user search.", nameof(query));
            if (query.Limit == null) query.Limit = PageSize;
            var path = Dir(orgId, directoryId) + "/users/search";
            return CursorStream.Stream<AtlassianUser>(async (cursor, t) =>
            {
                var body = cursor == null ? query : query.WithCursor(cursor);
                var env = await _api.SendAsync<CursorEnvelope<AtlassianUser>>(HttpMethod.Post, path, body, idempotent: true, t).ConfigureAwait(false);
                var items = env?.Data ?? new List<AtlassianUser>();
                foreach (var u in items) Stamp(u, orgId, directoryId);
                return new Page<AtlassianUser>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        public async Task<AtlassianUser> GetUserAsync(string orgId, string? directoryId, string accountId, CancellationToken ct)
        {
            var path = Dir(orgId, directoryId) + "/users/" + E(accountId);
            var env = await _api.GetAsync<DataEnvelope<AtlassianUser>>(path, ct).ConfigureAwait(false);
            return Stamp(env?.Data ?? throw _api.NoData(HttpMethod.Get, path), orgId, directoryId);
        }

        /// <summary><c>GET …/users/count</c>: counts without listing.</summary>
        public async Task<long> CountUsersAsync(string orgId, string? directoryId, IEnumerable<string>? status, string? searchTerm, CancellationToken ct)
        {
            var q = new QueryBuilder();
            foreach (var s in status ?? Enumerable.Empty<string>()) q.Add("status", s);
            q.Add("searchTerm", searchTerm);
            var result = await _api.GetAsync<CountResult>(Dir(orgId, directoryId) + "/users/count" + q, ct).ConfigureAwait(false);
            return result?.Count ?? 0;
        }

        private static AtlassianUser Stamp(AtlassianUser u, string orgId, string? directoryId)
        {
            u.OrgId = orgId;
            if (u.DirectoryId == null && directoryId != null && directoryId != "-") u.DirectoryId = directoryId;
            return u;
        }

        internal static string CursorQuery(string? cursor, bool first, int? limit = null)
        {
            var q = new QueryBuilder();
            q.Add("cursor", cursor);
            if (limit.HasValue && cursor == null) q.Add("limit", limit.Value.ToString());
            return q.ToString();
        }

        private sealed class NameAttributes
        {
            public string? Name { get; set; }
        }

        private sealed class DomainAttributes
        {
            public string? Name { get; set; }
            public ClaimInfo? Claim { get; set; }
        }

        private sealed class ClaimInfo
        {
            public string? Type { get; set; }
            public string? Status { get; set; }
        }
    }
}
