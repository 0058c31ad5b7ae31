using System.Management.Automation;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>
    /// A lifecycle change to managed accounts (user management API, same host and key as the org API): users as in
    /// <see cref="UserChangeCmdlet{TInput}"/>; the client is created on the pipeline thread at the first item so a
    /// site-only connection fails clearly before anything is planned.
    /// </summary>
    public abstract class ManagedAccountChangeCmdlet<TInput> : UserChangeCmdlet<TInput> where TInput : class
    {
        private UserManagementClient _api;

        protected UserManagementClient Api => _api ?? (_api = new UserManagementClient(OrgApi.Transport));
    }

    /// <summary>A managed-account change whose item is just the user.</summary>
    public abstract class ManagedAccountUserChangeCmdlet : ManagedAccountChangeCmdlet<UserRef>
    {
        protected override UserRef Capture(PSObject item)
        {
            _ = Api;
            return CaptureUser(item);
        }
    }
}
