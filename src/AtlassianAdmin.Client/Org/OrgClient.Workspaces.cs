#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>Workspaces (products/sites): <c>POST /v2/orgs/{orgId}/workspaces</c>, a POST query, cursor-paged.</summary>
    public sealed partial class OrgClient
    {
        public IEnumerable<AtlassianWorkspace> ListWorkspaces(string orgId, CancellationToken ct)
        {
            var path = $"admin/v2/orgs/{E(orgId)}/workspaces";
            return CursorStream.Stream<AtlassianWorkspace>(async (cursor, t) =>
            {
                // With a cursor no other field may be set.
                object body = cursor == null ? (object)new { limit = PageSize } : new { cursor };
                var env = await _api.SendAsync<CursorEnvelope<JsonApiResource<WorkspaceAttributes>>>(HttpMethod.Post, path, body, idempotent: true, t).ConfigureAwait(false);
                var items = (env?.Data ?? new List<JsonApiResource<WorkspaceAttributes>>()).Select(w => new AtlassianWorkspace
                {
                    Id = w.Id,
                    Name = w.Attributes?.Name,
                    Product = w.Attributes?.TypeKey ?? w.Attributes?.Type,
                    Status = w.Attributes?.Status,
                    HostUrl = w.Attributes?.HostUrl,
                    CreatedAt = w.Attributes?.CreatedAt,
                    Labels = w.Attributes?.Labels?.ToArray(),
                    OrgId = orgId,
                }).ToList();
                return new Page<AtlassianWorkspace>(items, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        private sealed class WorkspaceAttributes
        {
            public string? Name { get; set; }
            public string? TypeKey { get; set; }
            public string? Type { get; set; }
            public string? Status { get; set; }
            public string? HostUrl { get; set; }
            public DateTimeOffset? CreatedAt { get; set; }
            public List<string>? Labels { get; set; }
        }
    }
}
