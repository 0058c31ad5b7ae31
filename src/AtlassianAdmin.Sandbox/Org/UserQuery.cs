using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>The v2 user filters (shared by search, list, count and stats) turned into a predicate, plus optional sorting.</summary>
    internal static class UserQuery
    {
        private static readonly string[] Statuses = { "active", "suspended", "not_invited", "deactivated", "for_deletion" };
        private static readonly string[] AccountStatuses = { "active", "inactive", "closed" };
        private static readonly string[] MembershipStatuses = { "active", "suspended", "no_membership" };
        private static readonly string[] ClaimStatuses = { "managed", "unmanaged" };

        public static Func<UserRecord, bool> Filter(RequestContext ctx, ParamBag p, string directoryId)
        {
            var s = ctx.Store;
            var emails = Set(p.List("emails"));
            var searchTerm = p.Get("searchTerm");
            if (emails != null && !string.IsNullOrEmpty(searchTerm))
                throw AdminErrors.BadRequest("'emails' and 'searchTerm' cannot be combined.");
            var accountIds = Set(p.List("accountIds"), StringComparer.Ordinal);
            var directoryIds = Set(p.List("directoryIds"), StringComparer.Ordinal);
            var groupIds = p.List("groupIds");
            var resourceIds = p.List("resourceIds");
            var roleIds = Set(p.List("roleIds"), StringComparer.Ordinal);
            var status = Enum(p, "status", Statuses);
            var accountStatus = Enum(p, "accountStatus", AccountStatuses);
            var membershipStatus = Enum(p, "membershipStatus", MembershipStatuses);
            var claimStatus = Enum(p, "claimStatus", ClaimStatuses);
            var emailDomains = Set(p.List("emailDomains"));
            var mfa = ctx.Bool(p, "mfaEnabled");
            var term = string.IsNullOrEmpty(searchTerm) ? null : searchTerm;

            return u =>
            {
                if (directoryId != "-" && !u.DirectoryIds.Contains(directoryId)) return false;
                if (directoryIds != null && !u.DirectoryIds.Overlaps(directoryIds)) return false;
                if (accountIds != null && !accountIds.Contains(u.AccountId)) return false;
                if (emails != null && (u.Email == null || !emails.Contains(u.Email))) return false;
                if (term != null && !Contains(u.Nickname, term) && !Contains(u.Email, term) && !Contains(u.Name, term)) return false;
                if (status != null && !status.Contains(u.Status)) return false;
                if (accountStatus != null && !accountStatus.Contains(u.AccountStatus)) return false;
                if (membershipStatus != null && !membershipStatus.Contains(u.MembershipStatus)) return false;
                if (claimStatus != null && !claimStatus.Contains(u.ClaimStatus)) return false;
                if (mfa.HasValue && u.MfaEnabled != mfa.Value) return false;
                if (emailDomains != null && !emailDomains.Contains(Domain(u.Email))) return false;
                if (groupIds.Count > 0 && !groupIds.Any(u.GroupIds.Contains)) return false;
                // (unverified) roleIds together with resourceIds: one of those roles on one of those resources (what a
                // licence question needs); each alone: any role on the resources / those roles anywhere. Effective roles
                // (direct or through groups) count.
                if (resourceIds.Count > 0 && roleIds != null)
                {
                    if (!s.EffectiveRoleRefs(u).Any(r => roleIds.Contains(r.role.RoleId) && resourceIds.Contains(r.role.ResourceId))) return false;
                }
                else
                {
                    if (resourceIds.Count > 0 && !resourceIds.Any(r => s.HasAnyRoleOn(u, r))) return false;
                    if (roleIds != null && !s.EffectiveRoleRefs(u).Any(r => roleIds.Contains(r.role.RoleId))) return false;
                }
                return true;
            };
        }

        /// <summary>Null when no sortBy was given (then the natural, cursor-friendly order is used).</summary>
        public static Comparison<UserRecord> Sort(ParamBag p)
        {
            var specs = p.List("sortBy");
            if (specs.Count == 0) return null;
            var raw = p.Get("sortBy");
            string field, direction = "asc";
            if (raw != null && raw.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using (var doc = JsonDocument.Parse(raw))
                    {
                        field = doc.RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
                        if (doc.RootElement.TryGetProperty("direction", out var d)) direction = d.GetString();
                    }
                }
                catch (JsonException) { throw AdminErrors.BadRequest("'sortBy' is malformed."); }
            }
            else
            {
                var parts = specs[0].Split(':');
                field = parts[0];
                if (parts.Length > 1) direction = parts[1];
                else if (specs.Count > 1 && (specs[1] == "asc" || specs[1] == "desc")) direction = specs[1];
            }
            Func<UserRecord, string> key;
            switch (field)
            {
                case "nick_name": case "nickname": key = u => u.Nickname; break;
                case "name": key = u => u.Name; break;
                case "email": key = u => u.Email; break;
                case "added_to_org": case "addedToOrg": key = u => OrgJson.Time(u.AddedToOrg); break;
                default: throw AdminErrors.BadRequest("Unsupported sortBy field '" + field + "'.");
            }
            int sign = string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase) ? -1 : 1;
            return (a, b) =>
            {
                int c = string.Compare(key(a), key(b), StringComparison.OrdinalIgnoreCase);
                return c != 0 ? sign * c : a.Seq.CompareTo(b.Seq);
            };
        }

        private static string Domain(string email)
        {
            int at = email?.LastIndexOf('@') ?? -1;
            return at < 0 ? "" : email.Substring(at + 1);
        }

        private static bool Contains(string value, string term) => value != null && value.IndexOf(term, StringComparison.OrdinalIgnoreCase) >= 0;

        private static HashSet<string> Set(IReadOnlyList<string> values, StringComparer comparer = null) =>
            values.Count == 0 ? null : new HashSet<string>(values, comparer ?? StringComparer.OrdinalIgnoreCase);

        private static HashSet<string> Enum(ParamBag p, string name, string[] allowed)
        {
            var values = p.List(name);
            foreach (var v in values)
                if (!allowed.Contains(v)) throw AdminErrors.BadRequest("Invalid " + name + " '" + v + "'; allowed: " + string.Join(", ", allowed) + ".");
            return values.Count == 0 ? null : new HashSet<string>(values, StringComparer.Ordinal);
        }
    }
}
