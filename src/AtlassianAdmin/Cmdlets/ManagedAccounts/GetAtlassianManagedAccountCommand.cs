using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>
    /// <para type="synopsis">Gets managed accounts' profiles and lifecycle state from the user management API.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianManagedAccount", SupportsPaging = true)]
    [OutputType(typeof(AtlassianManagedAccount))]
    public sealed class GetAtlassianManagedAccountCommand : UserReadCmdlet
    {
        private UserManagementClient _api;

        protected override void Begin() => _api = new UserManagementClient(OrgApi.Transport);

        protected override async Task<IEnumerable<object>> ReadAsync(AtlassianUser user, CancellationToken ct)
        {
            ManagedAccountSupport.RequireManaged(user);
            var account = await ManagedAccountSupport.Call(user, () => _api.GetProfileAsync(user.AccountId, ct)).ConfigureAwait(false);
            account.LifecycleState = user.Status ?? (account.AccountStatus == "inactive" ? "deactivated" : account.AccountStatus);
            if (string.IsNullOrEmpty(account.Email)) account.Email = user.Email;
            return new object[] { account };
        }
    }
}
