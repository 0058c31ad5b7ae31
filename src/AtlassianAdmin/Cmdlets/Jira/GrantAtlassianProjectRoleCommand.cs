using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Adds users or groups to a Jira project role (idempotent: already in the role = Unchanged).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianProjectRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianProjectRoleCommand : ChangeCmdlet<ProjectRoleRow>
    {
        /// <summary>Project key (or id) to grant the role in.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("ProjectKey", "project_key"), ArgumentCompleter(typeof(ProjectKeyCompleter)), AllowEmptyString, AllowNull]
        public string Project { get; set; }

        /// <summary>Role name (Administrators, Developers…) or id to grant; validated per project.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true), Alias("RoleName", "role_name"), ArgumentCompleter(typeof(ProjectRoleCompleter)), AllowEmptyString, AllowNull]
        public string Role { get; set; }

        /// <summary>The user who gets the role, by accountId (wins over -Email).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>The user who gets the role, by email.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>A group (name or id) that gets the role, instead of a user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), AllowEmptyString, AllowNull]
        public string Group { get; set; }

        /// <summary>One actor read per role, batched lookups and grants coalesced into array requests.</summary>
        private ProjectRoleBatch _batch;

        protected override void Begin()
        {
            base.Begin();
            _batch = new ProjectRoleBatch(ActiveConnection, ThrottleLimit);
        }

        protected override ProjectRoleRow Capture(PSObject item) => ProjectRoleRow.Capture(Project, Role, AccountId, Email, Group, item);

        protected override Task<PlannedChange> PlanAsync(ProjectRoleRow row, CancellationToken ct) => _batch.PlanAsync(row, grant: true, ct);

        protected override string DescribeInput(PSObject item, ProjectRoleRow row) => ProjectRoleRow.Describe(Project, Role, AccountId, Email, Group, item);
    }
}
