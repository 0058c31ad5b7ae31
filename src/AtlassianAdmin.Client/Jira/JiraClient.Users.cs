using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    public sealed partial class JiraClient
    {
        /// <summary><c>GET /users/search</c>: every user of the site, inactive and app users included (streamed).</summary>
        public IEnumerable<JiraUser> ListUsers(CancellationToken ct) =>
            StreamArray<UserWire, JiraUser>(Api + "users/search", ToUser, ct);

        /// <summary><c>GET /user/search?query=</c>: active users whose display name or email starts with <paramref name="query"/>.</summary>
        public IEnumerable<JiraUser> SearchUsers(string query, CancellationToken ct) =>
            StreamArray<UserWire, JiraUser>(Api + "user/search" + new QueryBuilder().Add("query", query ?? ""), ToUser, ct);

        /// <summary><c>GET /user?accountId=</c>; null when the site has no such user (404).</summary>
        public async Task<JiraUser> GetUserAsync(string accountId, CancellationToken ct)
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
            return (page?.Values ?? new List<UserWire>()).Select(ToUser).ToList();
        }

        /// <summary>The active user whose email is exactly <paramref name="email"/> (user search), or null.</summary>
        public async Task<JiraUser> FindUserByEmailAsync(string email, CancellationToken ct)
        {
            var q = new QueryBuilder().Add("query", email).Add("maxResults", "50");
            var found = await _api.GetAsync<List<UserWire>>(Api + "user/search" + q, ct).ConfigureAwait(false) ?? new List<UserWire>();
            return ToUser(found.FirstOrDefault(u => string.Equals(u.EmailAddress, email, StringComparison.OrdinalIgnoreCase)));
        }

        /// <summary>
        /// <c>POST /user</c> with <c>{"emailAddress","products":[..]}</c> (an empty list = no product access). An account that
        /// exists with Jira access answers 201 too; one that exists without access is a 400.
        /// </summary>
        public async Task<JiraUser> CreateUserAsync(string email, IEnumerable<string> products, CancellationToken ct)
        {
            var body = new Dictionary<string, object> { ["emailAddress"] = email, ["products"] = (products ?? Enumerable.Empty<string>()).ToArray() };
            return ToUser(await _api.SendAsync<UserWire>(HttpMethod.Post, Api + "user", body, idempotent: false, ct).ConfigureAwait(false));
        }

        /// <summary><c>GET /user/groups?accountId=</c>: the groups of a user.</summary>
        public async Task<IReadOnlyList<JiraGroup>> GetUserGroupsAsync(string accountId, CancellationToken ct)
        {
            var list = await _api.GetAsync<List<GroupWire>>(Api + "user/groups" + new QueryBuilder().Add("accountId", accountId), ct).ConfigureAwait(false);
            return (list ?? new List<GroupWire>()).Select(ToGroup).ToList();
        }
    }
}
