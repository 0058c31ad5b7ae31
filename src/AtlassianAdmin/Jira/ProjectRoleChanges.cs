using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

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
    /// One row of Grant-/Revoke-AtlassianProjectRole: project, role and a user or a group. The project, role and user/group
    /// bind by name, so CSV rows (<c>project,role,email</c>), access requests and user objects pipe straight in.
    /// </summary>
    public sealed class ProjectRoleRow
    {
        internal string Project;
        internal string Role;
        internal RolePrincipal Who;

        /// <summary>Reads and validates one record's parameters (pipeline thread). Throws ProjectMissing, RoleMissing,
        /// PrincipalMissing, or the user's InvalidAccountId / InvalidEmail.</summary>
        internal static ProjectRoleRow Capture(string project, string role, string accountId, string email, string group, PSObject item)
        {
            project = Clean(project);
            role = Clean(role);
            if (project == null) throw new ItemFailedException("ProjectMissing", ErrorCategory.InvalidArgument, "The input has no project. Give -Project or pipe rows with a 'project' column.");
            if (role == null) throw new ItemFailedException("RoleMissing", ErrorCategory.InvalidArgument, "The input has no role. Give -Role or pipe rows with a 'role' column.");
            var who = new RolePrincipal();
            if (Clean(group) != null && Clean(accountId) == null && Clean(email) == null) who.Group = Clean(group);
            else
            {
                (who.AccountId, who.Email) = SiteDirectory.ParseUser(accountId, email, item?.BaseObject as string);
                if (who.AccountId == null && who.Email == null)
                    throw new ItemFailedException("PrincipalMissing", ErrorCategory.InvalidArgument, "The input has no user or group. Give -AccountId, -Email or -Group, or pipe rows with an accountId, email or group column.");
            }
            return new ProjectRoleRow { Project = project, Role = role, Who = who };
        }

        /// <summary>How a row that failed before planning is shown.</summary>
        internal static string Describe(string project, string role, string accountId, string email, string group, PSObject item) =>
            $"{Clean(group) ?? Clean(email) ?? Clean(accountId) ?? item?.BaseObject?.ToString()} {Clean(project)} {Clean(role)}".Trim();

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>
    /// The one implementation of granting and revoking project roles, used by Grant-/Revoke-AtlassianProjectRole and by
    /// Complete-AtlassianAccessRequest: validate project and role, resolve the user or group, read the role's actors, and
    /// plan the write (already there / not there = Unchanged, nothing sent).
    /// </summary>
    internal static class ProjectRoleChanges
    {
        /// <param name="batch">Shared by the rows of one invocation (with <paramref name="site"/> its batched lookups): one
        /// actor read per role and grants coalesced into array requests. Null: every read and write for this row alone.</param>
        public static async Task<PlannedChange> PlanAsync(SiteDirectory site, string project, string role, RolePrincipal who, bool grant, CancellationToken ct, ProjectRoleBatch batch = null)
        {
            var (roleName, roleId) = await site.ResolveRoleAsync(project, role, ct).ConfigureAwait(false);
            var projectKey = project.ToUpperInvariant();
            JiraUser user = null;
            JiraGroup group = null;
            var currentTask = batch != null ? batch.RoleAsync(projectKey, roleId, ct) : site.Jira.GetProjectRoleAsync(projectKey, roleId, ct);
            if (who.IsGroup) group = await site.ResolveGroupAsync(who.Group, ct).ConfigureAwait(false);
            else user = await site.ResolveUserAsync(who.AccountId, who.Email, ct).ConfigureAwait(false);

            var current = await currentTask.ConfigureAwait(false);
            var present = current.Actors.Any(a => IsActor(a, user, group));

            var change = ChangeFor(site.Jira, projectKey, roleName, roleId, user, group, grant, batch);
            change.Email = change.Email ?? who.Email;
            if (grant && present) { change.UnchangedReason = "already in the role"; change.Apply = null; change.Batched = false; }
            if (!grant && !present) { change.UnchangedReason = "not in the role"; change.Apply = null; }
            return change;
        }

        /// <summary>
        /// The write for one actor of a resolved role (shared with Sync-AtlassianProjectRole): POST the user or group to the
        /// role, or DELETE it. The client reports Jira's 400 "already an actor" / 404 "not an actor" as false (Unchanged).
        /// </summary>
        public static PlannedChange ChangeFor(JiraClient jira, string projectKey, string roleName, long roleId, JiraUser user, JiraGroup group, bool grant, ProjectRoleBatch batch = null)
        {
            var change = new PlannedChange
            {
                Action = grant ? "Grant project role" : "Revoke project role",
                Target = group != null ? "group " + (group.Name ?? group.GroupId) : Display(user),
                Resource = $"{projectKey} {roleName}",
                AccountId = user?.AccountId,
                Email = user?.Email,
            };
            if (grant && batch != null)
            {
                // Joins the (project, role)'s array request, which bounds its own concurrency.
                change.Batched = true;
                change.Apply = t => batch.AddAsync(projectKey, roleId, user, group, t);
            }
            else if (grant)
                change.Apply = t => group != null
                    ? jira.AddProjectRoleGroupAsync(projectKey, roleId, group.GroupId, group.Name, t)
                    : jira.AddProjectRoleUserAsync(projectKey, roleId, user.AccountId, t);
            else
                change.Apply = t => group != null
                    ? jira.RemoveProjectRoleGroupAsync(projectKey, roleId, group.GroupId, group.Name, t)
                    : jira.RemoveProjectRoleUserAsync(projectKey, roleId, user.AccountId, t);
            return change;
        }

        /// <summary>True when the role actor is this user, or this group (by id; by name for an actor without an id).</summary>
        public static bool IsActor(JiraRoleActor a, JiraUser user, JiraGroup group) => group != null
            ? a.IsGroup && (string.Equals(a.GroupId, group.GroupId, StringComparison.OrdinalIgnoreCase) || (a.GroupId == null && string.Equals(a.GroupName, group.Name, StringComparison.OrdinalIgnoreCase)))
            : !a.IsGroup && a.AccountId == user.AccountId;

        public static string Display(JiraUser u) => string.IsNullOrEmpty(u.Email) ? $"{u.DisplayName} ({u.AccountId})" : $"{u.DisplayName} <{u.Email}>";
    }
}
