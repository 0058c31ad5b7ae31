using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Roles
{
    /// <summary>
    /// The cmdlets' door to the client's role rules (<see cref="RoleCatalog"/>, <see cref="RoleTargets"/>): it reads the
    /// connection's workspace list when a rule needs it and turns a <see cref="RoleRuleException"/> into the item's
    /// error, with the stable ErrorId (the code's name), its category and the PowerShell hint.
    /// </summary>
    internal static class RoleRules
    {
        /// <summary>The role id for <paramref name="text"/>; see <see cref="RoleCatalog.Normalize"/>.</summary>
        public static string Normalize(string text, RoleHolder holder)
        {
            try { return RoleCatalog.Normalize(text, holder); }
            catch (RoleRuleException e) { throw ToItemFailed(e, holder); }
        }

        /// <summary>Where <paramref name="role"/> (normalized) goes on <paramref name="workspace"/>; see <see cref="RoleTargets.Resolve"/>.</summary>
        public static RoleTarget Target(AtlassianConnection connection, WorkspacePipeBind workspace, string product, string role, RoleHolder holder, CancellationToken ct)
        {
            try
            {
                return RoleTargets.Resolve(role, holder, workspace?.Workspace, workspace?.Text, product,
                    () => WorkspaceResolver.All(connection, ct), connection.OrgId, connection.OrgName);
            }
            catch (RoleRuleException e) { throw ToItemFailed(e, holder); }
        }

        /// <summary>The item error for a broken rule: ErrorId is the code's name (RoleMissing, UnknownRole, …), as before the rules moved to the client.</summary>
        public static ItemFailedException ToItemFailed(RoleRuleException e, RoleHolder holder = RoleHolder.User)
        {
            var category = e.Code == RoleRuleError.WorkspaceNotFound ? ErrorCategory.ObjectNotFound
                : e.Code == RoleRuleError.WorkspaceWithoutId ? ErrorCategory.InvalidData : ErrorCategory.InvalidArgument;
            return new ItemFailedException(e.Code.ToString(), category, e.Message + Hint(e.Code, holder), e);
        }

        private static string Hint(RoleRuleError code, RoleHolder holder)
        {
            switch (code)
            {
                case RoleRuleError.RoleMissing: return " Use -Role with one of: " + string.Join(", ", RoleCatalog.Valid(holder)) + ".";
                case RoleRuleError.WorkspaceMissing: return " Give -Workspace (a name, URL or ARI from Get-AtlassianWorkspace) or a workspace/site column.";
                case RoleRuleError.AmbiguousWorkspace: return " Add -Product or give the ARI.";
                case RoleRuleError.WorkspaceWithoutId: return " Pass a workspace as Get-AtlassianWorkspace writes it (an object built by hand or imported from a file may lack Id), or give -Workspace as its name, URL or ARI (ari:cloud:<product>::site/<siteId>).";
                case RoleRuleError.InvalidRoleForResource when holder == RoleHolder.Group: return " Grant it to each admin with Grant-AtlassianUserRole -Role org-admin.";
                default: return "";
            }
        }
    }
}
