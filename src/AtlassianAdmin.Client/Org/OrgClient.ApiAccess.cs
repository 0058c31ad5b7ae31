#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// The org's API-access API, <c>GET /admin/api-access/v1/orgs/{orgId}/api-tokens</c>: every managed account's API
    /// tokens in one paged listing (developer.atlassian.com/cloud/admin/api-access). Its bulk DELETE revokes every token of
    /// the org at once and is deliberately not offered.
    /// </summary>
    public sealed partial class OrgClient
    {
        public IEnumerable<AtlassianApiToken> ListOrgApiTokens(string orgId, string userQuery, CancellationToken ct)
        {
            var path = "admin/api-access/v1/orgs/" + E(orgId) + "/api-tokens";
            return PageStream.Stream<AtlassianApiToken>(async (cursor, t) =>
            {
                var q = new QueryBuilder();
                // (unverified) paging by ?cursor= from links.next, as on the other admin APIs; a full URL is tolerated.
                q.Add("cursor", cursor);
                if (cursor == null) q.Add("q", userQuery);
                var env = await _api.GetAsync<OrgTokenEnvelope>(path + q, t).ConfigureAwait(false);
                var items = (env?.Data ?? new List<OrgTokenWire>()).Select(w => new AtlassianApiToken
                {
                    AccountId = w.User?.Id, Email = w.User?.Email, UserName = w.User?.Name, TokenId = w.Id, Label = w.Label,
                    CreatedAt = w.CreatedAt, LastAccess = w.LastActiveAt, ExpiresAt = w.ExpiresAt, Status = w.Status,
                }).ToList();
                return new Page<AtlassianApiToken>(items, items.Count == 0 ? null : PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        private sealed class OrgTokenEnvelope
        {
            public List<OrgTokenWire>? Data { get; set; }
            public Links? Links { get; set; }
        }

        private sealed class OrgTokenWire
        {
            public string? Id { get; set; }
            public string? Label { get; set; }
            public string? Status { get; set; }
            public DateTimeOffset? CreatedAt { get; set; }
            public DateTimeOffset? ExpiresAt { get; set; }
            public DateTimeOffset? LastActiveAt { get; set; }
            public OrgTokenUser? User { get; set; }
        }

        private sealed class OrgTokenUser
        {
            public string? Id { get; set; }
            public string? Name { get; set; }
            public string? Email { get; set; }
        }
    }
}
