using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>
    /// <para type="synopsis">Revokes a role users hold directly on a workspace; users without it are reported Unchanged, users who hold it only through a group get an error.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Revoke, "AtlassianUserRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RevokeAtlassianUserRoleCommand : UserRoleChangeCmdlet
    {
        /// <summary>Revoke without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override async Task<PlannedChange> PlanAsync(UserRoleInput input, CancellationToken ct)
        {
            var user = await Users.ResolveAsync(input.User, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Revoke role", Target = Display(user), Resource = Describe(input), AccountId = user.AccountId, Email = user.Email };
            var current = Matching(await CurrentAsync(user, input.User.DirectoryId, ct).ConfigureAwait(false), input);
            // A source the API does not state (null: only the deprecated "roles" list) may be direct: revoke (idempotent on
            // the server) rather than skip.
            if (current.Count == 0)
            {
                change.UnchangedReason = "does not have the role";
                return change;
            }
            if (!current.Any(a => a.Via == "Direct" || a.Via == null))
            {
                // Revoking on the user would change nothing (C4): say where the role comes from, send nothing.
                if (current.Any(a => a.Via == "Group"))
                    throw new ItemFailedException("RoleHeldThroughGroup", ErrorCategory.InvalidOperation,
                        $"{Display(user)} holds {Describe(input)} only through group membership, so it cannot be revoked on the user. " +
                        "Remove them from the group (Remove-AtlassianGroupMember), or revoke the role from the group (Revoke-AtlassianGroupRole); Get-AtlassianUserRole shows how each role is held (Via).");
                throw new ItemFailedException("RoleInferred", ErrorCategory.InvalidOperation,
                    $"{Display(user)} holds {Describe(input)} only by inference from another assignment (e.g. an admin role), so it cannot be revoked on its own. Revoke the role it comes from.");
            }
            change.Apply = async t =>
            {
                await OrgApi.RevokeUserRoleAsync(OrgId, user.AccountId, input.Role, input.ResourceId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
