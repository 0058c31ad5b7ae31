using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>
    /// User provisioning (SCIM 2.0) API, read side: <c>https://api.atlassian.com/scim/directory/{directoryId}/Users|Groups</c>
    /// (developer.atlassian.com/cloud/admin/user-provisioning/rest). It shows what the identity provider pushed: users whose
    /// <c>managementSource</c> is <c>synced</c> and groups marked <c>externalSynced</c>. Lists are RFC 7644 ListResponses paged
    /// by 1-based <c>startIndex</c> + <c>count</c>, at most <see cref="SandboxOptions.ScimMaxPageSize"/> per page (Atlassian's KB:
    /// 100), filterable with <c>filter=attr eq "value"</c> (the KB shows userName and externalId). Attribute names follow
    /// go-atlassian's SCIM models, including Atlassian's enterprise extension URN (…:enterprise:2.1:User) and
    /// <c>urn:scim:schemas:extension:atlassian-external:1.1</c> carrying the Atlassian account id.
    /// </summary>
    internal static class ScimRoutes
    {
        internal const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
        internal const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
        internal const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.1:User";
        internal const string AtlassianSchema = "urn:scim:schemas:extension:atlassian-external:1.1";
        internal const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
        internal const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

        private static readonly Regex EqFilter = new Regex("^\\s*([A-Za-z][A-Za-z0-9.:]*)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static void Register(Router r)
        {
            r.Scim("GET", "/Users", ctx => List(ctx, ProvisionedUsers(ctx).ToList(), UserMatcher, (c, u) => UserJson(c, u)));
            r.Scim("GET", "/Users/{id}", ctx => SandboxResponse.Ok(UserJson(ctx, ProvisionedUsers(ctx).FirstOrDefault(u => ScimUserId(u) == ctx["id"])
                ?? throw Fail(404, null, "User not found: " + ctx["id"]))));
            r.Scim("GET", "/Groups", ctx => List(ctx, ProvisionedGroups(ctx).ToList(), GroupMatcher, GroupJson));
            r.Scim("GET", "/Groups/{id}", ctx => SandboxResponse.Ok(GroupJson(ctx, ProvisionedGroups(ctx).FirstOrDefault(g => g.Id == ctx["id"])
                ?? throw Fail(404, null, "Group not found: " + ctx["id"]))));
            r.Scim("GET", "/ServiceProviderConfig", ctx => { Directory(ctx); return SandboxResponse.Ok(ServiceProviderConfig(ctx)); });
            r.Scim("GET", "/ResourceTypes", ctx => { Directory(ctx); return SandboxResponse.Ok(ResourceTypes(ctx)); });
        }

        /// <summary>RFC 7644 §3.12 error body; status is a string there.</summary>
        internal static SandboxResponse Error(int status, string scimType, string detail)
        {
            var body = new Dictionary<string, object> { ["schemas"] = new[] { ErrorSchema }, ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["detail"] = detail };
            if (scimType != null) body["scimType"] = scimType;
            return SandboxResponse.WithStatus(status, body);
        }

        private static SandboxApiException Fail(int status, string scimType, string detail) => new SandboxApiException(Error(status, scimType, detail));

        internal static SandboxResponse Unauthorized() =>
            Error(401, null, "The SCIM API key is missing or invalid. User provisioning uses the directory's own API key, not the organization API key.");

        /// <summary>The SCIM id of a provisioned user: stable and distinct from the Atlassian account id, as on the real API.</summary>
        internal static string ScimUserId(UserRecord u)
        {
            using (var md5 = MD5.Create())
                return new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes("scim:" + u.AccountId))).ToString();
        }

        /// <summary>The IdP's own id for the user (e.g. an Entra object id).</summary>
        internal static string ExternalId(string id)
        {
            using (var md5 = MD5.Create())
                return new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes("idp:" + id))).ToString();
        }

        private static string Directory(RequestContext ctx)
        {
            var id = ctx["directoryId"];
            // A SCIM key belongs to one directory: the sandbox's key opens only its own (unverified: the real code may be 401 or 404).
            if (id != ctx.Store.DirectoryId) throw Fail(404, null, "Directory not found: " + id);
            return id;
        }

        private static IEnumerable<UserRecord> ProvisionedUsers(RequestContext ctx)
        {
            var dir = Directory(ctx);
            return ctx.Store.UserList.Where(u => u.ManagementSource == "synced" && u.DirectoryIds.Contains(dir)).OrderBy(u => u.Seq);
        }

        private static IEnumerable<GroupRecord> ProvisionedGroups(RequestContext ctx)
        {
            var dir = Directory(ctx);
            return ctx.Store.GroupList.Where(g => g.ExternalSynced && g.DirectoryId == dir).OrderBy(g => g.Seq);
        }

        private static Func<UserRecord, bool> UserMatcher(string attribute, string value)
        {
            switch (attribute.ToLowerInvariant())
            {
                case "username": return u => string.Equals(u.Email, value, StringComparison.OrdinalIgnoreCase);
                case "emails":
                case "emails.value": return u => string.Equals(u.Email, value, StringComparison.OrdinalIgnoreCase);
                case "externalid": return u => ExternalId(u.AccountId) == value;
                case "displayname": return u => string.Equals(u.Name, value, StringComparison.OrdinalIgnoreCase);
                case "id": return u => ScimUserId(u) == value;
                default: return null;
            }
        }

        private static Func<GroupRecord, bool> GroupMatcher(string attribute, string value)
        {
            switch (attribute.ToLowerInvariant())
            {
                case "displayname": return g => string.Equals(g.Name, value, StringComparison.OrdinalIgnoreCase);
                case "externalid": return g => ExternalId(g.Id) == value;
                case "id": return g => g.Id == value;
                default: return null;
            }
        }

        private static SandboxResponse List<T>(RequestContext ctx, List<T> all, Func<string, string, Func<T, bool>> matcher, Func<RequestContext, T, object> toJson)
        {
            var filter = ctx.Query.Get("filter");
            if (!string.IsNullOrWhiteSpace(filter))
            {
                var m = EqFilter.Match(filter);
                var match = m.Success ? matcher(m.Groups[1].Value, Regex.Unescape(m.Groups[2].Value)) : null;
                // (unverified) which filters Atlassian supports beyond `eq` on userName/externalId/displayName.
                if (match == null) throw Fail(400, "invalidFilter", "Unsupported filter: " + filter + ". Use attribute eq \"value\".");
                all = all.Where(match).ToList();
            }
            int start = ParseInt(ctx.Query.Get("startIndex"), 1, "startIndex");
            if (start < 1) start = 1; // RFC 7644 §3.4.2.4: below 1 is read as 1.
            int count = ParseInt(ctx.Query.Get("count"), ctx.Options.ScimMaxPageSize, "count");
            if (count < 0) count = 0;
            count = Math.Min(count, Math.Max(1, ctx.Options.ScimMaxPageSize));
            var page = all.Skip(start - 1).Take(count).ToList();
            return SandboxResponse.Ok(new Dictionary<string, object>
            {
                ["schemas"] = new[] { ListSchema },
                ["totalResults"] = all.Count,
                ["startIndex"] = start,
                ["itemsPerPage"] = page.Count,
                ["Resources"] = page.Select(x => toJson(ctx, x)).ToList(),
            });
        }

        private static int ParseInt(string raw, int fallback, string name)
        {
            if (string.IsNullOrEmpty(raw)) return fallback;
            if (int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
            throw Fail(400, "invalidValue", name + " must be an integer: " + raw);
        }

        private static string Location(RequestContext ctx, string kind, string id) =>
            ctx.Origin + "/scim/directory/" + ctx["directoryId"] + "/" + kind + "/" + id;

        private static object UserJson(RequestContext ctx, UserRecord u)
        {
            var id = ScimUserId(u);
            var name = u.Name ?? "";
            int space = name.IndexOf(' ');
            var given = space > 0 ? name.Substring(0, space) : name;
            var family = space > 0 ? name.Substring(space + 1) : "";
            var groups = ctx.Store.GroupList.Where(g => g.ExternalSynced && g.MemberSet.Contains(u.AccountId)).OrderBy(g => g.Seq)
                .Select(g => new Dictionary<string, object> { ["value"] = g.Id, ["display"] = g.Name, ["type"] = "direct", ["$ref"] = Location(ctx, "Groups", g.Id) }).ToList();
            return new Dictionary<string, object>
            {
                ["schemas"] = new[] { UserSchema, EnterpriseSchema, AtlassianSchema },
                ["id"] = id,
                ["externalId"] = ExternalId(u.AccountId),
                ["userName"] = u.Email,
                ["emails"] = new[] { new Dictionary<string, object> { ["value"] = u.Email, ["type"] = "work", ["primary"] = true } },
                ["name"] = new Dictionary<string, object> { ["formatted"] = u.Name, ["givenName"] = given, ["familyName"] = family },
                ["displayName"] = u.Name,
                ["nickName"] = u.Nickname,
                ["title"] = u.JobTitle,
                ["preferredLanguage"] = u.Locale,
                ["timezone"] = u.Zoneinfo,
                // SCIM "active" is the IdP's switch: a suspended or deactivated account reads as inactive.
                ["active"] = u.IsActive,
                ["groups"] = groups,
                [EnterpriseSchema] = new Dictionary<string, object> { ["organization"] = u.Organization, ["department"] = u.Department },
                [AtlassianSchema] = new Dictionary<string, object> { ["atlassianAccountId"] = u.AccountId },
                ["meta"] = new Dictionary<string, object>
                {
                    ["resourceType"] = "User",
                    ["location"] = Location(ctx, "Users", id),
                    ["created"] = OrgJson.Time(u.AddedToOrg),
                    // (unverified) the sandbox does not track profile edits; lastModified repeats created.
                    ["lastModified"] = OrgJson.Time(u.AddedToOrg),
                },
            };
        }

        private static object GroupJson(RequestContext ctx, GroupRecord g)
        {
            // Members as the API lists them: SCIM user ids with display names (unverified: whether Atlassian caps or omits
            // members on list pages; the sandbox always includes them).
            var members = g.Members.Where(ctx.Store.UsersById.ContainsKey).Select(a => ctx.Store.UsersById[a])
                .Select(u => new Dictionary<string, object> { ["value"] = ScimUserId(u), ["display"] = u.Name, ["$ref"] = Location(ctx, "Users", ScimUserId(u)) }).ToList();
            return new Dictionary<string, object>
            {
                ["schemas"] = new[] { GroupSchema },
                ["id"] = g.Id,
                ["externalId"] = ExternalId(g.Id),
                ["displayName"] = g.Name,
                ["members"] = members,
                ["meta"] = new Dictionary<string, object>
                {
                    ["resourceType"] = "Group",
                    ["location"] = Location(ctx, "Groups", g.Id),
                    // (unverified) the sandbox has no group creation time; the org's seed time stands in.
                    ["created"] = OrgJson.Time(ctx.Store.Now),
                    ["lastModified"] = OrgJson.Time(ctx.Store.Now),
                },
            };
        }

        private static object ServiceProviderConfig(RequestContext ctx) => new Dictionary<string, object>
        {
            ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig" },
            ["documentationUri"] = "https://developer.atlassian.com/cloud/admin/user-provisioning/rest/",
            ["patch"] = new { supported = true },
            ["bulk"] = new { supported = false, maxOperations = 0, maxPayloadSize = 0 },
            ["filter"] = new { supported = true, maxResults = ctx.Options.ScimMaxPageSize },
            ["changePassword"] = new { supported = false },
            ["sort"] = new { supported = false },
            ["etag"] = new { supported = false },
            ["authenticationSchemes"] = new[] { new { type = "oauthbearertoken", name = "OAuth Bearer Token", description = "The directory's SCIM API key as a Bearer token." } },
        };

        private static object ResourceTypes(RequestContext ctx) => new Dictionary<string, object>
        {
            ["schemas"] = new[] { ListSchema },
            ["totalResults"] = 2,
            ["startIndex"] = 1,
            ["itemsPerPage"] = 2,
            ["Resources"] = new object[]
            {
                new Dictionary<string, object> { ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:ResourceType" }, ["id"] = "User", ["name"] = "User", ["endpoint"] = "/Users", ["schema"] = UserSchema,
                    ["schemaExtensions"] = new[] { new { schema = EnterpriseSchema, required = false }, new { schema = AtlassianSchema, required = false } } },
                new Dictionary<string, object> { ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:ResourceType" }, ["id"] = "Group", ["name"] = "Group", ["endpoint"] = "/Groups", ["schema"] = GroupSchema },
            },
        };
    }
}
