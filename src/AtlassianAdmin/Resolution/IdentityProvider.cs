using System;
using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Users and groups an identity provider owns. A REST change to them is undone at the IdP's next sync, so cmdlets fail
    /// such items (before sending anything) with an error that says where the change must be made.
    /// Users: <c>managementSource: synced</c> ("provisioned from an identity provider", jira.js multiDirectoryUser), or the
    /// user management API's reason key <c>externalDirectory.scim</c> / <c>externalDirectory.google</c>. Groups:
    /// <c>externalSynced: true</c>.
    /// </summary>
    public static class IdentityProvider
    {
        public const string UserErrorId = "IdentityProviderOwnedUser";

        public static bool Owns(AtlassianUser user) => user != null && string.Equals(user.ManagementSource, "synced", StringComparison.OrdinalIgnoreCase);

        public static bool IsIdpReason(string reasonKey) =>
            reasonKey != null && reasonKey.StartsWith("externalDirectory", StringComparison.OrdinalIgnoreCase);

        /// <summary>The error for a change to an IdP-provisioned user; <paramref name="what"/> names the change ("suspend the user").</summary>
        public static ItemFailedException UserOwned(AtlassianUser user, string what, string reasonKey = null) =>
            new ItemFailedException(UserErrorId, ErrorCategory.PermissionDenied,
                $"{Describe(user)} is provisioned by your identity provider{(reasonKey == null ? " (SCIM)" : " (" + reasonKey + ")")}: {what} in the identity provider " +
                "(Entra ID, Okta, Google…), not here. A change made through the Atlassian API would be undone at the next sync.");

        /// <summary>Throws <see cref="UserOwned"/> when the IdP owns the user.</summary>
        public static void RequireNotOwned(AtlassianUser user, string what)
        {
            if (Owns(user)) throw UserOwned(user, what);
        }

        private static string Describe(AtlassianUser u) =>
            string.IsNullOrEmpty(u?.Email) ? $"{u?.Name} ({u?.AccountId})" : $"{u.Name} <{u.Email}>";
    }
}
