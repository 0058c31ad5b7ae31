using System;
using AtlassianAdmin.Completers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;
using AtlassianAdmin.Client.Roles;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// Grants or revokes a role on a workspace to groups. Each group's role assignments are read once per invocation
    /// (and kept up to date), so granting a held role or revoking an absent one is Unchanged with no write.
    /// </summary>
    public abstract class GroupRoleChangeCmdlet : GroupChangeCmdlet<GroupRoleChangeCmdlet.RoleInput>
    {
        /// <summary>The workspace: an object from Get-AtlassianWorkspace, its name, URL or resource ARI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id")]
        [AllowNull]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product to choose a workspace when a name or URL is shared (jira, confluence, jira-servicedesk, …).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Product { get; set; }

        /// <summary>Role id, e.g. atlassian/user (or just user).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RoleId", "role_id")]
        [ArgumentCompleter(typeof(RoleIdCompleter))]
        [AllowEmptyString, AllowNull]
        public string Role { get; set; }

        protected abstract bool Granting { get; }

        private readonly ConcurrentDictionary<string, Lazy<Task<RoleSet>>> _roles = new ConcurrentDictionary<string, Lazy<Task<RoleSet>>>(StringComparer.OrdinalIgnoreCase);

        protected override RoleInput Capture(PSObject item)
        {
            var group = CaptureGroup(item);
            var role = RoleRules.Normalize(Role, RoleHolder.Group);
            // The same role-target rules as user roles and invitations (site-admin → platform ARI, ID-8887 rewrite).
            var target = RoleRules.Target(ActiveConnection, Workspace, Product, role, RoleHolder.Group, CancellationToken);
            FlushLog();
            return new RoleInput { Group = group, DirectoryId = CapturedDirectoryId, Target = target, Role = role };
        }

        protected override async Task<PlannedChange> PlanAsync(RoleInput input, CancellationToken ct)
        {
            var group = await Groups.ResolveAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            var resource = input.Target.ResourceId;
            var roles = await RolesOf(group, ct).ConfigureAwait(false);
            var change = new PlannedChange
            {
                Action = Granting ? "Grant group role" : "Revoke group role",
                Target = group.Name,
                Resource = input.Role + " on " + input.Target.Display,
            };
            var held = roles.Contains(resource, input.Role);
            if (Granting && held) { change.UnchangedReason = "already granted"; return change; }
            if (!Granting && !held) { change.UnchangedReason = "not granted to this group"; return change; }
            if (!Granting) change.Warning = "Members keep access granted directly or through other groups";
            change.Apply = async t =>
            {
                if (Granting) await OrgApi.AssignGroupRoleAsync(OrgId, group.DirectoryId, group.Id, resource, input.Role, t).ConfigureAwait(false);
                else await OrgApi.RevokeGroupRoleAsync(OrgId, group.DirectoryId, group.Id, resource, input.Role, t).ConfigureAwait(false);
                return roles.Set(resource, input.Role, Granting);
            };
            return change;
        }

        private Task<RoleSet> RolesOf(AtlassianGroup group, CancellationToken ct) =>
            _roles.GetOrAdd(group.Id, _ => new Lazy<Task<RoleSet>>(() => Task.Run(() =>
                new RoleSet(OrgApi.ListGroupRoles(OrgId, group.DirectoryId, group, ct).Select(r => (r.ResourceId, r.RoleId))), ct))).Value;

        public sealed class RoleInput
        {
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
            /// <summary>The resource ARI (from the client's role-target rules) and how to show it.</summary>
            public RoleTarget Target { get; set; }
            public string Role { get; set; }
        }

        private sealed class RoleSet
        {
            private readonly HashSet<string> _set;
            private readonly object _gate = new object();
            public RoleSet(IEnumerable<(string resource, string role)> roles) => _set = new HashSet<string>(roles.Select(r => Key(r.resource, r.role)), StringComparer.OrdinalIgnoreCase);
            private static string Key(string resource, string role) => resource + "|" + role;
            public bool Contains(string resource, string role) { lock (_gate) return _set.Contains(Key(resource, role)); }
            /// <summary>Records the change; false when another item of this invocation already made it.</summary>
            public bool Set(string resource, string role, bool present)
            {
                lock (_gate) return present ? _set.Add(Key(resource, role)) : _set.Remove(Key(resource, role));
            }
        }
    }
}
