using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class DisableAtlassianManagedAccountCommand : ManagedAccountUserChangeCmdlet
    {
        /// <summary>Optional reason, shown to the user.</summary>
        [Parameter]
        public string Message { get; set; }

        /// <summary>Deactivate without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Deactivate account", Target = Display(user), Resource = "Atlassian account", AccountId = user.AccountId, Email = user.Email };
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
