using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>
    /// <para type="synopsis">Grants users a role on a workspace directly (product access or admin), skipping users who already have it.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianUserRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianUserRoleCommand : ChangeCmdlet<UserRoleInput>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>The workspace: an object from Get-AtlassianWorkspace, its name, URL or ARI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id"), AllowNull, ArgumentCompleter(typeof(WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product hint when a workspace name or URL matches several products (jira, confluence, jira-servicedesk, …).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("ResourceOwner", "product_key"), AllowEmptyString, AllowNull]
        public string Product { get; set; }

        /// <summary>The role id, e.g. atlassian/user or atlassian/admin (the atlassian/ prefix may be left out).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("RoleId", "role_id", "role_name"), ArgumentCompleter(typeof(RoleIdCompleter)), AllowEmptyString, AllowNull]
        public string Role { get; set; }

        private readonly UserCapture _user;
        private readonly UserRoleChange _roles;

        public GrantAtlassianUserRoleCommand()
        {
            _user = new UserCapture(this);
            _roles = new UserRoleChange(this);
        }

        protected override UserRoleInput Capture(PSObject item) => _roles.Capture(_user.Capture(AccountId, Email, DirectoryId, item), Role, Workspace, Product, item);

        protected override string DescribeInput(PSObject item, UserRoleInput input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRoleInput input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input.User, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Grant role", Target = UserCapture.Display(user), Resource = input.ToString(), AccountId = user.AccountId, Email = user.Email };
            if (user.Status == "suspended" || user.Status == "deactivated" || user.Status == "for_deletion" || user.MembershipStatus == "suspended")
                throw new ItemFailedException("UserInactive", ErrorCategory.InvalidOperation,
                    $"{UserCapture.Display(user)} is {user.Status}: roles can only be granted to active users. Restore them first (Restore-AtlassianDirectoryUser or Enable-AtlassianManagedAccount).");
            var current = await _roles.MatchingAsync(user, input, ct).ConfigureAwait(false);
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
