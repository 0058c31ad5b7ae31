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
    /// <para type="synopsis">Re-activates deactivated managed accounts (optionally cancelling a pending deletion first).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsLifecycle.Enable, "AtlassianManagedAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class EnableAtlassianManagedAccountCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>For accounts scheduled for deletion: cancel the deletion, then enable.</summary>
        [Parameter]
        public SwitchParameter CancelDeletion { get; set; }

        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);

        public EnableAtlassianManagedAccountCommand() => _user = new UserCapture(this);

        protected override UserRef Capture(PSObject item) => _user.Capture(AccountId, Email, DirectoryId, item);

        protected override string DescribeInput(PSObject item, UserRef input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Activate account", Target = UserCapture.Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
            ManagedAccountSupport.RequireManaged(user);
            if (!ManagedAccountSupport.IsDeactivated(user))
            {
                change.UnchangedReason = "already active" + (user.Status == "suspended" ? " (suspended in the directory: use Restore-AtlassianDirectoryUser)" : "");
                return change;
            }
            var pendingDeletion = user.Status == "for_deletion";
            if (pendingDeletion && !CancelDeletion)
                throw new ItemFailedException("AccountPendingDeletion", ErrorCategory.InvalidOperation,
                    $"{UserCapture.Display(user)} is scheduled for deletion; add -CancelDeletion to cancel the deletion and enable the account.");
            if (pendingDeletion) change.Warning = "The pending deletion is cancelled first";
            IdentityProvider.RequireNotOwned(user, "reactivate the account");
            change.Apply = async t =>
            {
                if (pendingDeletion) await ManagedAccountSupport.Call(Api, "lifecycle.enablement", user, () => Api.CancelDeleteAsync(user.AccountId, t)).ConfigureAwait(false);
                await ManagedAccountSupport.Call(Api, "lifecycle.enablement", user, () => Api.EnableAsync(user.AccountId, t)).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
