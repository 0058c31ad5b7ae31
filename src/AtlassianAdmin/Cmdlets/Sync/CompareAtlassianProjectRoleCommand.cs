using AtlassianAdmin.Engine;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Sync;

namespace AtlassianAdmin.Cmdlets.Sync
{
    /// <summary>
    /// <para type="synopsis">Compares desired Jira project-role actors (rows of project, role and email, accountId or group) with the site and writes the plan: Add, Remove, Keep.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsData.Compare, "AtlassianProjectRole")]
    [OutputType(typeof(AtlassianProjectRolePlan))]
    public sealed class CompareAtlassianProjectRoleCommand : DesiredStateCompareCmdlet<AtlassianProjectRolePlan>
    {
        /// <summary>Which unlisted actors -RemoveUnlisted removes: the kinds listed for that role (default), users, groups or all.</summary>
        [Parameter]
        public ProjectRoleActorType ActorType { get; set; } = ProjectRoleActorType.Listed;

        protected override void Begin() => _ = JiraApi; // a connection without a site stops here, once

        internal override DesiredRow ReadRow(int index, PSObject row) => ProjectRolePlanner.Read(index, row, IgnoreColumn);

        internal override Task<DesiredStatePlan<AtlassianProjectRolePlan>> PlanAsync(IReadOnlyList<DesiredRow> rows, bool removeUnlisted, CancellationToken ct) =>
            new ProjectRolePlanner(ActiveConnection).BuildAsync(rows, removeUnlisted, ActorType, ct);
    }
}
