#nullable enable
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>Directory user lifecycle (v2): suspend, restore, remove. Suspend/restore are idempotent, so retried safely.</summary>
    public sealed partial class OrgClient
    {
        public Task SuspendUserAsync(string orgId, string directoryId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Dir(orgId, directoryId) + "/users/" + E(accountId) + "/suspend", null, idempotent: true, ct);

        public Task RestoreUserAsync(string orgId, string directoryId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Dir(orgId, directoryId) + "/users/" + E(accountId) + "/restore", null, idempotent: true, ct);

        /// <summary>Removes the user from the directory (drops groups and product access; asynchronous on Atlassian's side).</summary>
        public Task RemoveUserAsync(string orgId, string directoryId, string accountId, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Delete, Dir(orgId, directoryId) + "/users/" + E(accountId), null, idempotent: true, ct);
    }
}
