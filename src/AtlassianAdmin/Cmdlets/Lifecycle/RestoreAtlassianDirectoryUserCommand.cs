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
    /// <para type="synopsis">Restores suspended users' access to the apps of a directory, with their groups and roles.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsData.Restore, "AtlassianDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RestoreAtlassianDirectoryUserCommand : UserChangeCmdlet<UserRef>
    {
        protected override UserRef Capture(PSObject item) => CaptureUser(item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Restore user", Target = Display(user), Resource = "directory " + input.DirectoryId, AccountId = user.AccountId, Email = user.Email };
            if (user.Status != "suspended" && user.MembershipStatus != "suspended")
            {
                change.UnchangedReason = $"not suspended (status {user.Status})";
                return change;
            }
            IdentityProvider.RequireNotOwned(user, "restore the user's access");
            change.Apply = async t =>
            {
                await OrgApi.RestoreUserAsync(OrgId, input.DirectoryId, user.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
