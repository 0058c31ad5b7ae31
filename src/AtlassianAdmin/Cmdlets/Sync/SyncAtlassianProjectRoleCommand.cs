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
    public sealed class SyncAtlassianProjectRoleCommand : ChangeCmdlet<AtlassianProjectRolePlan>
    {
        /// <summary>Which unlisted actors -RemoveUnlisted removes: the kinds listed for that role (default), users, groups or all.</summary>
        [Parameter]
        public ProjectRoleActorType ActorType { get; set; } = ProjectRoleActorType.Listed;

        /// <summary>Remove actors not listed, in the project roles the input names (never in others).</summary>
        [Parameter]
        public SwitchParameter RemoveUnlisted { get; set; }

        /// <summary>Above this many removals in total, ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter, ValidateRange(0, int.MaxValue)]
        public int MaxRemovals { get; set; } = 25;

        /// <summary>Above this share of a role's actors removed (and at least 2), ask (even with -Confirm:$false) unless -Force.</summary>
        [Parameter, ValidateRange(0, 100)]
        public int MaxRemovalPercent { get; set; } = 10;

        /// <summary>Skip every confirmation, including the removal threshold (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Extra input columns to ignore (otherwise an unknown column makes the row malformed).</summary>
        [Parameter]
        public string[] IgnoreColumn { get; set; }

        private DesiredStateSync<AtlassianProjectRolePlan> _sync;
        /// <summary>Grants of one (project, role) go out as array requests, like Grant-AtlassianProjectRole's.</summary>
        private ProjectRoleBatch _batch;

        protected override bool SkipConfirmation => Force;

        protected override void Begin()
        {
            base.Begin();
            _sync = new DesiredStateSync<AtlassianProjectRolePlan>(this, (index, row) => ProjectRolePlanner.Read(index, row, IgnoreColumn));
            _batch = new ProjectRoleBatch(ActiveConnection, ThrottleLimit);
        }

        protected override void OnInput(PSObject item) => _sync.Add(item);

        protected override void OnEndOfInput()
        {
            var limits = new RemovalLimits { MaxRemovals = MaxRemovals, MaxRemovalPercent = MaxRemovalPercent, Force = Force };
            var planner = new ProjectRolePlanner(ActiveConnection);
            foreach (var step in _sync.Steps(rows => planner.BuildAsync(rows, RemoveUnlisted, ActorType, CancellationToken), limits)) Submit(PSObject.AsPSObject(step));
        }

        protected override string DeclinedBeforehand(AtlassianProjectRolePlan step) => _sync.DeclinedBeforehand(step);

        protected override AtlassianProjectRolePlan Capture(PSObject item) => (AtlassianProjectRolePlan)item.BaseObject;

        /// <summary>The same write as Grant-/Revoke-AtlassianProjectRole; "already an actor" / "not an actor" come back Unchanged.</summary>
        protected override Task<PlannedChange> PlanAsync(AtlassianProjectRolePlan step, CancellationToken ct)
        {
            var user = step.ActorType == "Group" ? null : new JiraUser { AccountId = step.AccountId, Email = step.Email, DisplayName = step.Name ?? step.AccountId };
            var group = step.ActorType == "Group" ? new JiraGroup { GroupId = step.GroupId, Name = step.Group } : null;
            return Task.FromResult(ProjectRoleChanges.ChangeFor(JiraApi, step.Project, step.Role, step.RoleId, user, group, grant: step.Action == "Add", batch: _batch));
        }
    }
}
