using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>
    /// <para type="synopsis">Deletes managed accounts (after a 14-day grace period during which they are deactivated and the deletion can be cancelled).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianManagedAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianManagedAccountCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Delete without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);

        public RemoveAtlassianManagedAccountCommand() => _user = new UserCapture(this);

        protected override UserRef Capture(PSObject item) => _user.Capture(AccountId, Email, DirectoryId, item);

        protected override string DescribeInput(PSObject item, UserRef input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Delete account", Target = UserCapture.Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
            ManagedAccountSupport.RequireManaged(user);
            if (user.Status == "for_deletion")
            {
                change.UnchangedReason = "already scheduled for deletion";
                return change;
            }
            change.Warning = "The account is deleted with all its personal data after 14 days (Enable-AtlassianManagedAccount -CancelDeletion undoes it until then)";
            IdentityProvider.RequireNotOwned(user, "delete the account");
            change.Apply = async t =>
            {
                await ManagedAccountSupport.Call(Api, "lifecycle.delete", user, () => Api.DeleteAsync(user.AccountId, t)).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
