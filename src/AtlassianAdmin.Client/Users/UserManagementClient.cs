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

        private static string Manage(string accountId) => "users/" + Uri.EscapeDataString(accountId ?? "") + "/manage";

        /// <summary>True when the failure is the user management API's "not allowed" (unmanaged account or scoped key).</summary>
        public static bool IsNotManageable(AtlassianApiException e) =>
            e != null && e.Status == 403 && e.RequestPath != null && e.RequestPath.IndexOf("/manage", StringComparison.OrdinalIgnoreCase) >= 0;

        public async Task<AtlassianManagedAccount> GetProfileAsync(string accountId, CancellationToken ct)
        {
            var body = await _api.GetAsync<ProfileEnvelope>(Manage(accountId) + "/profile", ct).ConfigureAwait(false);
            return ToAccount(body?.Account, accountId);
        }

        /// <summary><c>PATCH …/manage/profile</c> with only the fields given (null = leave as is).</summary>
        public async Task<AtlassianManagedAccount> UpdateProfileAsync(string accountId, ProfileUpdate update, CancellationToken ct)
        {
            var body = new Dictionary<string, object>();
            void Put(Dictionary<string, object> d, string key, string value) { if (value != null) d[key] = value; }
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
            return ToAccount(result?.Account, accountId);
        }

        /// <summary>Deactivates the account (blocks login everywhere). The message is shown to the user (optional).</summary>
        public Task DisableAsync(string accountId, string message, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/disable", string.IsNullOrEmpty(message) ? (object)new { } : new { message }, idempotent: true, ct);

        public Task EnableAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/enable", null, idempotent: true, ct);

        /// <summary>Schedules the account for deletion (14-day grace period, shown as deactivated meanwhile).</summary>
        public Task DeleteAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/delete", null, idempotent: true, ct);

        public Task CancelDeleteAsync(string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Manage(accountId) + "/lifecycle/cancel-delete", null, idempotent: true, ct);

        private static AtlassianManagedAccount ToAccount(ProfileWire p, string accountId) => p == null ? null : new AtlassianManagedAccount
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
            public string Name { get; set; }
            public string Nickname { get; set; }
            public string TimeZone { get; set; }
            public string Locale { get; set; }
            public string JobTitle { get; set; }
            public string Department { get; set; }
            public string Organization { get; set; }
            public string Location { get; set; }
        }

        // Wire shapes: the user management API is snake_case.
        private sealed class ProfileEnvelope
        {
            [JsonPropertyName("account")] public ProfileWire Account { get; set; }
        }

        private sealed class ProfileWire
        {
            [JsonPropertyName("account_id")] public string AccountId { get; set; }
            [JsonPropertyName("name")] public string Name { get; set; }
            [JsonPropertyName("nickname")] public string Nickname { get; set; }
            [JsonPropertyName("zoneinfo")] public string Zoneinfo { get; set; }
            [JsonPropertyName("locale")] public string Locale { get; set; }
            [JsonPropertyName("email")] public string Email { get; set; }
            [JsonPropertyName("picture")] public string Picture { get; set; }
            [JsonPropertyName("account_type")] public string AccountType { get; set; }
            [JsonPropertyName("account_status")] public string AccountStatus { get; set; }
            [JsonPropertyName("email_verified")] public bool? EmailVerified { get; set; }
            [JsonPropertyName("extended_profile")] public ExtendedWire ExtendedProfile { get; set; }
        }

        private sealed class ExtendedWire
        {
            [JsonPropertyName("job_title")] public string JobTitle { get; set; }
            [JsonPropertyName("department")] public string Department { get; set; }
            [JsonPropertyName("organization")] public string Organization { get; set; }
            [JsonPropertyName("location")] public string Location { get; set; }
        }
    }
}
