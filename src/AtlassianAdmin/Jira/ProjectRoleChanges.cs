using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Jira
{
    /// <summary>Who gets or loses a project role: a user or a group, as given on input.</summary>
    internal sealed class RolePrincipal
    {
        public string AccountId { get; set; }
        public string Email { get; set; }
        /// <summary>Group name or id.</summary>
        public string Group { get; set; }
        public bool IsGroup => !string.IsNullOrEmpty(Group);
        public override string ToString() => IsGroup ? "group " + Group : Email ?? AccountId;
    }

    /// <summary>
    /// The one implementation of granting and revoking project roles, used by Grant-/Revoke-AtlassianProjectRole and by
    /// Complete-AtlassianAccessRequest: validate project and role, resolve the user or group, read the role's actors, and
    /// plan the write (already there / not there = Unchanged, nothing sent).
    /// </summary>
    internal static class ProjectRoleChanges
    {
        public static async Task<PlannedChange> PlanAsync(SiteDirectory site, string project, string role, RolePrincipal who, bool grant, CancellationToken ct)
        {
            var (roleName, roleId) = await site.ResolveRoleAsync(project, role, ct).ConfigureAwait(false);
            var projectKey = project.ToUpperInvariant();
            JiraUser user = null;
            JiraGroup group = null;
            if (who.IsGroup) group = await site.ResolveGroupAsync(who.Group, ct).ConfigureAwait(false);
            else user = await site.ResolveUserAsync(who.AccountId, who.Email, ct).ConfigureAwait(false);

            var current = await site.Jira.GetProjectRoleAsync(projectKey, roleId, ct).ConfigureAwait(false);
            var present = current.Actors.Any(a => group != null
                ? a.IsGroup && (string.Equals(a.GroupId, group.GroupId, StringComparison.OrdinalIgnoreCase) || (a.GroupId == null && string.Equals(a.GroupName, group.Name, StringComparison.OrdinalIgnoreCase)))
                : !a.IsGroup && a.AccountId == user.AccountId);

            var change = new PlannedChange
            {
                Action = grant ? "Grant project role" : "Revoke project role",
                Target = group != null ? "group " + group.Name : Display(user),
                Resource = $"{projectKey} {roleName}",
                AccountId = user?.AccountId,
                Email = user?.Email ?? who.Email,
            };
            if (grant && present) { change.UnchangedReason = "already in the role"; return change; }
            if (!grant && !present) { change.UnchangedReason = "not in the role"; return change; }
            if (grant)
                change.Apply = t => group != null
                    ? site.Jira.AddProjectRoleGroupAsync(projectKey, roleId, group.GroupId, group.Name, t)
                    : site.Jira.AddProjectRoleUserAsync(projectKey, roleId, user.AccountId, t);
            else
                change.Apply = t => group != null
                    ? site.Jira.RemoveProjectRoleGroupAsync(projectKey, roleId, group.GroupId, group.Name, t)
                    : site.Jira.RemoveProjectRoleUserAsync(projectKey, roleId, user.AccountId, t);
            return change;
        }

        public static string Display(JiraUser u) => string.IsNullOrEmpty(u.Email) ? $"{u.DisplayName} ({u.AccountId})" : $"{u.DisplayName} <{u.Email}>";
    }
}
