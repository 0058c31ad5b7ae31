using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>Shared checks of the managed-account cmdlets (user management API).</summary>
    internal static class ManagedAccountSupport
    {
        /// <summary>Fails early (also under -WhatIf) when the directory says the account is not managed by the org.</summary>
        public static void RequireManaged(AtlassianUser user)
        {
            if (string.Equals(user.ClaimStatus, "unmanaged", StringComparison.OrdinalIgnoreCase))
                throw NotManaged(user, null);
        }

        public static ItemFailedException NotManaged(AtlassianUser user, Exception inner) =>
            new ItemFailedException("AccountNotManaged", ErrorCategory.PermissionDenied,
                $"{UserCapture.Display(user)} can't be managed by this organization. {ErrorRecords.ManagedAccountForbidden}", inner);

        /// <summary>Deactivated or pending deletion (the account can't log in).</summary>
        public static bool IsDeactivated(AtlassianUser user) =>
            user.Status == "deactivated" || user.Status == "for_deletion" || string.Equals(user.AccountStatus, "inactive", StringComparison.OrdinalIgnoreCase);

        /// <summary>Runs a user management call, turning its 403 into the clear AccountNotManaged error.</summary>
        public static async Task<T> Call<T>(AtlassianUser user, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AtlassianApiException e) when (UserManagementClient.IsNotManageable(e))
            {
                throw NotManaged(user, e);
            }
        }

        public static Task Call(AtlassianUser user, Func<Task> call) => Call(user, async () => { await call().ConfigureAwait(false); return true; });

        /// <summary>
        /// Runs a user management call; on its 403 asks the account's manage privileges (<c>GET /users/{id}/manage?privileges=</c>)
        /// for the reason instead of guessing: an identity provider's restriction is <c>IdentityProviderOwnedUser</c>, another
        /// restriction <c>PrivilegeNotAllowed</c>; when the privileges can't be read either, the account is not manageable
        /// with this key (<c>AccountNotManaged</c>).
        /// </summary>
        public static async Task<T> Call<T>(UserManagementClient api, string privilege, AtlassianUser user, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AtlassianApiException e) when (UserManagementClient.IsNotManageable(e))
            {
                AtlassianManagePrivilege rule = null;
                try
                {
                    var rules = await api.GetPrivilegesAsync(user.AccountId, new[] { privilege }, System.Threading.CancellationToken.None).ConfigureAwait(false);
                    rule = rules.Find(r => !r.Allowed && (r.Privilege == privilege || r.Privilege.StartsWith(privilege + ".", StringComparison.Ordinal)));
                }
                catch (AtlassianApiException) { }
                if (rule == null) throw NotManaged(user, e);
                if (IdentityProvider.IsIdpReason(rule.Reason)) throw IdentityProvider.UserOwned(user, "make this change", rule.Reason);
                throw new ItemFailedException("PrivilegeNotAllowed", ErrorCategory.PermissionDenied,
                    $"{UserCapture.Display(user)}: Atlassian does not allow this key '{privilege}' on the account ({rule.Reason}).", e);
            }
        }

        public static Task Call(UserManagementClient api, string privilege, AtlassianUser user, Func<Task> call) =>
            Call(api, privilege, user, async () => { await call().ConfigureAwait(false); return true; });
    }
}
