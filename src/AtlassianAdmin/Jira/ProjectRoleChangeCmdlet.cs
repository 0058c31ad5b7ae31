using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Jira
{
    /// <summary>One row of a project-role change: project, role and a user or a group.</summary>
    internal sealed class RoleChangeInput
    {
        public string Project;
        public string Role;
        public RolePrincipal Who;
    }

    /// <summary>
    /// Grant/Revoke-AtlassianProjectRole: the project, role and user/group of each item bind by name, so CSV rows
    /// (<c>project,role,email</c>), access requests and user objects pipe straight in.
    /// </summary>
    public abstract class ProjectRoleChangeCmdlet : ChangeCmdlet<object>
    {
        /// <summary>Project key (or id).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectKey", "project_key")]
        [ArgumentCompleter(typeof(ProjectKeyCompleter))]
        [AllowEmptyString, AllowNull]
        public string Project { get; set; }

        /// <summary>Role name (Administrators, Developers…) or id; validated per project.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("RoleName", "role_name")]
        [ArgumentCompleter(typeof(ProjectRoleCompleter))]
        [AllowEmptyString, AllowNull]
        public string Role { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>A group (name or id) instead of a user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "group_name", "GroupId", "group_id")]
        [AllowEmptyString, AllowNull]
        public string Group { get; set; }

        private SiteDirectory _site;
        internal SiteDirectory Site => _site ?? (_site = new SiteDirectory(ActiveConnection));
        private ProjectRoleBatch _batch;

        protected abstract bool Grant { get; }

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi; // a connection without a site stops here, once
            _batch = new ProjectRoleBatch(Site, ActiveConnection, ThrottleLimit);
        }

        protected override object Capture(PSObject item)
        {
            var project = Clean(Project);
            var role = Clean(Role);
            if (project == null) throw new ItemFailedException("ProjectMissing", ErrorCategory.InvalidArgument, "The input has no project. Give -Project or pipe rows with a 'project' column.");
            if (role == null) throw new ItemFailedException("RoleMissing", ErrorCategory.InvalidArgument, "The input has no role. Give -Role or pipe rows with a 'role' column.");
            var who = new RolePrincipal();
            var group = Clean(Group);
            if (group != null && Clean(AccountId) == null && Clean(Email) == null) who.Group = group;
            else
            {
                var text = item?.BaseObject is string s ? s : null;
                var (accountId, email) = SiteDirectory.ParseUser(AccountId, Email, text);
                if (accountId == null && email == null)
                    throw new ItemFailedException("PrincipalMissing", ErrorCategory.InvalidArgument, "The input has no user or group. Give -AccountId, -Email or -Group, or pipe rows with an accountId, email or group column.");
                who.AccountId = accountId;
                who.Email = email;
            }
            return new RoleChangeInput { Project = project, Role = role, Who = who };
        }

        protected override Task<PlannedChange> PlanAsync(object input, CancellationToken ct)
        {
            var i = (RoleChangeInput)input;
            return ProjectRoleChanges.PlanAsync(Site, i.Project, i.Role, i.Who, Grant, ct, _batch);
        }

        protected override string DescribeInput(PSObject item, object input) =>
            $"{Clean(Group) ?? Clean(Email) ?? Clean(AccountId) ?? item?.BaseObject?.ToString()} {Clean(Project)} {Clean(Role)}".Trim();

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
