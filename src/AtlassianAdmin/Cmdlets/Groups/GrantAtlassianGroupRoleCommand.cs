using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Grants a role on a workspace (product access or admin) to directory groups.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsSecurity.Grant, "AtlassianGroupRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class GrantAtlassianGroupRoleCommand : ChangeCmdlet<GroupRoleChange.Input>
    {
        /// <summary>The group to grant the role to: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter)), AllowNull]
        public GroupPipeBind Group { get; set; }

        /// <summary>Directory to find the group in; default: every directory the key can manage.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>The workspace: an object from Get-AtlassianWorkspace, its name, URL or resource ARI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id"), AllowNull, ArgumentCompleter(typeof(WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product to choose a workspace when a name or URL is shared (jira, confluence, jira-servicedesk, …).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string Product { get; set; }

        /// <summary>Role id to grant, e.g. atlassian/user (or just user).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("RoleId", "role_id"), ArgumentCompleter(typeof(RoleIdCompleter)), AllowEmptyString, AllowNull]
        public string Role { get; set; }

        private GroupRoleChange _change;

        protected override void Begin()
        {
            base.Begin();
            _change = new GroupRoleChange(ActiveConnection, granting: true);
        }

        protected override GroupRoleChange.Input Capture(PSObject item)
        {
            var input = _change.Capture(item, Group, DirectoryId, Workspace, Product, Role, CancellationToken);
            FlushLog();
            return input;
        }

        protected override Task<PlannedChange> PlanAsync(GroupRoleChange.Input input, CancellationToken ct) => _change.PlanAsync(input, ct);
        protected override string DescribeInput(PSObject item, GroupRoleChange.Input input) => GroupCapture.Describe(item, Group);
    }
}
