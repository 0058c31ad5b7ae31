using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Roles
{
    /// <summary>
    /// <para type="synopsis">Gets users' role assignments per workspace (product access and admin roles), direct or through a group.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianUserRole", SupportsPaging = true)]
    [OutputType(typeof(AtlassianUserRole))]
    public sealed class GetAtlassianUserRoleCommand : UserReadCmdlet
    {
        /// <summary>Only roles on this workspace (object, name, URL or ARI).</summary>
        [Parameter]
        [Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id")]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Only roles on this product (resource owner, e.g. jira, confluence, platform); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string Product { get; set; }

        /// <summary>Only these roles (e.g. atlassian/admin, or admin); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string Role { get; set; }

        /// <summary>Only roles granted to the user directly (not through a group).</summary>
        [Parameter]
        public SwitchParameter Direct { get; set; }

        private string _resourceId;
        private Func<string, bool> _product;
        private Func<string, bool> _role;
        private Dictionary<string, AtlassianWorkspace> _workspaces;

        protected override void Begin()
        {
            _ = OrgApi;
            var all = WorkspaceResolver.All(ActiveConnection, CancellationToken);
            // Assignments name the assignable ARI (ID-8887: not the jira-admin one the workspaces API may list).
            // A workspace listed without an id can't be matched to an assignment: left out of the names.
            _workspaces = all.Where(w => !string.IsNullOrEmpty(w.Id)).GroupBy(w => RoleTargets.AssignableId(w.Id), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            if (Workspace != null)
            {
                try { _resourceId = RoleTargets.AssignableId(WorkspaceResolver.Resolve(ActiveConnection, Workspace, string.IsNullOrEmpty(Product) || WildcardPattern.ContainsWildcardCharacters(Product) ? null : Product, CancellationToken).Id); }
                catch (ItemFailedException e) { Terminate(e, Workspace.ToString(), e.ErrorId, e.Category); }
            }
            _product = NameFilter.For(Product);
            var role = Role?.Trim();
            if (!string.IsNullOrEmpty(role) && role.IndexOf('/') < 0) role = "atlassian/" + role;
            _role = NameFilter.For(role);
        }

        protected override async Task<IEnumerable<object>> ReadAsync(AtlassianUser user, CancellationToken ct)
        {
            var directoryId = user.DirectoryId ?? "-";
            var result = new List<object>();
            foreach (var a in await Client.Paging.CursorStream.ToListAsync(OrgApi.ListUserRoleAssignments(OrgId, directoryId, user.AccountId, ct), ct).ConfigureAwait(false))
            {
                var product = a.ResourceOwner ?? ProductOf(a.ResourceId);
                if (_resourceId != null && !string.Equals(a.ResourceId, _resourceId, StringComparison.OrdinalIgnoreCase)) continue;
                if (!_product(product) || !_role(a.RoleId)) continue;
                if (Direct && a.Via != "Direct") continue;
                result.Add(new AtlassianUserRole
                {
                    AccountId = user.AccountId, Email = user.Email, UserName = user.Name, WorkspaceName = NameOf(a.ResourceId), Product = product,
                    ResourceId = a.ResourceId, RoleId = a.RoleId, Via = a.Via, GroupId = a.GroupId, DirectoryId = a.DirectoryId ?? user.DirectoryId,
                });
            }
            return result;
        }

        private string NameOf(string ari)
        {
            if (ari == null) return null;
            if (_workspaces.TryGetValue(ari, out var w)) return w.Name;
            // Platform resources (site admin, org admin) are not workspaces: name them after the site they belong to.
            var slash = ari.LastIndexOf('/');
            var site = slash >= 0 ? ari.Substring(slash + 1) : null;
            if (ari.IndexOf("::org/", StringComparison.OrdinalIgnoreCase) >= 0) return ActiveConnection.OrgName ?? "organization";
            var sameSite = _workspaces.Values.FirstOrDefault(x => x.SiteId == site);
            return sameSite?.Name ?? ari;
        }

        private static string ProductOf(string ari)
        {
            var parts = ari?.Split(':');
            return parts != null && parts.Length > 2 ? parts[2] : null;
        }
    }
}
