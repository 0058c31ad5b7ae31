using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Paging;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Directory groups: search/list/get/count/stats, create/delete, memberships (v2 + deprecated v1).</summary>
    internal static class GroupRoutes
    {
        private const string Dir = "/admin/v2/orgs/{orgId}/directories/{directoryId}";
        private const string V1 = "/admin/v1/orgs/{orgId}";

        public static void Register(Router r)
        {
            r.Admin("POST", Dir + "/groups/search", ctx => Search(ctx, ctx.BodyParams()));
            r.Admin("GET", Dir + "/groups", ctx => Search(ctx, ctx.Query));                // deprecated list
            r.Admin("GET", Dir + "/groups/count", ctx => SandboxResponse.Ok(new { count = ctx.Store.GroupList.Count(Filter(ctx, ctx.Query)) }));
            r.Admin("GET", Dir + "/groups/stats", Stats);
            r.Admin("GET", Dir + "/groups/{groupId}", ctx => SandboxResponse.Ok(new { data = OrgJson.Group(ctx.Store, OrgLookup.Group(ctx), null) }));
            r.Admin("POST", Dir + "/groups", ctx =>
            {
                var g = Create(ctx);
                // (unverified) docs only say 2xx (jira.js: void); 201 with the new group is the most plausible.
                switch (ctx.Options.CreateGroupAnswer)
                {
                    case CreateGroupAnswer.BareGroup: return SandboxResponse.Created(OrgJson.Group(ctx.Store, g, null));
                    case CreateGroupAnswer.NoContent: return SandboxResponse.NoContent();
                    case CreateGroupAnswer.NoContentNotListedYet: g.NotYetListed = true; return SandboxResponse.NoContent();
                    default: return SandboxResponse.Created(new { data = OrgJson.Group(ctx.Store, g, null) });
                }
            });
            r.Admin("DELETE", Dir + "/groups/{groupId}", Delete);
            r.Admin("POST", Dir + "/groups/{groupId}/memberships", ctx => { AddMember(ctx, "accountId"); return SandboxResponse.NoContent(); });
            r.Admin("DELETE", Dir + "/groups/{groupId}/memberships/{accountId}", ctx => { RemoveMember(ctx); return SandboxResponse.NoContent(); });

            r.Admin("POST", V1 + "/groups/search", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/groups/search", ctx => Search(ctx, ctx.BodyParams())));
            r.Admin("POST", V1 + "/directory/groups", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/groups", ctx =>
            {
                var g = Create(ctx);
                return SandboxResponse.Created(new { id = g.Id, name = g.Name }); // (unverified) v1 create response
            }));
            r.Admin("DELETE", V1 + "/directory/groups/{groupId}", RemovedEndpoints.V1("DELETE /v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}", Delete));
            // v1 membership bodies are snake_case ({"account_id":...}) and answered 200 {"message"}.
            r.Admin("POST", V1 + "/directory/groups/{groupId}/memberships", RemovedEndpoints.V1("POST /v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships",
                ctx => { AddMember(ctx, "account_id"); return SandboxResponse.Ok(OrgJson.Message("User added to group")); }));
            r.Admin("DELETE", V1 + "/directory/groups/{groupId}/memberships/{accountId}", RemovedEndpoints.V1("DELETE /v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}",
                ctx => { RemoveMember(ctx); return SandboxResponse.Ok(OrgJson.Message("User removed from group")); }));
        }

        private static SandboxResponse Search(RequestContext ctx, ParamBag bag)
        {
            var s = ctx.Store;
            var req = CursorPager.Resolve(bag, ctx.Options, cursorIsPositionOnly: ctx.Method == "POST" && ctx.Options.SearchCursorIsPositionOnly);
            var expand = OrgLookup.Expand(req.Params);
            if (ctx.Bool(req.Params, "counts") == true) { expand.Add("counts.users"); expand.Add("counts.resources"); }
            var page = CursorPager.Page(req, s.GroupList, i => s.GroupList[i].Seq, Filter(ctx, req.Params));
            return SandboxResponse.Ok(OrgJson.List(page, g => OrgJson.Group(s, g, expand)));
        }

        private static Func<GroupRecord, bool> Filter(RequestContext ctx, ParamBag p)
        {
            var s = ctx.Store;
            var dir = OrgLookup.Directory(ctx);
            var term = p.Get("searchTerm");
            var ids = new HashSet<string>(p.List("groupIds"));
            var names = new HashSet<string>(p.List("groupNames"), StringComparer.OrdinalIgnoreCase);
            var accountIds = p.List("accountIds");
            var dirs = new HashSet<string>(p.List("directoryIds"));
            var roleIds = new HashSet<string>(p.List("roleIds"));
            var resourceIds = new HashSet<string>(p.List("resourceIds"));
            var owners = new HashSet<string>(p.List("resourceOwners"));
            return g => !g.NotYetListed
                && (dir == "-" || g.DirectoryId == dir)
                && (dirs.Count == 0 || dirs.Contains(g.DirectoryId))
                && (string.IsNullOrEmpty(term) || g.Name.IndexOf(term, StringComparison.OrdinalIgnoreCase) >= 0)
                && (ids.Count == 0 || ids.Contains(g.Id))
                && (names.Count == 0 || names.Contains(g.Name))
                && (accountIds.Count == 0 || accountIds.Any(g.MemberSet.Contains))
                && (roleIds.Count == 0 || g.Roles.Any(r => roleIds.Contains(r.RoleId)))
                && (resourceIds.Count == 0 || g.Roles.Any(r => resourceIds.Contains(r.ResourceId)))
                && (owners.Count == 0 || g.Roles.Any(r => owners.Contains(s.Resource(r.ResourceId)?.Owner ?? "")));
        }

        private static SandboxResponse Stats(RequestContext ctx)
        {
            var groups = ctx.Store.GroupList.Where(Filter(ctx, new ParamBag())).ToList();
            // jira.js multiDirectoryGroupStats: {types: [{type: TEAM|GROUP|USERBASE_GROUP, count}], totals: {all, synced, managed}}.
            // Every sandbox group is a plain GROUP; "managed" = managed by an external source (managedBy external).
            return SandboxResponse.Ok(new
            {
                types = groups.Count == 0 ? new List<object>() : new List<object> { new { type = "GROUP", count = groups.Count } },
                totals = new { all = groups.Count, synced = groups.Count(g => g.ExternalSynced), managed = groups.Count(g => g.ManagedBy == "external") },
            });
        }

        private static GroupRecord Create(RequestContext ctx)
        {
            var body = ctx.BodyObject();
            var name = OrgLookup.RequiredString(ctx, body, "name");
            var dir = OrgLookup.TargetDirectory(ctx);
            if (ctx.Store.GroupList.Any(g => g.DirectoryId == dir && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
                // (unverified) 409 for duplicates is documented for SCIM groups; assumed here.
                throw AdminErrors.Fail(409, "ADMIN-UAM-409-2", "Resource Conflicts", "A group named '" + name + "' already exists in this directory.");
            var g = ctx.Store.CreateGroup(name, OrgLookup.OptionalString(body, "description"), dir, false);
            ctx.Store.Record("group_created", (g.Id, "groups"));
            return g;
        }

        private static SandboxResponse Delete(RequestContext ctx)
        {
            var g = OrgLookup.Group(ctx);
            if (g.ExternalSynced)
                throw AdminErrors.Fail(403, "ADMIN-403-5", "Not allowed to manage the group",
                    "Group '" + g.Name + "' is synced from an external identity provider; delete it there.");
            ctx.Store.DeleteGroup(g);
            ctx.Store.Record("group_deleted", (g.Id, "groups"));
            return SandboxResponse.NoContent();
        }

        private static void AddMember(RequestContext ctx, string accountField)
        {
            var g = OrgLookup.Group(ctx);
            var accountId = OrgLookup.RequiredString(ctx, ctx.BodyObject(), accountField);
            var u = GroupMember(ctx, g, accountId);
            CheckSynced(g);
            if (g.MemberSet.Contains(u.AccountId)) return;      // idempotent
            foreach (var role in g.Roles)
                if (ctx.Store.SeatsExceeded(role.ResourceId, role.RoleId, new[] { u }))
                    throw RoleRoutes.LicenceLimit(role.ResourceId);
            ctx.Store.AddMembership(g, u);
            ctx.Store.Record("user_added_to_group", (u.AccountId, "users"), (g.Id, "groups"));
        }

        private static void RemoveMember(RequestContext ctx)
        {
            var g = OrgLookup.Group(ctx);
            var u = GroupMember(ctx, g, ctx["accountId"]);
            CheckSynced(g);
            // (unverified) removing a non-member is treated as success (204), like the real API's idempotent deletes.
            if (ctx.Store.RemoveMembership(g, u))
                ctx.Store.Record("user_removed_from_group", (u.AccountId, "users"), (g.Id, "groups"));
        }

        /// <summary>The user must be in the group's directory (Atlassian KB: otherwise 404 "User not found").</summary>
        private static UserRecord GroupMember(RequestContext ctx, GroupRecord g, string accountId)
        {
            if (!ctx.Store.UsersById.TryGetValue(accountId, out var u) || !u.DirectoryIds.Contains(g.DirectoryId))
                throw AdminErrors.UserNotFound();
            return u;
        }

        private static void CheckSynced(GroupRecord g)
        {
            if (g.ExternalSynced)
                throw AdminErrors.Fail(403, "ADMIN-403-5", "Not allowed to manage the group",
                    "Group '" + g.Name + "' is synced from an external identity provider (SCIM); change its membership in the identity provider.");
        }
    }
}
