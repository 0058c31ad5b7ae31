using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;

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

        /// <summary>The role and where it applies, as results show it.</summary>
        public override string ToString() => Role + " on " + ResourceDisplay;
    }

    /// <summary>
    /// What Grant-/Revoke-AtlassianUserRole share, held by each: the item's role and workspace (-Role/-Workspace/-Product,
    /// bindable from CSV columns such as email,workspace,role) validated on capture, and the user's current assignments,
    /// read once per user for the whole invocation.
    /// </summary>
    internal sealed class UserRoleChange
    {
        private readonly AtlassianConnectedCmdlet _cmdlet;
        private readonly ConcurrentDictionary<string, Lazy<Task<List<AtlassianRoleAssignment>>>> _assignments =
            new ConcurrentDictionary<string, Lazy<Task<List<AtlassianRoleAssignment>>>>(StringComparer.OrdinalIgnoreCase);

        public UserRoleChange(AtlassianConnectedCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>The item for <paramref name="user"/> (already captured): the role normalized, its target resolved (pipeline thread).</summary>
        public UserRoleInput Capture(UserRef user, string role, WorkspacePipeBind workspace, string product, System.Management.Automation.PSObject item)
        {
            // An access request stands for its user, but its Role is a Jira project role, not a product role.
            if (item?.BaseObject is JiraAccessRequest)
                throw new ItemFailedException("InputObjectWrongType", System.Management.Automation.ErrorCategory.InvalidType,
                    "The input is a JiraAccessRequest: its Role is a Jira project role, not a product role. Pipe it to Approve-AtlassianAccessRequest or Grant-AtlassianProjectRole.");
            role = RoleRules.Normalize(role, RoleHolder.User);
            var target = RoleRules.Target(_cmdlet.ActiveConnection, workspace, product, role, RoleHolder.User, _cmdlet.CancellationToken);
            _cmdlet.FlushLog();
            return new UserRoleInput { User = user, Role = role, ResourceId = target.ResourceId, ResourceDisplay = target.Display };
        }

        /// <summary>The user's assignments matching the item's role and resource (any resource for org-admin).</summary>
        public async Task<List<AtlassianRoleAssignment>> MatchingAsync(AtlassianUser user, UserRoleInput input, CancellationToken ct)
        {
            var current = await _assignments.GetOrAdd(input.User.DirectoryId + "|" + user.AccountId, _ => new Lazy<Task<List<AtlassianRoleAssignment>>>(() =>
                Client.Paging.CursorStream.ToListAsync(_cmdlet.OrgApi.ListUserRoleAssignments(_cmdlet.OrgId, input.User.DirectoryId, user.AccountId, ct), ct))).Value.ConfigureAwait(false);
            return current.Where(a => string.Equals(a.RoleId, input.Role, StringComparison.OrdinalIgnoreCase)
                                      && (input.ResourceId == null || string.Equals(a.ResourceId, input.ResourceId, StringComparison.OrdinalIgnoreCase))).ToList();
        }
    }
}
