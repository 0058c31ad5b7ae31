using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Seed
{
    /// <summary>Seeds the Jira site: projects ACME, OPS, WEB (no lead) and ACCESS (request intake) with role actors.</summary>
    internal static class JiraSeeder
    {
        public static void Seed(SandboxStore s, Random rng, DateTimeOffset today)
        {
            var jiraUsers = s.UserList.Where(u => u.IsActive && s.HasJiraAccess(u)).ToList();
            var admin = s.UsersById[s.ApiKeyOwnerAccountId];
            UserRecord Pick(int index) => jiraUsers.Count == 0 ? admin : jiraUsers[Math.Min(index, jiraUsers.Count - 1)];

            var acme = AddProject(s, "10000", "ACME", "Acme", "software", Pick(1).AccountId);
            var ops = AddProject(s, "10001", "OPS", "Operations", "service_desk", Pick(2).AccountId);
            var web = AddProject(s, "10002", "WEB", "Website", "software", null);
            var access = AddProject(s, "10003", "ACCESS", "Access Requests", "business", admin.AccountId);
            access.Description = "Access requests routed by AtlassianAdmin.";

            var siteAdmins = s.GroupByName("site-admins");
            var developers = s.GroupByName("developers");
            var jiraUsersGroup = s.GroupByName("jira-software-users");
            foreach (var p in new[] { acme, ops, web, access })
            {
                AddActor(s, p, 10002, null, siteAdmins.Id);
                if (p.LeadAccountId != null) AddActor(s, p, 10002, p.LeadAccountId, null);
                AddActor(s, p, 10000, null, jiraUsersGroup.Id);
            }
            AddActor(s, acme, 10001, null, developers.Id);
            AddActor(s, acme, 10001, Pick(3).AccountId, null);
            AddActor(s, ops, 10001, Pick(4).AccountId, null);
            AddActor(s, web, 10001, Pick(5).AccountId, null);
        }

        private static ProjectRecord AddProject(SandboxStore s, string id, string key, string name, string type, string lead)
        {
            var p = new ProjectRecord { Seq = s.NextSeq++, Id = id, Key = key, Name = name, ProjectTypeKey = type, LeadAccountId = lead, Description = name + " project" };
            foreach (var roleId in SandboxStore.JiraRoleNames.Keys) p.RoleActors[roleId] = new List<ActorRecord>();
            s.ProjectList.Add(p);
            return p;
        }

        internal static void AddActor(SandboxStore s, ProjectRecord p, int roleId, string accountId, string groupId)
        {
            var actors = p.RoleActors[roleId];
            if (actors.Any(a => (accountId != null && a.AccountId == accountId) || (groupId != null && a.GroupId == groupId))) return;
            actors.Add(new ActorRecord { Id = s.NextActorId++, IsGroup = groupId != null, AccountId = accountId, GroupId = groupId });
        }
    }
}
