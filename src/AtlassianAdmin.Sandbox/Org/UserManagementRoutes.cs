using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>User management API (/users/{accountId}/manage/...): managed accounts only, 403 otherwise, 404 unknown.</summary>
    internal static class UserManagementRoutes
    {
        private const string Base = "/users/{accountId}/manage";
        private static readonly string[] ProfileFields = { "name", "nickname", "zoneinfo", "locale", "job_title", "department", "organization", "location" };

        public static void Register(Router r)
        {
            r.Admin("GET", Base, Permissions);
            r.Admin("GET", Base + "/profile", ctx => SandboxResponse.Ok(Profile(Managed(ctx))));
            r.Admin("PATCH", Base + "/profile", ctx => { RequireNotIdpOwned(Managed(ctx)); return UpdateProfile(ctx); });
            r.Admin("PUT", Base + "/email", SetEmail);
            r.Admin("POST", Base + "/lifecycle/disable", ctx => Lifecycle(ctx, u => !u.Deactivated, u => u.Deactivated = true, "user_deactivated"));
            r.Admin("POST", Base + "/lifecycle/enable", ctx =>
            {
                var u = Managed(ctx);
                if (u.PendingDeletion)
                    throw AdminErrors.Fail(400, "ADMIN-UAM-400-1", "Bad Request", "The account is scheduled for deletion; cancel the deletion before enabling it.");
                return Lifecycle(ctx, x => x.Deactivated, x => x.Deactivated = false, "user_reactivated");
            });
            r.Admin("POST", Base + "/lifecycle/delete", ctx => Lifecycle(ctx, u => !u.PendingDeletion, u => u.PendingDeletion = true, "user_deleted"));
            // Cancelling a deletion leaves the account deactivated (enable is a separate step).
            r.Admin("POST", Base + "/lifecycle/cancel-delete", ctx => Lifecycle(ctx, u => u.PendingDeletion, u => { u.PendingDeletion = false; u.Deactivated = true; }, "user_deletion_cancelled"));
            // Items as in jira.js apiTokenModel.ts: {label, lastAccess?, createdAt, id, expiry?}; never the token value.
            r.Admin("GET", Base + "/api-tokens", ctx => SandboxResponse.Ok(Managed(ctx).ApiTokens.Select(ApiTokenJson).ToList()));
            r.Admin("DELETE", Base + "/api-tokens/{tokenId}", ctx =>
            {
                var u = Managed(ctx);
                // (unverified) an unknown or already revoked token id answers 404.
                var t = u.ApiTokens.FirstOrDefault(x => x.Id == ctx["tokenId"]) ?? throw AdminErrors.NotFound("API token not found.");
                u.ApiTokens.Remove(t);
                ctx.Store.Record("api_token_revoked", (u.AccountId, "users"));
                return SandboxResponse.NoContent();
            });
        }

        internal static Dictionary<string, object> ApiTokenJson(ApiTokenRecord t)
        {
            var d = new Dictionary<string, object> { ["label"] = t.Label, ["createdAt"] = OrgJson.Time(t.CreatedAt), ["id"] = t.Id };
            if (t.LastAccess.HasValue) d["lastAccess"] = OrgJson.Time(t.LastAccess);
            d["expiry"] = OrgJson.Time(t.ExpiresAt);
            return d;
        }

        /// <summary>Users provisioned by an identity provider (SCIM): their lifecycle and profile belong to the IdP.</summary>
        internal static bool IdpOwned(UserRecord u) => u.ManagementSource == "synced";

        private static void RequireNotIdpOwned(UserRecord u)
        {
            // (unverified) status and code; the permission map's reason key externalDirectory.scim is from jira.js.
            if (IdpOwned(u))
                throw AdminErrors.Fail(403, "ADMIN-UAM-403-1", "Forbidden",
                    "The account is managed by an external SCIM directory (externalDirectory.scim); change it in the identity provider.");
        }

        private static UserRecord Managed(RequestContext ctx)
        {
            if (!ctx.Store.UsersById.TryGetValue(ctx["accountId"], out var u)) throw AdminErrors.UserNotFound();
            if (!u.Managed)
                throw AdminErrors.Fail(403, "ADMIN-UAM-403-1", "Forbidden", "The account is not managed by this organization (its email domain is not verified).");
            return u;
        }

        private static SandboxResponse Lifecycle(RequestContext ctx, Func<UserRecord, bool> changes, Action<UserRecord> apply, string action)
        {
            var u = Managed(ctx);
            RequireNotIdpOwned(u);
            if (changes(u))           // idempotent: repeating a lifecycle call is a no-op
            {
                apply(u);
                ctx.Store.Record(action, (u.AccountId, "users"));
            }
            return SandboxResponse.NoContent();
        }

        private static SandboxResponse Permissions(RequestContext ctx)
        {
            var u = Managed(ctx);
            // jira.js manageabilityAllowed/Unallowed: {allowed: true} or {allowed: false, reason: {key}}.
            object Allowed(bool ok, string reason = null) => ok
                ? new Dictionary<string, object> { ["allowed"] = true }
                : new Dictionary<string, object> { ["allowed"] = false, ["reason"] = new { key = reason } };
            var scim = IdpOwned(u);
            object IdpRule() => Allowed(!scim, "externalDirectory.scim");
            var fields = ProfileFields.ToDictionary(f => f, f => IdpRule());
            var all = new Dictionary<string, object>
            {
                ["email.set"] = IdpRule(),
                ["lifecycle.enablement"] = scim ? IdpRule() : Allowed(!u.PendingDeletion, "pending.deletion"),
                ["lifecycle.delete"] = IdpRule(),
                ["profile"] = fields,
                ["profile.write"] = fields,
                ["profile.read"] = Allowed(true),
                ["linkedAccounts.read"] = Allowed(true),
                ["apiToken.read"] = Allowed(true),
                ["apiToken.delete"] = Allowed(true),
                ["avatar"] = Allowed(true),
                ["privacy.set"] = Allowed(true),
                ["session.read"] = Allowed(true),
            };
            var wanted = ctx.Query.List("privileges");
            return SandboxResponse.Ok(wanted.Count == 0 ? all : all.Where(kv => wanted.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
        }

        private static object Profile(UserRecord u) => new
        {
            account = new
            {
                account_id = u.AccountId, name = u.Name, nickname = u.Nickname, zoneinfo = u.Zoneinfo, locale = u.Locale, email = u.Email,
                picture = u.Picture, account_type = u.AccountType, account_status = u.AccountStatus, email_verified = u.EmailVerified,
                extended_profile = new { job_title = u.JobTitle, department = u.Department, organization = u.Organization, location = u.Location },
                privacy_settings = new { name = "public", email = "private" },
            },
        };

        private static SandboxResponse UpdateProfile(RequestContext ctx)
        {
            var u = Managed(ctx);
            var body = ctx.BodyObject();
            string Str(JsonElement e, string name, string current)
            {
                if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return current;
                if (v.ValueKind != JsonValueKind.String) throw AdminErrors.BadRequest("'" + name + "' must be a string.");
                return v.GetString();
            }
            u.Name = Str(body, "name", u.Name);
            u.Nickname = Str(body, "nickname", u.Nickname);
            u.Zoneinfo = Str(body, "zoneinfo", u.Zoneinfo);
            u.Locale = Str(body, "locale", u.Locale);
            if (body.TryGetProperty("extended_profile", out var ext) && ext.ValueKind == JsonValueKind.Object)
            {
                u.JobTitle = Str(ext, "job_title", u.JobTitle);
                u.Department = Str(ext, "department", u.Department);
                u.Organization = Str(ext, "organization", u.Organization);
                u.Location = Str(ext, "location", u.Location);
            }
            ctx.Store.Record("user_profile_updated", (u.AccountId, "users"));
            return SandboxResponse.Ok(Profile(u));
        }

        private static SandboxResponse SetEmail(RequestContext ctx)
        {
            var s = ctx.Store;
            var u = Managed(ctx);
            var email = OrgLookup.RequiredString(ctx, ctx.BodyObject(), "email");
            if (email.IndexOf('@') <= 0) throw AdminErrors.BadRequest("'" + email + "' is not a valid email address.");
            if (!s.IsVerifiedDomain(email))
                throw AdminErrors.Fail(403, "ADMIN-UAM-403-1", "Forbidden", "The new email must be on a verified domain of the organization.");
            if (s.AccountsByEmail.TryGetValue(email, out var other) && other != u)
                throw AdminErrors.Fail(409, "ADMIN-UAM-409-2", "Resource Conflicts", "Another account already uses " + email + ".");
            s.AccountsByEmail.Remove(u.Email);
            u.Email = email;
            s.AccountsByEmail[email] = u;
            s.Record("user_email_changed", (u.AccountId, "users"));
            return SandboxResponse.NoContent();
        }
    }
}
