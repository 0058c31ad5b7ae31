#nullable enable
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
    /// Product activity of directory users for reports: the user search with <c>expand: productAccess</c> (100 users per
    /// request). Its items are <c>{key, id, lastActiveTimestamp}</c> (correction C3; jira.js multiDirectoryProductAccess.ts);
    /// an absent timestamp means no recorded activity, so no per-user call is ever made. Who holds a licence comes from
    /// the search's <c>roleIds</c> + <c>resourceIds</c> filters (<see cref="SearchUsers"/>), not from these items.
    /// </summary>
    public sealed partial class OrgClient
    {
        public IEnumerable<UserProductAccess> SearchProductAccess(string orgId, string? directoryId, UserQuery? query, CancellationToken ct)
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
                var users = (env?.Data ?? new List<ProductAccessUserWire>()).Where(u => u != null).Select(u => u.ToModel(orgId, directoryId)).ToList();
                return new Page<UserProductAccess>(users, PageStream.CursorFromLink(env?.Links?.Next));
            }, ct);
        }

        /// <summary><c>GET /v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates</c>: per product, and when the user joined.</summary>
        public async Task<LastActiveDates> GetLastActiveDatesAsync(string orgId, string accountId, CancellationToken ct)
        {
            var result = new LastActiveDates();
            string? cursor = null;
            do
            {
                var q = new Http.QueryBuilder();
                q.Add("cursor", cursor);
                var env = await _api.GetAsync<LastActiveEnvelope>(Org(orgId) + "/directory/users/" + E(accountId) + "/last-active-dates" + q, ct).ConfigureAwait(false);
                var data = env?.Data;
                if (data?.AddedToOrg != null) result.AddedToOrg = ParseDate(data.AddedToOrg);
                foreach (var p in data?.ProductAccess ?? new List<LastActiveWire>())
                    result.Products.Add(new ProductLastActive { ResourceId = p.Id, Key = p.Key, LastActive = ParseDate(p.LastActive) });
                cursor = PageStream.CursorFromLink(env?.Links?.Next);
            } while (cursor != null);
            return result;
        }

        internal static DateTimeOffset? ParseDate(string? text) =>
            !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTimeOffset?)null;

        private sealed class ProductAccessUserWire
        {
            public string? AccountId { get; set; }
            public string? Email { get; set; }
            public string? Name { get; set; }
            public string? Status { get; set; }
            public string? AccountStatus { get; set; }
            public string? AddedToOrg { get; set; }
            public List<ProductAccessWire>? ProductAccess { get; set; }

            public UserProductAccess ToModel(string orgId, string? directoryId) => new UserProductAccess
            {
                AccountId = AccountId, Email = Email, Name = Name, Status = Status, AccountStatus = AccountStatus,
                AddedToOrg = ParseDate(AddedToOrg), OrgId = orgId, DirectoryId = directoryId == "-" ? null : directoryId,
                Products = (ProductAccess ?? new List<ProductAccessWire>()).Select(p => p.ToModel()).ToList(),
            };
        }

        /// <summary>
        /// An item of the productAccess expansion: <c>{key, id, lastActiveTimestamp}</c> (C3). (unverified) older names
        /// (<c>resourceId</c>, <c>lastActive</c>, <c>last_active</c>) are read too, so either answer works.
        /// </summary>
        private sealed class ProductAccessWire
        {
            public string? ResourceId { get; set; }
            public string? Id { get; set; }
            public string? Key { get; set; }
            public string? LastActiveTimestamp { get; set; }
            public string? LastActive { get; set; }
            [JsonPropertyName("last_active")]
            public string? LastActiveV1 { get; set; }

            public ProductAccessEntry ToModel() => new ProductAccessEntry
            {
                ResourceId = ResourceId ?? Id, Key = Key,
                LastActive = ParseDate(LastActiveTimestamp ?? LastActive ?? LastActiveV1),
            };
        }

        private sealed class LastActiveEnvelope
        {
            public LastActiveData? Data { get; set; }
            public Links? Links { get; set; }
        }

        private sealed class LastActiveData
        {
            [JsonPropertyName("product_access")]
            public List<LastActiveWire>? ProductAccess { get; set; }
            [JsonPropertyName("added_to_org")]
            public string? AddedToOrg { get; set; }
        }

        private sealed class LastActiveWire
        {
            public string? Id { get; set; }
            public string? Key { get; set; }
            [JsonPropertyName("last_active")]
            public string? LastActive { get; set; }
        }
    }

    /// <summary>A directory user with the products they can use.</summary>
    public sealed class UserProductAccess
    {
        public string? AccountId { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? AccountStatus { get; set; }
        public DateTimeOffset? AddedToOrg { get; set; }
        public string? DirectoryId { get; set; }
        public string? OrgId { get; set; }
        public List<ProductAccessEntry> Products { get; set; } = new List<ProductAccessEntry>();
    }

    public sealed class ProductAccessEntry
    {
        /// <summary>The product instance id (the workspace ARI; (unverified) a bare site id is matched too).</summary>
        public string? ResourceId { get; set; }
        public string? Key { get; set; }
        /// <summary>Last activity in the product; null = no recorded activity.</summary>
        public DateTimeOffset? LastActive { get; set; }
    }

    public sealed class LastActiveDates
    {
        public DateTimeOffset? AddedToOrg { get; set; }
        public List<ProductLastActive> Products { get; set; } = new List<ProductLastActive>();
    }

    public sealed class ProductLastActive
    {
        public string? ResourceId { get; set; }
        public string? Key { get; set; }
        public DateTimeOffset? LastActive { get; set; }
    }
}
