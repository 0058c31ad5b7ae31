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
    /// <para type="synopsis">Deactivates managed accounts: they can no longer log in to any Atlassian product.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsLifecycle.Disable, "AtlassianManagedAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class DisableAtlassianManagedAccountCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Optional reason, shown to the user.</summary>
        [Parameter]
        public string Message { get; set; }

        /// <summary>Deactivate without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);

        public DisableAtlassianManagedAccountCommand() => _user = new UserCapture(this);

        protected override UserRef Capture(PSObject item) => _user.Capture(AccountId, Email, DirectoryId, item);

        protected override string DescribeInput(PSObject item, UserRef input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Deactivate account", Target = UserCapture.Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
            ManagedAccountSupport.RequireManaged(user);
            if (ManagedAccountSupport.IsDeactivated(user))
            {
                change.UnchangedReason = user.Status == "for_deletion" ? "already deactivated (scheduled for deletion)" : "already deactivated";
                return change;
            }
            change.Warning = "The account can no longer log in to any Atlassian product";
            IdentityProvider.RequireNotOwned(user, "deactivate the account");
            change.Apply = async t =>
            {
                await ManagedAccountSupport.Call(Api, "lifecycle.enablement", user, () => Api.DisableAsync(user.AccountId, Message, t)).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
