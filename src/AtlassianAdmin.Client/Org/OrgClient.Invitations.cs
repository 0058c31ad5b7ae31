#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>Invitations (<c>POST /v2/orgs/{orgId}/users/invite</c>) and the group lookup they need.</summary>
    public sealed partial class OrgClient
    {
        /// <summary>
        /// Invites the emails (creating accounts as needed), applying permission rules and groups. Not idempotent on the
        /// server (it may notify twice), so an ambiguous failure is never retried.
        /// </summary>
        public async Task<IReadOnlyList<AtlassianInvitationResult>> InviteAsync(string orgId, AtlassianInvitationRequest request, CancellationToken ct)
        {
            if (request?.Emails == null || request.Emails.Count == 0) throw new ArgumentException("An invitation needs at least one email.", nameof(request));
            var env = await _api.SendAsync<CursorEnvelope<InviteWire>>(HttpMethod.Post, $"admin/v2/orgs/{E(orgId)}/users/invite", request, idempotent: false, ct).ConfigureAwait(false);
            return (env?.Data ?? new List<InviteWire>()).Where(d => d != null)
                .Select(d => new AtlassianInvitationResult { Id = d.Id, Email = d.Email, Results = FlattenInviteResults(d.Results).ToList() }).ToList();
        }

        /// <summary>
        /// <c>results[]</c> of one invitee: <c>{roleAssignmentResult: [{resource, role, status, statusReason}],
        /// groupAssignmentResult: [{group, status, statusReason}]}</c> (C5). A flat item (no nested lists) is read as one result.
        /// </summary>
        private static IEnumerable<AtlassianInvitationItemResult> FlattenInviteResults(List<JsonElement>? results)
        {
            foreach (var r in results ?? new List<JsonElement>())
            {
                if (r.ValueKind != JsonValueKind.Object) continue;
                bool nested = false;
                if (r.TryGetProperty("roleAssignmentResult", out var roles) && roles.ValueKind == JsonValueKind.Array)
                {
                    nested = true;
                    foreach (var x in roles.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
                        yield return new AtlassianInvitationItemResult { Type = "role", Resource = Str(x, "resource"), Role = Str(x, "role"), Status = Str(x, "status"), StatusReason = Str(x, "statusReason") };
                }
                if (r.TryGetProperty("groupAssignmentResult", out var groups) && groups.ValueKind == JsonValueKind.Array)
                {
                    nested = true;
                    foreach (var x in groups.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
                        yield return new AtlassianInvitationItemResult { Type = "group", GroupId = Str(x, "group"), Status = Str(x, "status"), StatusReason = Str(x, "statusReason") };
                }
                if (!nested)   // (unverified) a flat per-item shape
                    yield return new AtlassianInvitationItemResult
                    {
                        Type = Str(r, "type") ?? (Str(r, "group") != null || Str(r, "groupId") != null ? "group" : "role"),
                        Resource = Str(r, "resource"), Role = Str(r, "role"), GroupId = Str(r, "group") ?? Str(r, "groupId"),
                        Status = Str(r, "status"), StatusReason = Str(r, "statusReason"),
                    };
            }
        }

        private sealed class InviteWire
        {
            public string? Id { get; set; }
            public string? Email { get; set; }
            public List<JsonElement>? Results { get; set; }
        }

        /// <summary>
        /// Finds groups by exact name and/or id with <c>POST …/groups/search</c> (<c>groupNames</c> / <c>groupIds</c>).
        /// A small lookup for invitations; missing ones are simply absent from the result.
        /// </summary>
        public IEnumerable<AtlassianGroupRef> FindGroupsForInvitation(string orgId, string directoryId, IReadOnlyCollection<string> names, IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            var path = Dir(orgId, directoryId) + "/groups/search";
            foreach (var (field, values) in new[] { ("groupNames", names), ("groupIds", ids) })
            {
                if (values == null || values.Count == 0) continue;
                var list = values.ToList();
                var stream = CursorStream.Stream<AtlassianGroupRef>(async (cursor, t) =>
                {
                    // C9: the filter is resent with the cursor.
                    var body = new Dictionary<string, object> { [field] = list, ["limit"] = PageSize };
                    if (cursor != null) body["cursor"] = cursor;
                    var env = await _api.SendAsync<CursorEnvelope<AtlassianGroupRef>>(HttpMethod.Post, path, body, idempotent: true, t).ConfigureAwait(false);
                    return new Page<AtlassianGroupRef>(env?.Data, PageStream.CursorFromLink(env?.Links?.Next));
                }, ct);
                foreach (var g in stream) yield return g;
            }
        }
    }
}
