using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Wire shapes of the Org API. Member names are the exact JSON names (camelCase v2, snake_case v1).</summary>
    internal static class OrgJson
    {
        public const string Base = "https://api.atlassian.com/admin";

        public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        public static string Time(DateTimeOffset? t) => t.HasValue ? Time(t.Value) : null;
        public static string Date(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public static object Links<T>(CursorPage<T> page) => new { self = page.Self, prev = page.Prev, next = page.Next };

        public static object List<T>(CursorPage<T> page, Func<T, object> map) =>
            new { data = page.Items.Select(map).ToList(), links = Links(page) };

        public static Dictionary<string, object> UserV2(SandboxStore s, UserRecord u, ICollection<string> expand)
        {
            var d = new Dictionary<string, object>
            {
                ["accountId"] = u.AccountId,
                ["accountType"] = u.AccountType,
                ["status"] = u.Status,
                ["accountStatus"] = u.AccountStatus,
                ["membershipStatus"] = u.MembershipStatus,
                ["addedToOrg"] = Time(u.AddedToOrg),
                ["name"] = u.Name,
                ["nickname"] = u.Nickname,
                ["email"] = u.Email,
                ["emailVerified"] = u.EmailVerified,
                ["claimStatus"] = u.ClaimStatus,
                ["picture"] = u.Picture,
                ["avatar"] = u.Picture,
                ["managementSource"] = u.ManagementSource,
                ["mfaEnabled"] = u.MfaEnabled,
                ["jobTitle"] = u.JobTitle,
                ["department"] = u.Department,
                ["links"] = new { self = Base + "/v2/orgs/" + s.OrgId + "/directories/-/users/" + u.AccountId },
            };
            if (expand.Contains("platformRoles"))
                d["platformRoles"] = s.EffectiveRoleRefs(u).Select(r => r.role).Where(r => s.Resource(r.ResourceId)?.Owner == "platform")
                    .Select(r => r.RoleId).Distinct().ToList();
            if (expand.Contains("counts.resources") || expand.Contains("counts"))
                d["counts"] = new { resources = s.EffectiveRoleRefs(u).Select(r => r.role.ResourceId).Distinct().Count() };
            // (unverified) item shape of groups[].
            if (expand.Contains("groups"))
                d["groups"] = u.GroupIds.Select(id => s.GroupsById[id]).OrderBy(g => g.Seq).Select(g => new { id = g.Id, name = g.Name }).ToList();
            // productAccess items are exactly {key, id, lastActiveTimestamp} (correction C3; jira.js
            // multiDirectoryProductAccess.ts): no roles, name, url or lastActive. No timestamp = no recorded activity.
            // (unverified) that "id" is the workspace ARI and that a product the user holds but never used is listed.
            if (expand.Contains("productAccess"))
                d["productAccess"] = ProductAccess(s, u).Select(r =>
                {
                    var item = new Dictionary<string, object> { ["key"] = r.ProductKey, ["id"] = r.Id };
                    if (u.LastActive.TryGetValue(r.ProductKey, out var la) && la.HasValue) item["lastActiveTimestamp"] = Time(la.Value);
                    return item;
                }).ToList();
            return d;
        }

        public static DateTimeOffset? LastActive(UserRecord u) =>
            u.LastActive.Values.Where(v => v.HasValue).Select(v => v.Value).OrderByDescending(v => v).Cast<DateTimeOffset?>().FirstOrDefault();

        /// <summary>Workspaces the user can use (any role on them).</summary>
        public static IEnumerable<ResourceRecord> ProductAccess(SandboxStore s, UserRecord u) =>
            s.ResourceList.Where(r => r.IsWorkspace && s.HasAnyRoleOn(u, r.Id));

        public static object UserV1(SandboxStore s, UserRecord u) => new
        {
            account_id = u.AccountId,
            account_type = u.AccountType,
            account_status = u.AccountStatus,
            name = u.Name,
            picture = u.Picture,
            email = u.Email,
            access_billable = u.IsActive && ProductAccess(s, u).Any(),
            last_active = Time(LastActive(u)),
            product_access = ProductAccessV1(s, u),
            links = new { self = Base + "/v1/orgs/" + s.OrgId + "/users/" + u.AccountId },
        };

        public static List<object> ProductAccessV1(SandboxStore s, UserRecord u) =>
            ProductAccess(s, u).Select(r => (object)new
            {
                id = r.Id, key = r.ProductKey, name = r.ProductName, url = r.HostUrl,
                last_active = Date(u.LastActive.TryGetValue(r.ProductKey, out var la) ? la : null),
            }).ToList();

        public static Dictionary<string, object> Group(SandboxStore s, GroupRecord g, ICollection<string> expand)
        {
            var d = new Dictionary<string, object>
            {
                ["id"] = g.Id,
                ["name"] = g.Name,
                ["description"] = g.Description,
                ["directoryId"] = g.DirectoryId,
                ["managementAccess"] = new { deletable = !g.ExternalSynced, modifiable = !g.ExternalSynced, readable = true },
                ["externalSynced"] = g.ExternalSynced,
                ["managedBy"] = g.ManagedBy,
                ["links"] = new { self = Base + "/v2/orgs/" + s.OrgId + "/directories/" + g.DirectoryId + "/groups/" + g.Id },
            };
            bool all = expand == null;
            var counts = new Dictionary<string, object>();
            if (all || expand.Contains("counts.users") || expand.Contains("counts")) counts["users"] = g.Members.Count;
            if (all || expand.Contains("counts.resources") || expand.Contains("counts")) counts["resources"] = g.Roles.Select(r => r.ResourceId).Distinct().Count();
            if (counts.Count > 0) d["counts"] = counts;
            return d;
        }

        /// <summary>
        /// Role assignments grouped per resource, as in the v2 role-assignments reads. A user's items are
        /// <c>{resourceId, resourceOwner, roles (deprecated), roleAssignments: [{role, roleAssignmentMethods}], directoryId,
        /// userDirectoryStatus}</c> (jira.js multiDirectoryUserRoleAssignment.ts, multiDirectoryRoleAssignment.ts,
        /// multiDirectoryRoleAssignmentMethod.ts: <c>direct</c> | <c>group_direct</c> | <c>inferred</c>); a group's are
        /// <c>{resourceId, resourceOwner, defaultRole, roles}</c> (multiDirectoryGroupRoleAssignment.ts). Neither names the group
        /// a role came from.
        /// </summary>
        public static List<Dictionary<string, object>> RoleAssignments(SandboxStore s, IEnumerable<(RoleRef role, string groupId)> roles, UserRecord user, string directoryId)
        {
            var result = new List<Dictionary<string, object>>();
            foreach (var byResource in roles.GroupBy(r => r.role.ResourceId))
            {
                var owner = s.Resource(byResource.Key)?.Owner;
                bool platform = owner == "platform";
                var roleIds = byResource.Select(r => r.role.RoleId).Distinct().ToList();
                var d = new Dictionary<string, object>
                {
                    ["resourceId"] = byResource.Key,
                    ["resourceOwner"] = owner,
                };
                if (user != null)
                {
                    d["roles"] = roleIds;
                    d["roleAssignments"] = byResource.GroupBy(r => r.role.RoleId).Select(g => new Dictionary<string, object>
                    {
                        ["role"] = g.Key,
                        ["roleAssignmentMethods"] = g.Select(r => r.groupId == null ? "direct" : "group_direct").Distinct().OrderBy(m => m, StringComparer.Ordinal).ToList(),
                    }).ToList();
                    d["directoryId"] = platform ? null : directoryId;
                    d["userDirectoryStatus"] = platform ? null : user.MembershipStatus;
                }
                else
                {
                    d["defaultRole"] = null;
                    d["roles"] = roleIds;
                }
                result.Add(d);
            }
            return result;
        }

        public static object Message(string message) => new { message };
    }
}
