using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>Resolves path parameters to records, answering the documented 404s.</summary>
    internal static class OrgLookup
    {
        /// <summary>The {directoryId} path value ("-" = all directories); v1 routes have none and mean all.</summary>
        public static string Directory(RequestContext ctx) => ctx["directoryId"] ?? "-";

        public static UserRecord User(RequestContext ctx, string accountId = null)
        {
            accountId = accountId ?? ctx["accountId"];
            var dir = Directory(ctx);
            if (accountId == null || !ctx.Store.UsersById.TryGetValue(accountId, out var u) || (dir != "-" && !u.DirectoryIds.Contains(dir)))
                throw AdminErrors.UserNotFound();
            return u;
        }

        public static GroupRecord Group(RequestContext ctx, string groupId = null)
        {
            groupId = groupId ?? ctx["groupId"];
            var dir = Directory(ctx);
            if (groupId == null || !ctx.Store.GroupsById.TryGetValue(groupId, out var g) || (dir != "-" && g.DirectoryId != dir))
                throw AdminErrors.GroupNotFound();
            return g;
        }

        /// <summary>"expand" values from a bag (array or comma list).</summary>
        public static HashSet<string> Expand(ParamBag bag) => new HashSet<string>(bag.List("expand"));

        /// <summary>Directory a new thing goes into: the path's, or the primary one for "-".</summary>
        public static string TargetDirectory(RequestContext ctx)
        {
            var dir = Directory(ctx);
            return dir == "-" ? ctx.Store.DirectoryId : dir;
        }

        public static string RequiredString(RequestContext ctx, System.Text.Json.JsonElement body, params string[] names)
        {
            foreach (var n in names)
                if (body.TryGetProperty(n, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String && v.GetString().Length > 0)
                    return v.GetString();
            throw ctx.BadRequest("'" + names[0] + "' is required.");
        }

        public static string OptionalString(System.Text.Json.JsonElement body, params string[] names)
        {
            foreach (var n in names)
                if (body.TryGetProperty(n, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String)
                    return v.GetString();
            return null;
        }

        public static List<string> StringArray(RequestContext ctx, System.Text.Json.JsonElement body, string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == System.Text.Json.JsonValueKind.Null) return new List<string>();
            if (v.ValueKind != System.Text.Json.JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != System.Text.Json.JsonValueKind.String))
                throw ctx.BadRequest("'" + name + "' must be an array of strings.");
            return v.EnumerateArray().Select(e => e.GetString()).ToList();
        }
    }
}
