using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>
    /// <para type="synopsis">Shows what this API key may do to managed accounts (GET /users/{id}/manage?privileges=), and why not where it may not.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianManagedAccountPermission", SupportsPaging = true)]
    [OutputType(typeof(AtlassianManagePrivilege))]
    public sealed class GetAtlassianManagedAccountPermissionCommand : UserReadCmdlet
    {
        /// <summary>Only these privileges, e.g. lifecycle.enablement, apiToken.delete (default: all the API reports).</summary>
        [Parameter]
        [ValidateSet("profile", "profile.write", "profile.read", "email.set", "lifecycle.enablement", "lifecycle.delete", "apiToken.read", "apiToken.delete", IgnoreCase = false)]
        public string[] Privilege { get; set; }

        private UserManagementClient _api;

        protected override void Begin() => _api = new UserManagementClient(OrgApi.Transport);

        protected override async Task<IEnumerable<object>> ReadAsync(AtlassianUser user, CancellationToken ct)
        {
            ManagedAccountSupport.RequireManaged(user);
            var rows = await ManagedAccountSupport.Call(user, () => _api.GetPrivilegesAsync(user.AccountId, Privilege, ct)).ConfigureAwait(false);
            foreach (var r in rows) r.Email = user.Email;
            return rows.Cast<object>().ToList();
        }
    }
}
