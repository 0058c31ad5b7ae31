using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>
    /// <para type="synopsis">Revokes a role users hold directly on a workspace; users without it are reported Unchanged.</para>
    /// </summary>
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
            // A source the API does not state (null) may be direct: revoke (idempotent on the server) rather than skip.
            if (!current.Any(a => a.Via == "Direct" || a.Via == null))
            {
                var viaGroup = current.FirstOrDefault(a => a.Via == "Group");
                change.UnchangedReason = viaGroup != null
                    ? $"no direct assignment; the role comes from group {viaGroup.GroupId} (remove the membership or revoke it from the group)"
                    : "does not have the role";
                return change;
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
