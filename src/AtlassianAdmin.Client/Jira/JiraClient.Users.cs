#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    public sealed partial class JiraClient
    {
        /// <summary>
        /// <c>GET /users/search</c>: every user of the site, inactive and app users included (streamed, in order). Pages
        /// until an empty page, advancing by the largest page seen, with <see cref="PagesInFlight"/> pages requested ahead
        /// (correction C1: Jira caps <c>maxResults</c> and filters accounts out of a page).
        /// </summary>
        public IEnumerable<JiraUser> ListUsers(CancellationToken ct) =>
            OffsetStream.Stream(async (startAt, t) => (IReadOnlyList<JiraUser>)await UserPageAsync("users/search", null, startAt, UserListPageSize, t).ConfigureAwait(false),
                u => u.AccountId, OffsetPaging.UntilEmpty(PagesInFlight), ct);

        /// <summary>
        /// <c>GET /user/search?query=</c>: active users whose display name or email starts with <paramref name="query"/>.
        /// Jira takes the range first and filters it after, so every range below the 1000-user ceiling is read (an empty
        /// page is not the end). <paramref name="warn"/> hears when matches reach the ceiling (Jira returns nothing past it:
        /// JRACLOUD-73019), where the listing without a query is complete.
        /// </summary>
        public IEnumerable<JiraUser> SearchUsers(string? query, CancellationToken ct, Action<string>? warn = null) =>
            OffsetStream.Stream(async (startAt, t) =>
            {
                var page = await UserPageAsync("user/search", query ?? "", startAt, UserSearchPageSize, t).ConfigureAwait(false);
                if (startAt + UserSearchPageSize >= UserSearchCeiling && page.Count > 0)
                    warn?.Invoke($"Jira's user search stops at its first {UserSearchCeiling} users (JRACLOUD-73019) and '{query}' still matched users there, so later matches may be missing. List all users (no search term) and filter them instead.");
                return (IReadOnlyList<JiraUser>)page;
            }, u => u.AccountId, OffsetPaging.Ranges(UserSearchPageSize, UserSearchCeiling, PagesInFlight), ct);

        private async Task<List<JiraUser>> UserPageAsync(string path, string? query, int startAt, int maxResults, CancellationToken ct)
        {
            var q = new QueryBuilder();
            if (query != null) q.Add("query", query);
            q.Add("startAt", startAt.ToString(CultureInfo.InvariantCulture)).Add("maxResults", maxResults.ToString(CultureInfo.InvariantCulture));
            var page = await _api.GetAsync<List<UserWire>>(Api + path + q, ct).ConfigureAwait(false) ?? new List<UserWire>();
            return page.Where(w => w != null && !string.IsNullOrEmpty(w.AccountId)).Select(ToUser).OfType<JiraUser>().ToList();
        }

        /// <summary><c>GET /user?accountId=</c>; null when the site has no such user (404).</summary>
        public async Task<JiraUser?> GetUserAsync(string accountId, CancellationToken ct)
        {
            try
            {
                return ToUser(await _api.GetAsync<UserWire>(Api + "user" + new QueryBuilder().Add("accountId", accountId), ct).ConfigureAwait(false));
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return null;
            }
        }

        /// <summary>Account ids per <c>GET /user/bulk</c>: the ids travel in the URL, which must stay short (JRACLOUD-78790).</summary>
        public const int BulkUserIds = 50;

        /// <summary>
        /// <c>GET /user/bulk?accountId=..</c> (repeated, at most <see cref="BulkUserIds"/>): the users the site knows among
        /// <paramref name="accountIds"/>; unknown ids are simply absent.
        /// </summary>
        public async Task<IReadOnlyList<JiraUser>> GetUsersAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct)
        {
            if (accountIds == null || accountIds.Count == 0) return Array.Empty<JiraUser>();
            if (accountIds.Count > BulkUserIds) throw new ArgumentException($"At most {BulkUserIds} account ids per request.", nameof(accountIds));
            var q = new QueryBuilder();
            foreach (var id in accountIds) q.Add("accountId", id);
            q.Add("maxResults", BulkUserIds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var page = await _api.GetAsync<Paging.JiraPageBean<UserWire>>(Api + "user/bulk" + q, ct).ConfigureAwait(false);
            return (page?.Values ?? new List<UserWire>()).Select(ToUser).OfType<JiraUser>().ToList();
        }

        /// <summary>
        /// The active user whose email is exactly <paramref name="email"/>, or null. The user search filters after taking
        /// its range (C1), so the ranges are read in turn until the match, up to Jira's 1000-user ceiling. Jira hides
        /// emails per privacy settings (C8): with an org key, resolve emails through the org directory instead.
        /// </summary>
        public async Task<JiraUser?> FindUserByEmailAsync(string email, CancellationToken ct)
        {
            for (int startAt = 0; startAt < UserSearchCeiling; startAt += UserSearchPageSize)
            {
                var page = await UserPageAsync("user/search", email, startAt, UserSearchPageSize, ct).ConfigureAwait(false);
                var match = page.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
                if (match != null) return match;
            }
            return null;
        }

        /// <summary>
        /// <c>POST /user</c> with <c>{"emailAddress","products":[..]}</c> (an empty list = no product access). An account that
        /// exists with Jira access answers 201 too; one that exists without access is a 400.
        /// </summary>
        public async Task<JiraUser?> CreateUserAsync(string email, IEnumerable<string>? products, CancellationToken ct)
        {
            var body = new Dictionary<string, object> { ["emailAddress"] = email, ["products"] = (products ?? Enumerable.Empty<string>()).ToArray() };
            return ToUser(await _api.SendAsync<UserWire>(HttpMethod.Post, Api + "user", body, idempotent: false, ct).ConfigureAwait(false));
        }

        /// <summary><c>GET /user/groups?accountId=</c>: the groups of a user.</summary>
        public async Task<IReadOnlyList<JiraGroup>> GetUserGroupsAsync(string accountId, CancellationToken ct)
        {
            var list = await _api.GetAsync<List<GroupWire>>(Api + "user/groups" + new QueryBuilder().Add("accountId", accountId), ct).ConfigureAwait(false);
            return (list ?? new List<GroupWire>()).Select(ToGroup).OfType<JiraGroup>().ToList();
        }
    }
}
