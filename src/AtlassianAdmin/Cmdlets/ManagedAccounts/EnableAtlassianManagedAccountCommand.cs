using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class EnableAtlassianManagedAccountCommand : ManagedAccountUserChangeCmdlet
    {
        /// <summary>For accounts scheduled for deletion: cancel the deletion, then enable.</summary>
        [Parameter]
        public SwitchParameter CancelDeletion { get; set; }

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Activate account", Target = Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
            ManagedAccountSupport.RequireManaged(user);
            if (!ManagedAccountSupport.IsDeactivated(user))
            {
                change.UnchangedReason = "already active" + (user.Status == "suspended" ? " (suspended in the directory: use Restore-AtlassianDirectoryUser)" : "");
                return change;
            }
            var pendingDeletion = user.Status == "for_deletion";
            if (pendingDeletion && !CancelDeletion)
                throw new ItemFailedException("AccountPendingDeletion", ErrorCategory.InvalidOperation,
                    $"{Display(user)} is scheduled for deletion; add -CancelDeletion to cancel the deletion and enable the account.");
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
