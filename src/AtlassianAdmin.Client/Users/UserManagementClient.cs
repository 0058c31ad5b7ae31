#nullable enable
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Users
{
    /// <summary>
    /// The user management REST API (<c>{ApiBaseUri}/users/{accountId}/manage/…</c>): profile and lifecycle of managed
    /// accounts (emails on a verified domain of the org). Same host and bearer key as the org API, so it reuses the
    /// org connection's transport. The API answers 403 for accounts the org does not manage and for scoped keys.
    /// Lifecycle calls set a state (repeating one changes nothing), so they are retried safely.
    /// </summary>
    public sealed class UserManagementClient
    {
        private readonly ApiTransport _api;

        public UserManagementClient(ApiTransport transport) => _api = transport ?? throw new ArgumentNullException(nameof(transport));

        private static string Manage(string? accountId) => "users/" + Uri.EscapeDataString(accountId ?? "") + "/manage";

        /// <summary>True when the failure is the user management API's "not allowed" (unmanaged account or scoped key).</summary>
        public static bool IsNotManageable(AtlassianApiException? e) =>
            e != null && e.Status == 403 && e.RequestPath != null && e.RequestPath.IndexOf("/manage", StringComparison.OrdinalIgnoreCase) >= 0;

        public async Task<AtlassianManagedAccount> GetProfileAsync(string accountId, CancellationToken ct)
        {
            var path = Manage(accountId) + "/profile";
            var body = await _api.GetAsync<ProfileEnvelope>(path, ct).ConfigureAwait(false);
            return ToAccount(body?.Account ?? throw _api.NoData(HttpMethod.Get, path), accountId);
        }

        /// <summary><c>PATCH …/manage/profile</c> with only the fields given (null = leave as is); the profile after it, or null when the answer has none.</summary>
        public async Task<AtlassianManagedAccount?> UpdateProfileAsync(string accountId, ProfileUpdate update, CancellationToken ct)
        {
            var body = new Dictionary<string, object>();
            void Put(Dictionary<string, object> d, string key, string? value) { if (value != null) d[key] = value; }
            Put(body, "name", update.Name);
            Put(body, "nickname", update.Nickname);
            Put(body, "zoneinfo", update.TimeZone);
            Put(body, "locale", update.Locale);
            var ext = new Dictionary<string, object>();
            Put(ext, "job_title", update.JobTitle);
            Put(ext, "department", update.Department);
            Put(ext, "organization", update.Organization);
            Put(ext, "location", update.Location);
            if (ext.Count > 0) body["extended_profile"] = ext;
            // Setting fields to given values is repeatable without a second effect.
            var result = await _api.SendAsync<ProfileEnvelope>(new HttpMethod("PATCH"), Manage(accountId) + "/profile", body, idempotent: true, ct).ConfigureAwait(false);
            return result?.Account == null ? null : ToAccount(result.Account, accountId);
        }

        /// <summary>Deactivates the account (blocks login everywhere). The message is shown to the user (optional).</summary>
        public Task DisableAsync(string accountId, string? message, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/disable", string.IsNullOrEmpty(message) ? (object)new { } : new { message }, idempotent: true, ct);

        public Task EnableAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/enable", null, idempotent: true, ct);

        /// <summary>Schedules the account for deletion (14-day grace period, shown as deactivated meanwhile).</summary>
        public Task DeleteAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/delete", null, idempotent: true, ct);

        public Task CancelDeleteAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/cancel-delete", null, idempotent: true, ct);

        /// <summary>
        /// <c>GET …/manage/api-tokens</c>: the account's API tokens (jira.js apiTokenModel: label, lastAccess, createdAt, id,
        /// expiry). Ids, labels and dates only; the API has no token values.
        /// </summary>
        public async Task<List<AtlassianApiToken>> ListApiTokensAsync(string accountId, CancellationToken ct)
        {
            var items = await _api.GetAsync<List<ApiTokenWire>>(Manage(accountId) + "/api-tokens", ct).ConfigureAwait(false);
            var result = new List<AtlassianApiToken>();
            foreach (var t in items ?? new List<ApiTokenWire>())
                result.Add(new AtlassianApiToken
                {
                    AccountId = accountId, TokenId = t.Id, Label = t.Label, CreatedAt = t.CreatedAt, LastAccess = t.LastAccess,
                    // (unverified) "expiry" per jira.js; "expiresAt" tolerated.
                    ExpiresAt = t.Expiry ?? t.ExpiresAt,
                });
            return result;
        }

        /// <summary>
        /// <c>DELETE …/manage/api-tokens/{tokenId}</c>. Returns false when the token is already gone (404), so a revoke is
        /// idempotent. Deleting an absent token has no second effect, so it is retried safely.
        /// </summary>
        public async Task<bool> RevokeApiTokenAsync(string accountId, string tokenId, CancellationToken ct)
        {
            try
            {
                await _api.SendAsync(HttpMethod.Delete, Manage(accountId) + "/api-tokens/" + Uri.EscapeDataString(tokenId ?? ""), null, idempotent: true, ct).ConfigureAwait(false);
                return true;
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return false;
            }
        }

        /// <summary>
        /// <c>GET /users/{accountId}/manage?privileges=a,b</c>: what this key may do to the account. Values are
        /// <c>{allowed: true}</c> or <c>{allowed: false, reason: {key}}</c>; <c>profile</c>/<c>profile.write</c> are per-field maps
        /// (flattened here as <c>profile.write.name</c>). <c>allowed</c> is read as a boolean or the string "true".
        /// </summary>
        public async Task<List<AtlassianManagePrivilege>> GetPrivilegesAsync(string accountId, IEnumerable<string>? privileges, CancellationToken ct)
        {
            var list = privileges == null ? new List<string>() : new List<string>(privileges);
            var path = Manage(accountId) + (list.Count == 0 ? "" : "?privileges=" + string.Join(",", list.ConvertAll(Uri.EscapeDataString)));
            var body = await _api.GetAsync<Dictionary<string, System.Text.Json.JsonElement>>(path, ct).ConfigureAwait(false);
            var result = new List<AtlassianManagePrivilege>();
            foreach (var kv in body ?? new Dictionary<string, System.Text.Json.JsonElement>()) Flatten(accountId, kv.Key, kv.Value, result);
            return result;
        }

        private static void Flatten(string accountId, string key, System.Text.Json.JsonElement value, List<AtlassianManagePrivilege> into)
        {
            if (value.ValueKind != System.Text.Json.JsonValueKind.Object) return;
            if (value.TryGetProperty("allowed", out var allowed))
            {
                var ok = allowed.ValueKind == System.Text.Json.JsonValueKind.True
                         || (allowed.ValueKind == System.Text.Json.JsonValueKind.String && string.Equals(allowed.GetString(), "true", StringComparison.OrdinalIgnoreCase));
                string? reason = null;
                if (value.TryGetProperty("reason", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.Object && r.TryGetProperty("key", out var k))
                    reason = k.ValueKind == System.Text.Json.JsonValueKind.String ? k.GetString() : k.ToString();
                into.Add(new AtlassianManagePrivilege { AccountId = accountId, Privilege = key, Allowed = ok, Reason = ok ? null : reason });
                return;
            }
            foreach (var field in value.EnumerateObject()) Flatten(accountId, key + "." + field.Name, field.Value, into);
        }

        private sealed class ApiTokenWire
        {
            [JsonPropertyName("id")] public string? Id { get; set; }
            [JsonPropertyName("label")] public string? Label { get; set; }
            [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
            [JsonPropertyName("lastAccess")] public DateTimeOffset? LastAccess { get; set; }
            [JsonPropertyName("expiry")] public DateTimeOffset? Expiry { get; set; }
            [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; set; }
        }

        private static AtlassianManagedAccount ToAccount(ProfileWire p, string accountId) => new AtlassianManagedAccount
        {
            AccountId = p.AccountId ?? accountId,
            Email = p.Email,
            Name = p.Name,
            Nickname = p.Nickname,
            AccountType = p.AccountType,
            AccountStatus = p.AccountStatus,
            EmailVerified = p.EmailVerified,
            JobTitle = p.ExtendedProfile?.JobTitle,
            Department = p.ExtendedProfile?.Department,
            Organization = p.ExtendedProfile?.Organization,
            Location = p.ExtendedProfile?.Location,
            TimeZone = p.Zoneinfo,
            Locale = p.Locale,
            Picture = p.Picture,
        };

        /// <summary>Profile fields to change; null leaves a field as it is.</summary>
        public sealed class ProfileUpdate
        {
            public string? Name { get; set; }
            public string? Nickname { get; set; }
            public string? TimeZone { get; set; }
            public string? Locale { get; set; }
            public string? JobTitle { get; set; }
            public string? Department { get; set; }
            public string? Organization { get; set; }
            public string? Location { get; set; }
        }

        // Wire shapes: the user management API is snake_case.
        private sealed class ProfileEnvelope
        {
            [JsonPropertyName("account")] public ProfileWire? Account { get; set; }
        }

        private sealed class ProfileWire
        {
            [JsonPropertyName("account_id")] public string? AccountId { get; set; }
            [JsonPropertyName("name")] public string? Name { get; set; }
            [JsonPropertyName("nickname")] public string? Nickname { get; set; }
            [JsonPropertyName("zoneinfo")] public string? Zoneinfo { get; set; }
            [JsonPropertyName("locale")] public string? Locale { get; set; }
            [JsonPropertyName("email")] public string? Email { get; set; }
            [JsonPropertyName("picture")] public string? Picture { get; set; }
            [JsonPropertyName("account_type")] public string? AccountType { get; set; }
            [JsonPropertyName("account_status")] public string? AccountStatus { get; set; }
            [JsonPropertyName("email_verified")] public bool? EmailVerified { get; set; }
            [JsonPropertyName("extended_profile")] public ExtendedWire? ExtendedProfile { get; set; }
        }

        private sealed class ExtendedWire
        {
            [JsonPropertyName("job_title")] public string? JobTitle { get; set; }
            [JsonPropertyName("department")] public string? Department { get; set; }
            [JsonPropertyName("organization")] public string? Organization { get; set; }
            [JsonPropertyName("location")] public string? Location { get; set; }
        }
    }
}
