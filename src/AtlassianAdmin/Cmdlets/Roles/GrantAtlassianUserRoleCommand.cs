using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>
    /// <para type="synopsis">Grants users a role on a workspace directly (product access or admin), skipping users who already have it.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianUserRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianUserRoleCommand : UserRoleChangeCmdlet
    {
        protected override async Task<PlannedChange> PlanAsync(UserRoleInput input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input.User, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Grant role", Target = Display(user), Resource = Describe(input), AccountId = user.AccountId, Email = user.Email };
            if (user.Status == "suspended" || user.Status == "deactivated" || user.Status == "for_deletion" || user.MembershipStatus == "suspended")
                throw new ItemFailedException("UserInactive", ErrorCategory.InvalidOperation,
                    $"{Display(user)} is {user.Status}: roles can only be granted to active users. Restore them first (Restore-AtlassianDirectoryUser or Enable-AtlassianManagedAccount).");
            var current = Matching(await CurrentAsync(user, input.User.DirectoryId, ct).ConfigureAwait(false), input);
            if (current.Any(a => a.Via == "Direct"))
            {
                change.UnchangedReason = "already has the role (direct)";
                return change;
            }
            var viaGroup = current.FirstOrDefault(a => a.Via == "Group" || a.Via == "Inferred");
            if (viaGroup != null)
                change.Warning = viaGroup.Via == "Group"
                    ? $"The user already has it through group membership{(viaGroup.GroupId == null ? "" : " (" + viaGroup.GroupId + ")")}; this adds a direct assignment"
                    : "The user already has it by inference from another assignment; this adds a direct assignment";
            change.Apply = async t =>
            {
                await OrgApi.AssignUserRoleAsync(OrgId, user.AccountId, input.Role, input.ResourceId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
