using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox
{
    // Jira site state: projects, project-role actors, issues. Jira users and groups are views of the org's.
    public sealed partial class SandboxStore
    {
        internal static readonly IReadOnlyDictionary<int, string> JiraRoleNames = new Dictionary<int, string>
        {
            [10000] = "Users", [10001] = "Developers", [10002] = "Administrators",
        };

        internal readonly List<ProjectRecord> ProjectList = new List<ProjectRecord>();
        internal readonly List<IssueRecord> IssueList = new List<IssueRecord>();
        internal long NextIssueId = 10010;
        internal long NextActorId = 1;
        internal long NextCommentId = 10100;

        public IReadOnlyList<SandboxProject> Projects()
        {
            lock (Sync)
                return ProjectList.Select(p => new SandboxProject
                {
                    Id = p.Id, Key = p.Key, Name = p.Name, LeadAccountId = p.LeadAccountId,
                    Roles = p.RoleActors.Keys.ToDictionary(id => JiraRoleNames[id], id => id),
                }).ToList();
        }

        /// <summary>Actors of a project role, by role name (Administrators, Developers, Users).</summary>
        public IReadOnlyList<SandboxProjectRoleActor> ProjectRoleActors(string projectKey, string roleName)
        {
            lock (Sync)
            {
                var p = Project(projectKey);
                var roleId = JiraRoleNames.FirstOrDefault(kv => string.Equals(kv.Value, roleName, StringComparison.OrdinalIgnoreCase)).Key;
                if (p == null || !p.RoleActors.TryGetValue(roleId, out var actors)) return new List<SandboxProjectRoleActor>();
                return actors.Select(a => new SandboxProjectRoleActor
                {
                    Type = a.IsGroup ? "group" : "user", AccountId = a.AccountId, GroupId = a.GroupId,
                    GroupName = a.IsGroup && GroupsById.TryGetValue(a.GroupId, out var g) ? g.Name : null,
                }).ToList();
            }
        }

        public IReadOnlyList<SandboxIssue> Issues() { lock (Sync) return IssueList.Select(ToSnapshot).ToList(); }

        public SandboxIssue FindIssue(string key)
        {
            lock (Sync) { var i = Issue(key); return i == null ? null : ToSnapshot(i); }
        }

        /// <summary>True if the user can use Jira (active, with a role on the Jira site).</summary>
        public bool HasJiraAccess(string accountId)
        {
            lock (Sync) return UsersById.TryGetValue(accountId, out var u) && HasJiraAccess(u);
        }

        internal bool HasJiraAccess(UserRecord u) => u.InOrg && HasAnyRoleOn(u, JiraResourceId);

        // Bumped by every request that may write (any method but GET/HEAD) and by every public setup helper, so views
        // derived from the whole store (the Jira user listing) are rebuilt only after a change, not on every page.
        private long _version;
        private long _jiraUsersVersion = -1;
        private List<UserRecord> _jiraUsers, _activeJiraUsers;

        /// <summary>Marks the store changed; the caller holds <see cref="Sync"/>.</summary>
        internal void Changed() => _version++;

        /// <summary>
        /// Users with Jira access in creation order (all, or active only), as Jira's user listings range over them. Cached
        /// until the next change, so one page costs O(page) instead of a scan of every user (caller holds <see cref="Sync"/>).
        /// </summary>
        internal IReadOnlyList<UserRecord> JiraUsers(bool activeOnly)
        {
            if (_jiraUsersVersion != _version || _jiraUsers == null)
            {
                _jiraUsers = UserList.Where(HasJiraAccess).ToList();
                _activeJiraUsers = _jiraUsers.Where(u => u.IsActive).ToList();
                _jiraUsersVersion = _version;
            }
            return activeOnly ? _activeJiraUsers : _jiraUsers;
        }

        internal ProjectRecord Project(string idOrKey)
        {
            if (idOrKey == null) return null;
            foreach (var p in ProjectList)
                if (string.Equals(p.Key, idOrKey, StringComparison.OrdinalIgnoreCase) || p.Id == idOrKey) return p;
            return null;
        }

        internal IssueRecord Issue(string idOrKey)
        {
            if (idOrKey == null) return null;
            foreach (var i in IssueList)
                if (string.Equals(i.Key, idOrKey, StringComparison.OrdinalIgnoreCase) || i.Id == idOrKey) return i;
            return null;
        }

        internal void RemoveJiraActors(string accountId, string groupId)
        {
            foreach (var p in ProjectList)
                foreach (var actors in p.RoleActors.Values)
                    actors.RemoveAll(a => (accountId != null && a.AccountId == accountId) || (groupId != null && a.GroupId == groupId));
        }

        private SandboxIssue ToSnapshot(IssueRecord i) => new SandboxIssue
        {
            Id = i.Id, Key = i.Key, ProjectKey = i.ProjectKey, IssueType = i.IssueType, Summary = i.Summary, DescriptionJson = i.DescriptionJson,
            Status = i.StatusName, AssigneeAccountId = i.AssigneeId, ReporterAccountId = i.ReporterId, Labels = i.Labels.ToList(),
            Properties = new Dictionary<string, string>(i.Properties),
            Comments = i.Comments.Select(c => new SandboxComment { Id = c.Id, AuthorAccountId = c.AuthorId, BodyJson = c.BodyJson, Created = c.Created }).ToList(),
        };
    }
}
