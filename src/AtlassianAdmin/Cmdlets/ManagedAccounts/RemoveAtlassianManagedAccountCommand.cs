using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class RemoveAtlassianManagedAccountCommand : ManagedAccountUserChangeCmdlet
    {
        /// <summary>Delete without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Delete account", Target = Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
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
