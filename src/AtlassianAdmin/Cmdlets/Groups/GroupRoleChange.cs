using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// Grant/Revoke-AtlassianGroupRole for one invocation. The role target comes from the client's role-target rules
    /// (<see cref="RoleRules.Target"/>: the same as user roles and invitations). Each group's role assignments are read
    /// once and kept up to date, so granting a held role or revoking an absent one is Unchanged with no write.
    /// </summary>
    public sealed class GroupRoleChange
    {
        private readonly AtlassianConnection _connection;
        private readonly OrgGroupDirectory _groups;
        private readonly bool _granting;
        private readonly ConcurrentDictionary<string, Lazy<Task<RoleSet>>> _roles = new ConcurrentDictionary<string, Lazy<Task<RoleSet>>>(StringComparer.OrdinalIgnoreCase);

        internal GroupRoleChange(AtlassianConnection connection, bool granting)
        {
            _connection = connection;
            _groups = new OrgGroupDirectory(connection);
            _granting = granting;
        }

        public sealed class Input
        {
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
            /// <summary>The resource ARI (from the client's role-target rules) and how to show it.</summary>
            public RoleTarget Target { get; set; }
            public string Role { get; set; }
        }

        internal Input Capture(PSObject item, GroupPipeBind group, string directoryId, WorkspacePipeBind workspace, string product, string role, CancellationToken ct)
        {
            var captured = GroupCapture.Capture(item, group, stringsAreGroups: true);
            var roleId = RoleRules.Normalize(role, RoleHolder.Group);
            var target = RoleRules.Target(_connection, workspace, product, roleId, RoleHolder.Group, ct);
            return new Input { Group = captured, DirectoryId = GroupCapture.Directory(directoryId), Target = target, Role = roleId };
        }

        internal async Task<PlannedChange> PlanAsync(Input input, CancellationToken ct)
        {
            var group = await _groups.ResolveOrgAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            var resource = input.Target.ResourceId;
            var roles = await RolesOf(group, ct).ConfigureAwait(false);
            var change = new PlannedChange
            {
                Action = _granting ? "Grant group role" : "Revoke group role",
                Target = group.Name,
                Resource = input.Role + " on " + input.Target.Display,
            };
            var held = roles.Contains(resource, input.Role);
            if (_granting && held) { change.UnchangedReason = "already granted"; return change; }
            if (!_granting && !held) { change.UnchangedReason = "not granted to this group"; return change; }
            if (!_granting) change.Warning = "Members keep access granted directly or through other groups";
            var org = _connection.Org;
            change.Apply = async t =>
            {
                if (_granting) await org.AssignGroupRoleAsync(_connection.OrgId, group.DirectoryId, group.Id, resource, input.Role, t).ConfigureAwait(false);
                else await org.RevokeGroupRoleAsync(_connection.OrgId, group.DirectoryId, group.Id, resource, input.Role, t).ConfigureAwait(false);
                return roles.Set(resource, input.Role, _granting);
            };
            return change;
        }

        private Task<RoleSet> RolesOf(AtlassianGroup group, CancellationToken ct) =>
            _roles.GetOrAdd(group.Id, _ => new Lazy<Task<RoleSet>>(async () =>
                new RoleSet((await Client.Paging.CursorStream.ToListAsync(_connection.Org.ListGroupRoles(_connection.OrgId, group.DirectoryId, group, ct), ct).ConfigureAwait(false))
                    .Select(r => (r.ResourceId, r.RoleId))))).Value;

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
