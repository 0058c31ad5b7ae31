using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Org;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>Jira's view of the directory groups (same ids as the org API): create/delete, bulk, members, picker.</summary>
    internal static class JiraGroupRoutes
    {
        public static void Register(Router r)
        {
            r.Jira("POST", "/group", Create);
            r.Jira("DELETE", "/group", Delete);
            r.Jira("GET", "/group/bulk", Bulk);
            r.Jira("GET", "/group/member", Members);
            r.Jira("POST", "/group/user", AddUser);
            r.Jira("DELETE", "/group/user", RemoveUser);
            r.Jira("GET", "/groups/picker", Picker);
        }

        private static object GroupWithUsers(RequestContext ctx, GroupRecord g) => new Dictionary<string, object>
        {
            ["name"] = g.Name,
            ["groupId"] = g.Id,
            ["self"] = JiraJson.Api(ctx) + "/group?groupId=" + g.Id,
            ["users"] = new Dictionary<string, object> { ["size"] = g.Members.Count, ["items"] = new object[0], ["max-results"] = 50, ["start-index"] = 0, ["end-index"] = 0 },
            ["expand"] = "users",
        };

        private static SandboxResponse Create(RequestContext ctx)
        {
            JiraLookup.RequireAdmin(ctx);
            var name = OrgLookup.OptionalString(ctx.BodyObject(), "name");
            if (string.IsNullOrWhiteSpace(name)) throw JiraErrors.Field("name", "You must specify a group name.");
            // (unverified) duplicate name → 400.
            if (ctx.Store.GroupByName(name) != null) throw JiraErrors.BadRequest("A group with name '" + name + "' already exists.");
            var g = ctx.Store.CreateGroup(name, null, ctx.Store.DirectoryId, false);
            ctx.Store.Record("group_created", (g.Id, "groups"));
            if (!ctx.Options.JiraCreateGroupNotReadBack) return SandboxResponse.Created(GroupWithUsers(ctx, g));
            g.NotYetListed = true;
            var withoutId = (Dictionary<string, object>)GroupWithUsers(ctx, g);
            withoutId.Remove("groupId");
            withoutId["self"] = JiraJson.Api(ctx) + "/group?groupname=" + Uri.EscapeDataString(g.Name);
            return SandboxResponse.Created(withoutId);
        }

        private static SandboxResponse Delete(RequestContext ctx)
        {
            JiraLookup.RequireAdmin(ctx);
            var g = JiraLookup.Group(ctx);
            if (g.ExternalSynced) throw JiraErrors.BadRequest("Group '" + g.Name + "' is managed by an external directory and cannot be deleted.");
            var swapId = ctx.Query.Get("swapGroupId");
            var swapName = ctx.Query.Get("swapGroup");
            var swap = swapId != null ? ctx.Store.GroupsById.TryGetValue(swapId, out var sg) ? sg : null : ctx.Store.GroupByName(swapName);
            if ((swapId != null || swapName != null) && swap == null) throw JiraErrors.NotFound("The swap group does not exist.");
            if (swap != null)
                foreach (var p in ctx.Store.ProjectList)
                    foreach (var actors in p.RoleActors.Values)
                        foreach (var a in actors.Where(a => a.GroupId == g.Id).ToList())
                        {
                            if (actors.Any(x => x.GroupId == swap.Id)) actors.Remove(a); else a.GroupId = swap.Id;
                        }
            ctx.Store.DeleteGroup(g);
            ctx.Store.Record("group_deleted", (g.Id, "groups"));
            return SandboxResponse.Ok(null);   // (unverified) 200 without a body
        }

        private static SandboxResponse Bulk(RequestContext ctx)
        {
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            var ids = ctx.Query.List("groupId");
            var names = ctx.Query.List("groupName");
            var groups = ctx.Store.GroupList.Where(g => !g.NotYetListed)
                .Where(g => (ids.Count == 0 && names.Count == 0) || ids.Contains(g.Id) || names.Any(n => string.Equals(n, g.Name, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
            return SandboxResponse.Ok(JiraJson.PageBean(ctx, groups, startAt, max, g => new { name = g.Name, groupId = g.Id }));
        }

        private static SandboxResponse Members(RequestContext ctx)
        {
            var s = ctx.Store;
            var g = JiraLookup.Group(ctx);
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            bool inactive = ctx.Bool(ctx.Query, "includeInactiveUsers") ?? false;
            var members = g.Members.Select(id => s.UsersById[id]).Where(u => inactive || u.IsActive).ToList();
            return SandboxResponse.Ok(JiraJson.PageBean(ctx, members, startAt, max, u => JiraJson.User(ctx, u)));
        }

        private static SandboxResponse AddUser(RequestContext ctx)
        {
            JiraLookup.RequireAdmin(ctx);
            var g = JiraLookup.Group(ctx);
            var accountId = OrgLookup.OptionalString(ctx.BodyObject(), "accountId");
            if (string.IsNullOrEmpty(accountId)) throw JiraErrors.BadRequest("You must specify the accountId of the user to add.");
            var u = JiraLookup.User(ctx, accountId);
            if (g.ExternalSynced) throw JiraErrors.BadRequest("Cannot add user. Group '" + g.Name + "' is managed by an external directory.");
            // Design choice (documented): an existing member gives 400 "already a member"; clients should treat it as success.
            if (g.MemberSet.Contains(u.AccountId))
                throw JiraErrors.BadRequest(ctx.Options.JiraTerseErrors ? "Cannot add user '" + u.AccountId + "' to group '" + g.Name + "'."
                    : "Cannot add user. User '" + u.AccountId + "' is already a member of '" + g.Name + "'.");
            foreach (var role in g.Roles)
                if (ctx.Store.SeatsExceeded(role.ResourceId, role.RoleId, new[] { u }))
                    throw JiraErrors.BadRequest("Cannot add user. The user limit of the product licence has been reached.");
            ctx.Store.AddMembership(g, u);
            ctx.Store.Record("user_added_to_group", (u.AccountId, "users"), (g.Id, "groups"));
            return SandboxResponse.Created(GroupWithUsers(ctx, g));
        }

        private static SandboxResponse RemoveUser(RequestContext ctx)
        {
            JiraLookup.RequireAdmin(ctx);
            var g = JiraLookup.Group(ctx);
            var u = JiraLookup.User(ctx, ctx.Query.Get("accountId"));
            if (g.ExternalSynced) throw JiraErrors.BadRequest("Cannot remove user. Group '" + g.Name + "' is managed by an external directory.");
            // (unverified) removing a non-member answers 200, like the org API's idempotent remove.
            if (ctx.Store.RemoveMembership(g, u)) ctx.Store.Record("user_removed_from_group", (u.AccountId, "users"), (g.Id, "groups"));
            return SandboxResponse.Ok(null);
        }

        private static SandboxResponse Picker(RequestContext ctx)
        {
            var query = ctx.Query.Get("query") ?? "";
            int max = ctx.Int(ctx.Query, "maxResults") ?? 20;
            var exclude = new HashSet<string>(ctx.Query.List("excludeId").Concat(ctx.Query.List("exclude")));
            bool ci = ctx.Bool(ctx.Query, "caseInsensitive") ?? true;
            var cmp = ci ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var matches = ctx.Store.GroupList
                .Where(g => g.Name.IndexOf(query, cmp) >= 0 && !exclude.Contains(g.Id) && !exclude.Contains(g.Name))
                .OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var shown = matches.Take(max).Select(g => new
            {
                name = g.Name,
                html = Highlight(g.Name, query, cmp),
                labels = new object[0],
                groupId = g.Id,
            }).ToList();
            return SandboxResponse.Ok(new { header = "Showing " + shown.Count + " of " + matches.Count + " matching groups", total = matches.Count, groups = shown });
        }

        private static string Highlight(string name, string query, StringComparison cmp)
        {
            int i = query.Length == 0 ? -1 : name.IndexOf(query, cmp);
            return i < 0 ? name : name.Substring(0, i) + "<b>" + name.Substring(i, query.Length) + "</b>" + name.Substring(i + query.Length);
        }
    }
}
