#nullable enable
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
    /// <summary>Licences of a site (application roles) and removing a user from the site.</summary>
    public sealed partial class JiraClient
    {
        /// <summary><c>GET /applicationrole</c>: every Jira product of the site with its seats (site admin).</summary>
        public async Task<List<JiraApplicationRole>> ListApplicationRolesAsync(CancellationToken ct)
        {
            var roles = await _api.GetAsync<List<ApplicationRoleWire>>(Api + "applicationrole", ct).ConfigureAwait(false);
            return (roles ?? new List<ApplicationRoleWire>()).Select(r => new JiraApplicationRole
            {
                Key = r.Key, Name = r.Name, UserCount = r.UserCount, NumberOfSeats = r.NumberOfSeats, RemainingSeats = r.RemainingSeats,
                HasUnlimitedSeats = r.HasUnlimitedSeats, Groups = r.GroupDetails?.Select(g => g.Name).OfType<string>().ToList() ?? r.Groups ?? new List<string>(),
                DefaultGroups = r.DefaultGroups ?? new List<string>(), SiteUrl = SiteUrl,
            }).ToList();
        }

        /// <summary>
        /// <c>GET /user?accountId=&amp;expand=applicationRoles</c>: the user and the Jira products they hold; null when the site has
        /// no such user (404).
        /// </summary>
        public async Task<(JiraUser? User, List<JiraApplicationRole>? Roles)> GetUserApplicationRolesAsync(string accountId, CancellationToken ct)
        {
            var path = Api + "user" + new QueryBuilder().Add("accountId", accountId).Add("expand", "applicationRoles");
            try
            {
                var w = await _api.GetAsync<UserWithRolesWire>(path, ct).ConfigureAwait(false) ?? throw _api.NoData(HttpMethod.Get, path);
                var user = ToUser(new UserWire { AccountId = w.AccountId, AccountType = w.AccountType, EmailAddress = w.EmailAddress, DisplayName = w.DisplayName, Active = w.Active, TimeZone = w.TimeZone, Locale = w.Locale });
                var roles = (w.ApplicationRoles?.Items ?? new List<ApplicationRoleWire>()).Select(r => new JiraApplicationRole { Key = r.Key, Name = r.Name, SiteUrl = SiteUrl }).ToList();
                return (user, roles);
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return (null, null);
            }
        }

        /// <summary>
        /// <c>DELETE /user?accountId=</c>: removes the user from the site's user base (the Atlassian account stays). False when the
        /// site has no such user (404). Removing twice has no second effect, so it is retried safely.
        /// </summary>
        public async Task<bool> RemoveUserFromSiteAsync(string accountId, CancellationToken ct)
        {
            try
            {
                await _api.SendAsync(HttpMethod.Delete, Api + "user" + new QueryBuilder().Add("accountId", accountId), null, idempotent: true, ct).ConfigureAwait(false);
                return true;
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return false;
            }
        }

        private sealed class ApplicationRoleWire
        {
            public string? Key { get; set; }
            public string? Name { get; set; }
            public int? UserCount { get; set; }
            public int? NumberOfSeats { get; set; }
            public int? RemainingSeats { get; set; }
            public bool? HasUnlimitedSeats { get; set; }
            public List<string>? Groups { get; set; }
            public List<GroupNameWire>? GroupDetails { get; set; }
            public List<string>? DefaultGroups { get; set; }
        }

        private sealed class GroupNameWire
        {
            public string? Name { get; set; }
            public string? GroupId { get; set; }
        }

        private sealed class UserWithRolesWire
        {
            public string? AccountId { get; set; }
            public string? AccountType { get; set; }
            public string? EmailAddress { get; set; }
            public string? DisplayName { get; set; }
            public bool? Active { get; set; }
            public string? TimeZone { get; set; }
            public string? Locale { get; set; }
            public RoleList? ApplicationRoles { get; set; }
        }

        private sealed class RoleList
        {
            public int? Size { get; set; }
            public List<ApplicationRoleWire>? Items { get; set; }
        }
    }
}
