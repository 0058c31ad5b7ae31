#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    /// <summary>
    /// The Jira Cloud platform REST API v3 of one site (<c>https://&lt;site&gt;.atlassian.net/rest/api/3</c>), Basic auth
    /// (email:API token). One file per area: users, groups, projects and roles, issues.
    /// </summary>
    public sealed partial class JiraClient
    {
        private const string Api = "rest/api/3/";
        private readonly ApiTransport _api;

        public JiraClient(ApiTransport transport) => _api = transport;

        public ApiTransport Transport => _api;
        public Uri SiteUrl => _api.BaseUri;

        /// <summary>Page size asked for on PageBean listings (Jira's usual maximum is 50–100).</summary>
        public int PageSize { get; set; } = 50;

        /// <summary><c>maxResults</c> asked of <c>/users/search</c>: the largest documented (1000); Jira caps it (C1).</summary>
        public int UserListPageSize { get; set; } = 1000;
        /// <summary>
        /// <c>maxResults</c> and step of <c>/user/search</c> ranges. (unverified) Jira is assumed to honour 100 here; a
        /// range larger than the server covers would skip users, so this stays at the cap seen on <c>/users/search</c>.
        /// </summary>
        public int UserSearchPageSize { get; set; } = 100;
        /// <summary><c>/user/search</c> returns nothing at <c>startAt</c> &gt;= 1000 (JRACLOUD-73019, Won't Fix).</summary>
        public const int UserSearchCeiling = 1000;
        /// <summary>
        /// Offset-listing pages requested ahead (each passes the connection's rate-limit gate). The all-users listing keeps
        /// two in flight for its first 30 pages, so a small site wastes at most one request past the end.
        /// </summary>
        public int PagesInFlight { get; set; } = 4;

        /// <summary>One escaped path segment. "." and ".." would be resolved away by the URI (another endpoint), so they never get here.</summary>
        internal static string E(string? segment)
        {
            if (segment == null || segment.Length == 0 || segment == "." || segment == "..")
                throw new ArgumentException($"'{segment}' cannot be used as an identifier in a request path.", nameof(segment));
            return Uri.EscapeDataString(segment);
        }

        /// <summary><c>GET /myself</c>: the credential's owner; validates the email/token pair.</summary>
        public async Task<JiraUser?> GetMyselfAsync(CancellationToken ct) =>
            ToUser(await _api.GetAsync<UserWire>(Api + "myself", ct).ConfigureAwait(false));

        /// <summary>True for a 400 whose message says the thing is already there (Jira's answer to a repeated add).</summary>
        public static bool IsAlreadyPresent(AtlassianApiException? e) =>
            e != null && e.Status == 400 && e.Errors.Any(x => (x.Detail ?? x.Title ?? "").IndexOf("already", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Streams a Jira PageBean listing (<c>startAt</c>/<c>maxResults</c>, <c>isLast</c>).</summary>
        private IEnumerable<TOut> StreamPageBean<TWire, TOut>(string pathAndQuery, Func<TWire, TOut?> map, CancellationToken ct) where TOut : class
        {
            var separator = pathAndQuery.Contains("?") ? "&" : "?";
            return PageStream.Stream<TOut>(async (next, t) =>
            {
                var startAt = next == null ? 0 : int.Parse(next, CultureInfo.InvariantCulture);
                var page = await _api.GetAsync<JiraPageBean<TWire>>($"{pathAndQuery}{separator}startAt={startAt}&maxResults={PageSize}", t).ConfigureAwait(false);
                var values = page?.Values ?? new List<TWire>();
                var last = page?.IsLast ?? (values.Count == 0 || (page?.Total is int total && startAt + values.Count >= total));
                return new Page<TOut>(values.Select(map).OfType<TOut>().ToList(), last || values.Count == 0 ? null : (startAt + values.Count).ToString(CultureInfo.InvariantCulture));
            }, ct);
        }

        internal JiraUser? ToUser(UserWire? w) => w == null ? null : new JiraUser
        {
            AccountId = w.AccountId, Email = string.IsNullOrEmpty(w.EmailAddress) ? null : w.EmailAddress, DisplayName = w.DisplayName,
            Active = w.Active ?? true, AccountType = w.AccountType, TimeZone = w.TimeZone, Locale = w.Locale, SiteUrl = SiteUrl,
        };

        internal sealed class UserWire
        {
            public string? AccountId { get; set; }
            public string? AccountType { get; set; }
            public string? EmailAddress { get; set; }
            public string? DisplayName { get; set; }
            public bool? Active { get; set; }
            public string? TimeZone { get; set; }
            public string? Locale { get; set; }
        }
    }
}
