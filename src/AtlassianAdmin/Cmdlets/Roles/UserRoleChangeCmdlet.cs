using System;
using AtlassianAdmin.Completers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Client.Roles;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>What one grant/revoke item is about.</summary>
    public sealed class UserRoleInput
    {
        public UserRef User { get; set; }
        public string Role { get; set; }
        /// <summary>The resource ARI; null for atlassian/org-admin.</summary>
        public string ResourceId { get; set; }
        public string ResourceDisplay { get; set; }
    }

    /// <summary>
    /// Shared by Grant-/Revoke-AtlassianUserRole: user + -Workspace/-Product/-Role (all bindable from CSV columns such
    /// as email,workspace,role), validated on capture; current assignments are read once per user per invocation.
    /// </summary>
    public abstract class UserRoleChangeCmdlet : UserChangeCmdlet<UserRoleInput>
    {
        /// <summary>The workspace: an object from Get-AtlassianWorkspace, its name, URL or ARI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id")]
        [AllowNull]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product hint when a workspace name or URL matches several products (jira, confluence, jira-servicedesk, …).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ResourceOwner", "product_key")]
        [AllowEmptyString, AllowNull]
        public string Product { get; set; }

        /// <summary>The role id, e.g. atlassian/user or atlassian/admin (the atlassian/ prefix may be left out).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RoleId", "role_id", "role_name")]
        [ArgumentCompleter(typeof(RoleIdCompleter))]
        [AllowEmptyString, AllowNull]
        public string Role { get; set; }

        private readonly ConcurrentDictionary<string, Lazy<Task<List<AtlassianRoleAssignment>>>> _assignments =
            new ConcurrentDictionary<string, Lazy<Task<List<AtlassianRoleAssignment>>>>(StringComparer.OrdinalIgnoreCase);

        protected override UserRoleInput Capture(PSObject item)
        {
            var user = CaptureUser(item);
            var role = RoleRules.Normalize(Role, RoleHolder.User);
            var target = RoleRules.Target(ActiveConnection, Workspace, Product, role, RoleHolder.User, CancellationToken);
            FlushLog();
            return new UserRoleInput { User = user, Role = role, ResourceId = target.ResourceId, ResourceDisplay = target.Display };
        }

        protected string Describe(UserRoleInput input) => input.Role + " on " + input.ResourceDisplay;

        /// <summary>The user's current assignments, read once per user for the whole invocation.</summary>
        protected Task<List<AtlassianRoleAssignment>> CurrentAsync(AtlassianUser user, string directoryId, CancellationToken ct) =>
            _assignments.GetOrAdd(directoryId + "|" + user.AccountId, _ => new Lazy<Task<List<AtlassianRoleAssignment>>>(() =>
                Task.Run(() => OrgApi.ListUserRoleAssignments(OrgId, directoryId, user.AccountId, ct).ToList(), ct))).Value;

        /// <summary>The assignments matching the item's role and resource (any resource for org-admin).</summary>
        protected static List<AtlassianRoleAssignment> Matching(IEnumerable<AtlassianRoleAssignment> current, UserRoleInput input) =>
            current.Where(a => string.Equals(a.RoleId, input.Role, StringComparison.OrdinalIgnoreCase)
                               && (input.ResourceId == null || string.Equals(a.ResourceId, input.ResourceId, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
