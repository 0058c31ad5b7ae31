using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.Lifecycle
{
    /// <summary>
    /// <para type="synopsis">Suspends users' access to every app of a directory; groups and roles are kept.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsLifecycle.Suspend, "AtlassianDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SuspendAtlassianDirectoryUserCommand : UserChangeCmdlet<UserRef>
    {
        /// <summary>Suspend without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override UserRef Capture(PSObject item) => CaptureUser(item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Suspend user", Target = Display(user), Resource = "directory " + input.DirectoryId, AccountId = user.AccountId, Email = user.Email };
            if (user.Status == "suspended" || user.MembershipStatus == "suspended")
            {
                change.UnchangedReason = "already suspended";
                return change;
            }
            IdentityProvider.RequireNotOwned(user, "suspend the user");
            change.Apply = async t =>
            {
                await OrgApi.SuspendUserAsync(OrgId, input.DirectoryId, user.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
