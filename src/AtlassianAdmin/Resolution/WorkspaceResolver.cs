using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Roles;
using AtlassianAdmin.Client.Roles;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Turns a workspace object, ARI, URL or name into a workspace. The org's workspace list is read once per
    /// connection and cached (it changes rarely); matching is the client's <see cref="WorkspaceMatch"/>.
    /// </summary>
    internal static class WorkspaceResolver
    {
        public static IReadOnlyList<AtlassianWorkspace> All(AtlassianConnection connection, CancellationToken ct, bool refresh = false)
        {
            var cached = connection.Cache.Workspaces;
            if (!refresh && cached != null) return cached;
            var list = connection.Org.ListWorkspaces(connection.OrgId, ct).ToList();
            connection.Cache.Workspaces = list;
            return list;
        }

        /// <summary>Resolves <paramref name="input"/> with the client's <see cref="WorkspaceMatch"/>; throws <see cref="ItemFailedException"/> (WorkspaceMissing / WorkspaceNotFound / AmbiguousWorkspace / WorkspaceWithoutId).</summary>
        public static AtlassianWorkspace Resolve(AtlassianConnection connection, WorkspacePipeBind input, string product, CancellationToken ct)
        {
            var text = input?.Text;
            if (input?.Workspace == null && string.IsNullOrEmpty(text))
                throw new ItemFailedException("WorkspaceMissing", ErrorCategory.InvalidArgument, "No workspace was given. Use -Workspace with a name, URL or ARI from Get-AtlassianWorkspace.");
            try
            {
                var workspace = input?.Workspace ?? WorkspaceMatch.Find(All(connection, ct), text, product, connection.OrgId);
                RoleTargets.RequireId(workspace); // the readers compare its ARI: never a null id
                return workspace;
            }
            catch (RoleRuleException e) { throw RoleRules.ToItemFailed(e); }
        }
    }
}
