using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Base;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>Shared checks of the managed-account cmdlets (user management API).</summary>
    internal static class ManagedAccountSupport
    {
        public static string Display(AtlassianUser user) =>
            string.IsNullOrEmpty(user.Email) ? $"{user.Name} ({user.AccountId})" : $"{user.Name} <{user.Email}>";

        /// <summary>Fails early (also under -WhatIf) when the directory says the account is not managed by the org.</summary>
        public static void RequireManaged(AtlassianUser user)
        {
            if (string.Equals(user.ClaimStatus, "unmanaged", StringComparison.OrdinalIgnoreCase))
                throw NotManaged(user, null);
        }

        public static ItemFailedException NotManaged(AtlassianUser user, Exception inner) =>
            new ItemFailedException("AccountNotManaged", ErrorCategory.PermissionDenied,
                $"{Display(user)} can't be managed by this organization. {ErrorRecords.ManagedAccountForbidden}", inner);

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
    }
}
