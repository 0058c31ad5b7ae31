using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Seed;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>Projects and project-role actors.</summary>
    internal static class JiraProjectRoutes
    {
        public static void Register(Router r)
        {
            r.Jira("GET", "/project", ctx => SandboxResponse.Ok(ctx.Store.ProjectList.Select(p => Project(ctx, p)).ToList()));   // deprecated array
            r.Jira("GET", "/project/search", Search);
            r.Jira("GET", "/project/{projectIdOrKey}", ctx => SandboxResponse.Ok(Project(ctx, JiraLookup.Project(ctx))));
            r.Jira("GET", "/project/{projectIdOrKey}/role", ctx =>
            {
                var p = JiraLookup.Project(ctx);
                return SandboxResponse.Ok(p.RoleActors.Keys.ToDictionary(id => SandboxStore.JiraRoleNames[id], id => RoleUrl(ctx, p, id)));
            });
            r.Jira("GET", "/project/{projectIdOrKey}/role/{id}", ctx => SandboxResponse.Ok(Role(ctx, JiraLookup.Project(ctx), RoleId(ctx))));
            r.Jira("POST", "/project/{projectIdOrKey}/role/{id}", AddActors);
            r.Jira("DELETE", "/project/{projectIdOrKey}/role/{id}", RemoveActor);
        }

        private static string RoleUrl(RequestContext ctx, ProjectRecord p, int roleId) => JiraJson.Api(ctx) + "/project/" + p.Id + "/role/" + roleId;

        private static Dictionary<string, object> Project(RequestContext ctx, ProjectRecord p)
        {
            var s = ctx.Store;
            UserRecord lead = null;
            if (p.LeadAccountId != null) s.UsersById.TryGetValue(p.LeadAccountId, out lead);
            return new Dictionary<string, object>
            {
                ["self"] = JiraJson.Api(ctx) + "/project/" + p.Id,
                ["id"] = p.Id,
                ["key"] = p.Key,
                ["name"] = p.Name,
                ["description"] = p.Description,
                ["projectTypeKey"] = p.ProjectTypeKey,
                ["simplified"] = false,
                ["style"] = "classic",
                ["isPrivate"] = false,
                // Seeded project WEB has no lead: null here (real Jira always has one; clients must cope).
                ["lead"] = lead == null ? null : JiraJson.User(ctx, lead),
                ["issueTypes"] = Workflow.IssueTypes.Select(t => new { id = t.id, name = t.name, subtask = false }).ToList(),
                ["roles"] = p.RoleActors.Keys.ToDictionary(id => SandboxStore.JiraRoleNames[id], id => RoleUrl(ctx, p, id)),
            };
        }

        private static SandboxResponse Search(RequestContext ctx)
        {
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            var keys = ctx.Query.List("keys");
            var query = ctx.Query.Get("query");
            IEnumerable<ProjectRecord> projects = ctx.Store.ProjectList
                .Where(p => (keys.Count == 0 || keys.Any(k => string.Equals(k, p.Key, StringComparison.OrdinalIgnoreCase) || k == p.Id))
                            && (string.IsNullOrEmpty(query) || p.Key.IndexOf(query, StringComparison.OrdinalIgnoreCase) >= 0 || p.Name.IndexOf(query, StringComparison.OrdinalIgnoreCase) >= 0));
            var orderBy = ctx.Query.Get("orderBy") ?? "key";
            bool desc = orderBy.StartsWith("-", StringComparison.Ordinal);
            Func<ProjectRecord, string> sortKey = orderBy.TrimStart('-', '+') == "name" ? (Func<ProjectRecord, string>)(p => p.Name) : p => p.Key;
            projects = desc ? projects.OrderByDescending(sortKey, StringComparer.OrdinalIgnoreCase) : projects.OrderBy(sortKey, StringComparer.OrdinalIgnoreCase);
            return SandboxResponse.Ok(JiraJson.PageBean(ctx, projects.ToList(), startAt, max, p => Project(ctx, p)));
        }

        private static int RoleId(RequestContext ctx)
        {
            if (!int.TryParse(ctx["id"], out var id) || !SandboxStore.JiraRoleNames.ContainsKey(id))
                throw JiraErrors.NotFound("Could not find project role with id '" + ctx["id"] + "'.");
            return id;
        }

        private static object Role(RequestContext ctx, ProjectRecord p, int roleId)
        {
            var s = ctx.Store;
            var actors = p.RoleActors[roleId].Select(a =>
            {
                if (a.IsGroup)
                {
                    var g = s.GroupsById[a.GroupId];
                    return (object)new
                    {
                        id = a.Id, displayName = g.Name, type = "atlassian-group-role-actor", name = g.Name,
                        actorGroup = new { name = g.Name, displayName = g.Name, groupId = g.Id },
                    };
                }
                var name = s.AccountsById.TryGetValue(a.AccountId, out var u) ? u.Name : a.AccountId;
                return new { id = a.Id, displayName = name, type = "atlassian-user-role-actor", actorUser = new { accountId = a.AccountId } };
            }).ToList();
            var roleName = SandboxStore.JiraRoleNames[roleId];
            return new
            {
                self = RoleUrl(ctx, p, roleId), name = roleName, id = roleId, description = "A project role that represents " + roleName.ToLowerInvariant() + " in a project",
                scope = new { type = "PROJECT", project = new { id = p.Id } }, actors,
            };
        }

        private static SandboxResponse AddActors(RequestContext ctx)
        {
            var s = ctx.Store;
            var p = JiraLookup.Project(ctx);
            int roleId = RoleId(ctx);
            var body = ctx.BodyObject();
            var toAdd = new List<(string accountId, string groupId)>();
            bool any = false;
            foreach (var (field, isGroup) in new[] { ("user", false), ("groupId", true), ("group", true) })
            {
                if (!body.TryGetProperty(field, out var arr) || arr.ValueKind == JsonValueKind.Null) continue;
                if (arr.ValueKind != JsonValueKind.Array) throw JiraErrors.BadRequest("'" + field + "' must be an array.");
                any = true;
                foreach (var item in arr.EnumerateArray())
                {
                    var value = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (!isGroup)
                    {
                        if (value == null || !s.UsersById.ContainsKey(value)) throw JiraErrors.NotFound("The user with account ID '" + value + "' does not exist.");
                        toAdd.Add((value, null));
                    }
                    else
                    {
                        var g = field == "groupId" ? (value != null && s.GroupsById.TryGetValue(value, out var byId) ? byId : null) : s.GroupByName(value);
                        if (g == null) throw JiraErrors.NotFound("The group '" + value + "' does not exist.");
                        toAdd.Add((null, g.Id));
                    }
                }
            }
            if (!any) throw JiraErrors.BadRequest("Specify actors with 'user', 'groupId' or 'group'.");
            var actors = p.RoleActors[roleId];
            foreach (var (accountId, groupId) in toAdd)
                // (unverified) an actor already in the role gives 400, as observed in practice.
                if (actors.Any(a => (accountId != null && a.AccountId == accountId) || (groupId != null && a.GroupId == groupId)))
                    throw JiraErrors.BadRequest(ctx.Options.JiraTerseErrors ? "Actor '" + (accountId ?? s.GroupsById[groupId].Name) + "' could not be added."
                        : "'" + (accountId ?? s.GroupsById[groupId].Name) + "' is already a member of the project role.");
            foreach (var (accountId, groupId) in toAdd) JiraSeeder.AddActor(s, p, roleId, accountId, groupId);
            return SandboxResponse.Ok(Role(ctx, p, roleId));
        }

        private static SandboxResponse RemoveActor(RequestContext ctx)
        {
            var s = ctx.Store;
            var p = JiraLookup.Project(ctx);
            int roleId = RoleId(ctx);
            var user = ctx.Query.Get("user");
            var groupId = ctx.Query.Get("groupId");
            var group = ctx.Query.Get("group");
            if (user == null && groupId == null && group == null) throw JiraErrors.BadRequest("Specify the actor with 'user', 'groupId' or 'group'.");
            if (group != null) groupId = s.GroupByName(group)?.Id ?? "";
            var actors = p.RoleActors[roleId];
            var actor = actors.FirstOrDefault(a => (user != null && a.AccountId == user) || (groupId != null && a.GroupId == groupId));
            if (actor == null) throw JiraErrors.NotFound(ctx.Options.JiraTerseErrors ? "Actor not found."
                : "The actor is not a member of the project role '" + SandboxStore.JiraRoleNames[roleId] + "'.");
            actors.Remove(actor);
            return SandboxResponse.NoContent();
        }
    }
}
