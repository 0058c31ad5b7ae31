using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Paging;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>
    /// Product access of directory users for reports: the user search with <c>expand: productAccess</c> (100 users per
    /// request). Where an item of the expansion does not carry the last-active date, the user's v1
    /// <c>last-active-dates</c> is read (once per such user, a few at a time) — never a per-user call otherwise.
    /// </summary>
    public sealed partial class OrgClient
    {
        private const int LastActiveConcurrency = 4;

        public IEnumerable<UserProductAccess> SearchProductAccess(string orgId, string directoryId, UserQuery query, CancellationToken ct)
        {
            query = query ?? new UserQuery();
            var expand = new List<string>(query.Expand ?? new List<string>());
            if (!expand.Contains("productAccess")) expand.Add("productAccess");
            query.Expand = expand;
            if (query.Limit == null) query.Limit = PageSize;
            var path = Dir(orgId, directoryId) + "/users/search";
            return CursorStream.Stream<UserProductAccess>(async (cursor, t) =>
            {
                var body = cursor == null ? query : query.WithCursor(cursor);
                var env = await _api.SendAsync<CursorEnvelope<ProductAccessUserWire>>(HttpMethod.Post, path, body, idempotent: true, t).ConfigureAwait(false);
                var users = (env?.Data ?? new List<ProductAccessUserWire>()).Select(u => u.ToModel(orgId, directoryId)).ToList();
                await FillLastActiveAsync(orgId, users.Where(u => u.Products.Any(p => !p.LastActiveKnown)).ToList(), t).ConfigureAwait(false);
                return new Page<UserProductAccess>(users, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        /// <summary><c>GET /v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates</c>: per product, and when the user joined.</summary>
        public async Task<LastActiveDates> GetLastActiveDatesAsync(string orgId, string accountId, CancellationToken ct)
        {
            var result = new LastActiveDates();
            string cursor = null;
            do
            {
                var q = new Http.QueryBuilder();
                q.Add("cursor", cursor);
                var env = await _api.GetAsync<LastActiveEnvelope>(Org(orgId) + "/directory/users/" + E(accountId) + "/last-active-dates" + q, ct).ConfigureAwait(false);
                if (env?.Data?.AddedToOrg != null) result.AddedToOrg = ParseDate(env.Data.AddedToOrg);
                foreach (var p in env?.Data?.ProductAccess ?? new List<LastActiveWire>())
                    result.Products.Add(new ProductLastActive { ResourceId = p.Id, Key = p.Key, LastActive = ParseDate(p.LastActive) });
                cursor = PageStream.CursorFromLink(env?.Links?.Next);
            } while (cursor != null);
            return result;
        }

        private async Task FillLastActiveAsync(string orgId, List<UserProductAccess> users, CancellationToken ct)
        {
            if (users.Count == 0) return;
            using var slots = new SemaphoreSlim(LastActiveConcurrency);
            await Task.WhenAll(users.Select(async u =>
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var dates = await GetLastActiveDatesAsync(orgId, u.AccountId, ct).ConfigureAwait(false);
                    if (u.AddedToOrg == null && dates.AddedToOrg.HasValue) u.AddedToOrg = dates.AddedToOrg;
                    foreach (var p in u.Products.Where(p => !p.LastActiveKnown))
                    {
                        var match = dates.Products.FirstOrDefault(d => d.ResourceId != null && string.Equals(d.ResourceId, p.ResourceId, StringComparison.Ordinal))
                                    ?? dates.Products.FirstOrDefault(d => d.Key != null && string.Equals(d.Key, p.Key, StringComparison.OrdinalIgnoreCase));
                        p.LastActive = match?.LastActive;
                        p.LastActiveKnown = true;
                    }
                }
                finally
                {
                    slots.Release();
                }
            })).ConfigureAwait(false);
        }

        internal static DateTimeOffset? ParseDate(string text) =>
            !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTimeOffset?)null;

        private sealed class ProductAccessUserWire
        {
            public string AccountId { get; set; }
            public string Email { get; set; }
            public string Name { get; set; }
            public string Status { get; set; }
            public string AccountStatus { get; set; }
            public string AddedToOrg { get; set; }
            public List<ProductAccessWire> ProductAccess { get; set; }

            public UserProductAccess ToModel(string orgId, string directoryId) => new UserProductAccess
            {
                AccountId = AccountId, Email = Email, Name = Name, Status = Status, AccountStatus = AccountStatus,
                AddedToOrg = ParseDate(AddedToOrg), OrgId = orgId, DirectoryId = directoryId == "-" ? null : directoryId,
                Products = (ProductAccess ?? new List<ProductAccessWire>()).Select(p => p.ToModel()).ToList(),
            };
        }

        /// <summary>An item of the productAccess expansion (shape unverified: v2 camelCase and v1 snake_case names are both read).</summary>
        private sealed class ProductAccessWire
        {
            public string ResourceId { get; set; }
            public string Id { get; set; }
            public string Key { get; set; }
            public string Name { get; set; }
            public string Url { get; set; }
            public List<string> Roles { get; set; }
            /// <summary>Undefined when absent (then the v1 last-active-dates is asked), Null when the user never used the product.</summary>
            public JsonElement LastActive { get; set; }
            [JsonPropertyName("last_active")]
            public JsonElement LastActiveV1 { get; set; }

            public ProductAccessEntry ToModel()
            {
                var raw = LastActive.ValueKind != JsonValueKind.Undefined ? LastActive : LastActiveV1;
                return new ProductAccessEntry
                {
                    ResourceId = ResourceId ?? Id, Key = Key, Name = Name, Url = Url, Roles = Roles,
                    LastActiveKnown = raw.ValueKind != JsonValueKind.Undefined,
                    LastActive = raw.ValueKind == JsonValueKind.String ? ParseDate(raw.GetString()) : null,
                };
            }
        }

        private sealed class LastActiveEnvelope
        {
            public LastActiveData Data { get; set; }
            public Links Links { get; set; }
        }

        private sealed class LastActiveData
        {
            [JsonPropertyName("product_access")]
            public List<LastActiveWire> ProductAccess { get; set; }
            [JsonPropertyName("added_to_org")]
            public string AddedToOrg { get; set; }
        }

        private sealed class LastActiveWire
        {
            public string Id { get; set; }
            public string Key { get; set; }
            [JsonPropertyName("last_active")]
            public string LastActive { get; set; }
        }
    }

    /// <summary>A directory user with the products they can use.</summary>
    public sealed class UserProductAccess
    {
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string Name { get; set; }
        public string Status { get; set; }
        public string AccountStatus { get; set; }
        public DateTimeOffset? AddedToOrg { get; set; }
        public string DirectoryId { get; set; }
        public string OrgId { get; set; }
        public List<ProductAccessEntry> Products { get; set; } = new List<ProductAccessEntry>();
    }

    public sealed class ProductAccessEntry
    {
        public string ResourceId { get; set; }
        public string Key { get; set; }
        public string Name { get; set; }
        public string Url { get; set; }
        /// <summary>Role ids on the product, or null when the API did not report them.</summary>
        public List<string> Roles { get; set; }
        public DateTimeOffset? LastActive { get; set; }
        /// <summary>False until a last-active value (possibly "never") came from the API.</summary>
        public bool LastActiveKnown { get; set; }
    }

    public sealed class LastActiveDates
    {
        public DateTimeOffset? AddedToOrg { get; set; }
        public List<ProductLastActive> Products { get; set; } = new List<ProductLastActive>();
    }

    public sealed class ProductLastActive
    {
        public string ResourceId { get; set; }
        public string Key { get; set; }
        public DateTimeOffset? LastActive { get; set; }
    }
}
