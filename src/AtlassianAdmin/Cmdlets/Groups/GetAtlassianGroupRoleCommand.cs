using System;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Models;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Gets the roles directory groups hold on workspaces (one object per group, workspace and role).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroupRole", SupportsPaging = true)]
    [OutputType(typeof(AtlassianGroupRoleAssignment))]
    public sealed class GetAtlassianGroupRoleCommand : AtlassianConnectedCmdlet
    {
        /// <summary>The group: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter))]
        public GroupPipeBind Group { get; set; }

        /// <summary>Only roles on this workspace (object, name, URL or ARI).</summary>
        [Parameter, Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id"), ArgumentCompleter(typeof(WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product to choose a workspace when a name or URL is shared.</summary>
        [Parameter]
        public string Product { get; set; }

        /// <summary>Only this role (e.g. atlassian/user or user).</summary>
        [Parameter, ArgumentCompleter(typeof(RoleIdCompleter))]
        public string Role { get; set; }

        /// <summary>Directory to find the group in; default: every directory the key can manage.</summary>
        [Parameter]
        public string DirectoryId { get; set; }

        protected override void Process()
        {
            _ = OrgApi;
            string role = null;
            if (!string.IsNullOrEmpty(Role))
            {
                try { role = RoleRules.Normalize(Role, RoleHolder.Group); }
                catch (ItemFailedException e) { Terminate(e, Role, e.ErrorId, e.Category); }
            }
            AtlassianWorkspace workspace = null;
            AtlassianGroup group;
            try
            {
                if (Workspace != null) workspace = WorkspaceResolver.Resolve(ActiveConnection, Workspace, Product, CancellationToken);
                group = Await(new AtlassianAdmin.Directories.OrgGroupDirectory(ActiveConnection).ResolveOrgAsync(Group, DirectoryId, CancellationToken));
            }
            catch (ItemFailedException e)
            {
                WriteItemError(e, Group?.ToString(), e.ErrorId, e.Category);
                return;
            }
            var workspaces = WorkspaceResolver.All(ActiveConnection, CancellationToken);
            foreach (var a in OrgApi.ListGroupRoles(OrgId, group.DirectoryId, group, CancellationToken))
            {
                if (workspace != null && !string.Equals(a.ResourceId, RoleTargets.AssignableId(workspace.Id), StringComparison.OrdinalIgnoreCase)) continue;
                if (role != null && !string.Equals(a.RoleId, role, StringComparison.OrdinalIgnoreCase)) continue;
                a.WorkspaceName = workspaces.FirstOrDefault(w => !string.IsNullOrEmpty(w.Id) && string.Equals(RoleTargets.AssignableId(w.Id), a.ResourceId, StringComparison.OrdinalIgnoreCase))?.Name;
                if (!WritePaged(a)) break;
            }
            FlushLog();
        }
    }
}
