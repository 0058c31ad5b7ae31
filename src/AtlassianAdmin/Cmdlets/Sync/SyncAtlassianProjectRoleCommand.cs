using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Makes Jira project-role actors match desired rows (project, role and email, accountId or group): adds missing actors and, with -RemoveUnlisted, removes unlisted ones.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsData.Sync, "AtlassianProjectRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SyncAtlassianProjectRoleCommand : DesiredStateSyncCmdlet<AtlassianProjectRolePlan>
    {
        /// <summary>Which unlisted actors -RemoveUnlisted removes: the kinds listed for that role (default), users, groups or all.</summary>
        [Parameter]
        public ProjectRoleActorType ActorType { get; set; } = ProjectRoleActorType.Listed;

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi; // a connection without a site stops here, once
            _batch = new ProjectRoleBatch(ActiveConnection, ThrottleLimit);
        }

        /// <summary>Grants of one (project, role) go out as array requests, like Grant-AtlassianProjectRole's.</summary>
        private ProjectRoleBatch _batch;

        internal override DesiredRow ReadRow(int index, PSObject row) => ProjectRolePlanner.Read(index, row, IgnoreColumn);

        internal override Task<DesiredStatePlan<AtlassianProjectRolePlan>> PlanAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct) =>
            new ProjectRolePlanner(ActiveConnection).BuildAsync(rows, removeUnlisted, ActorType, ct);

        /// <summary>The same write as Grant-/Revoke-AtlassianProjectRole; "already an actor" / "not an actor" come back Unchanged.</summary>
        protected override Task<PlannedChange> PlanAsync(AtlassianProjectRolePlan step, CancellationToken ct)
        {
            var user = step.ActorType == "Group" ? null : new JiraUser { AccountId = step.AccountId, Email = step.Email, DisplayName = step.Name ?? step.AccountId };
            var group = step.ActorType == "Group" ? new JiraGroup { GroupId = step.GroupId, Name = step.Group } : null;
            return Task.FromResult(ProjectRoleChanges.ChangeFor(JiraApi, step.Project, step.Role, step.RoleId, user, group, grant: step.Action == "Add", batch: _batch));
        }
    }
}
