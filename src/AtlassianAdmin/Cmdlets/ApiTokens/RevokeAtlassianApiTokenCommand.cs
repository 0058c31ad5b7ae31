using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Cmdlets.ManagedAccounts;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.ApiTokens
{
    /// <summary>
    /// <para type="synopsis">Revokes API tokens of managed accounts: one token, every token of a user, or those older or unused for N days.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Revoke, "AtlassianApiToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RevokeAtlassianApiTokenCommand : ChangeCmdlet<RevokeAtlassianApiTokenCommand.TokenInput>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>The token to revoke (from Get-AtlassianApiToken). Without it, every token of the user that matches the age filters.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "token_id")]
        [AllowEmptyString, AllowNull]
        public string TokenId { get; set; }

        /// <summary>Only tokens created at least this many days ago (when no -TokenId is given).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int OlderThanDays { get; set; }

        /// <summary>Only tokens unused for at least this many days, never-used ones counted from creation (when no -TokenId is given).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int UnusedForDays { get; set; }

        /// <summary>Revoke without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);
        private readonly ConcurrentDictionary<string, Task<List<AtlassianApiToken>>> _tokens = new ConcurrentDictionary<string, Task<List<AtlassianApiToken>>>();

        public sealed class TokenInput
        {
            public UserRef User;
            public string TokenId;
            public ApiTokenFilter Filter;
        }

        public RevokeAtlassianApiTokenCommand() => _user = new UserCapture(this);

        protected override string DescribeInput(PSObject item, TokenInput input) => UserCapture.Describe(AccountId, Email, item);

        protected override TokenInput Capture(PSObject item)
        {
            return new TokenInput
            {
                User = _user.Capture(AccountId, Email, DirectoryId, item),
                TokenId = string.IsNullOrWhiteSpace(TokenId) || IsOtherTypesId(item, TokenId) ? null : TokenId.Trim(),
                Filter = new ApiTokenFilter
                {
                    OlderThanDays = IsBound(nameof(OlderThanDays)) ? OlderThanDays : (int?)null,
                    UnusedForDays = IsBound(nameof(UnusedForDays)) ? UnusedForDays : (int?)null,
                },
            };
        }

        /// <summary>The alias Id binds any object's Id: a SCIM user's or an invitation's is no token id (the object
        /// stands for its user, as a piped user does).</summary>
        private static bool IsOtherTypesId(PSObject item, string tokenId) =>
            PipedObjects.Foreign(item, typeof(AtlassianApiToken)) != null && item.Properties["TokenId"] == null && item.Properties["Id"]?.Value?.ToString() == tokenId;

        protected override async Task<PlannedChange> PlanAsync(TokenInput input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input.User, ct).ConfigureAwait(false);
            ManagedAccountSupport.RequireManaged(user);
            // Several rows of one user (piped from Get-AtlassianApiToken) share one listing.
            var tokens = await _tokens.GetOrAdd(user.AccountId, _ => ManagedAccountSupport.Call(user, () => Api.ListApiTokensAsync(user.AccountId, ct))).ConfigureAwait(false);
            var change = new PlannedChange { Target = UserCapture.Display(user), Resource = "API tokens", AccountId = user.AccountId, Email = user.Email };
            List<AtlassianApiToken> selected;
            if (input.TokenId != null)
            {
                change.Action = "Revoke API token";
                selected = tokens.Where(t => t.TokenId == input.TokenId).ToList();
                change.Resource = "API token " + (selected.FirstOrDefault()?.Label is string label ? "'" + label + "' " : "") + "(" + input.TokenId + ")";
                if (selected.Count == 0) { change.UnchangedReason = "the token is already revoked (or never existed)"; return change; }
            }
            else
            {
                change.Action = "Revoke API tokens";
                selected = tokens.Where(input.Filter.Matches).ToList();
                if (selected.Count == 0)
                {
                    change.UnchangedReason = tokens.Count == 0 ? "the user has no API tokens" : "no API token is " + input.Filter.Describe();
                    return change;
                }
                change.Resource = $"{selected.Count} API token(s): " + string.Join(", ", selected.Select(t => $"'{t.Label}' ({t.TokenId})"));
            }
            change.Warning = "Scripts that use these tokens stop working";
            change.Apply = t => RevokeAsync(user, selected.Select(x => x.TokenId).ToList(), t);
            return change;
        }

        /// <summary>Revokes each token; a token gone meanwhile (404) is not an error. True when at least one was revoked.</summary>
        private async Task<bool> RevokeAsync(AtlassianUser user, List<string> tokenIds, CancellationToken ct)
        {
            var any = false;
            foreach (var id in tokenIds)
                any |= await ManagedAccountSupport.Call(user, () => Api.RevokeApiTokenAsync(user.AccountId, id, ct)).ConfigureAwait(false);
            return any;
        }
    }
}
