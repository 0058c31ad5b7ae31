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
    /// <para type="synopsis">Revokes a role users hold directly on a workspace; users without it are reported Unchanged, users who hold it only through a group get an error.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Revoke, "AtlassianUserRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RevokeAtlassianUserRoleCommand : ChangeCmdlet<UserRoleInput>
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

        /// <summary>Revoke without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly UserCapture _user;
        private readonly UserRoleChange _roles;

        public RevokeAtlassianUserRoleCommand()
        {
            _user = new UserCapture(this);
            _roles = new UserRoleChange(this);
        }

        protected override UserRoleInput Capture(PSObject item) => _roles.Capture(_user.Capture(AccountId, Email, DirectoryId, item), Role, Workspace, Product, item);

        protected override string DescribeInput(PSObject item, UserRoleInput input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRoleInput input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input.User, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Revoke role", Target = UserCapture.Display(user), Resource = input.ToString(), AccountId = user.AccountId, Email = user.Email };
            var current = await _roles.MatchingAsync(user, input, ct).ConfigureAwait(false);
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
                        $"{UserCapture.Display(user)} holds {input} only through group membership, so it cannot be revoked on the user. " +
                        "Remove them from the group (Remove-AtlassianGroupMember), or revoke the role from the group (Revoke-AtlassianGroupRole); Get-AtlassianUserRole shows how each role is held (Via).");
                throw new ItemFailedException("RoleInferred", ErrorCategory.InvalidOperation,
                    $"{UserCapture.Display(user)} holds {input} only by inference from another assignment (e.g. an admin role), so it cannot be revoked on its own. Revoke the role it comes from.");
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
