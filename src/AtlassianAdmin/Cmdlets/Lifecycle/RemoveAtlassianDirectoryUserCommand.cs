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
    /// <para type="synopsis">Removes users from a directory: they lose every group and product access there (to come back they must be re-invited).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianDirectoryUserCommand : UserChangeCmdlet<UserRef>
    {
        /// <summary>Remove without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override UserRef Capture(PSObject item) => CaptureUser(item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Remove user from directory", Target = Display(user), Resource = "directory " + input.DirectoryId, AccountId = user.AccountId, Email = user.Email };
            change.Warning = "The user loses all groups and product access in this directory";
            IdentityProvider.RequireNotOwned(user, "remove the user from the directory");
            change.Apply = async t =>
            {
                await OrgApi.RemoveUserAsync(OrgId, input.DirectoryId, user.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
