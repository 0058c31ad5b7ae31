using System;
using System.Management.Automation;
using AtlassianAdmin.Base;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// A state-changing cmdlet whose items are users: given as user objects (from Get-AtlassianUser), by -AccountId or by
    /// -Email (CSV-friendly aliases), or as plain strings on the pipeline (an email when it contains '@', else an accountId).
    /// accountId wins when both are present.
    /// </summary>
    public abstract class UserChangeCmdlet<TInput> : ChangeCmdlet<TInput> where TInput : class
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        private UserResolver _resolver;

        /// <summary>The invocation's batched user resolver.</summary>
        protected UserResolver Users => _resolver ?? (_resolver = new UserResolver(OrgApi, OrgId, ActiveConnection.Cache));

        /// <summary>Reads and validates the user of the current record. Throws <see cref="ItemFailedException"/> for bad input.</summary>
        protected UserRef CaptureUser(PSObject item)
        {
            var accountId = Clean(AccountId);
            var email = Clean(Email);
            if (accountId == null && email == null && item?.BaseObject is string s && !string.IsNullOrWhiteSpace(s))
            {
                if (s.Contains("@")) email = s.Trim(); else accountId = s.Trim();
            }
            if (accountId == null && email == null)
                throw new ItemFailedException("UserIdentityMissing", ErrorCategory.InvalidArgument,
                    "The input has neither an AccountId nor an Email. Give -AccountId or -Email, or pipe objects/CSV rows with one of those columns.");
            if (accountId != null && !UserInput.IsValidAccountId(accountId))
                throw new ItemFailedException("InvalidAccountId", ErrorCategory.InvalidArgument, UserInput.BadAccountId(accountId).Message);
            if (accountId == null && !UserInput.IsPlausibleEmail(email))
                throw new ItemFailedException("InvalidEmail", ErrorCategory.InvalidArgument, UserInput.BadEmail(email).Message);
            return new UserRef { AccountId = accountId, Email = email, DirectoryId = ResolveDirectoryId(Clean(DirectoryId)) };
        }

        protected override string DescribeInput(PSObject item, TInput input) =>
            Clean(Email) ?? Clean(AccountId) ?? item?.BaseObject?.ToString();

        protected static string Display(AtlassianUser user) =>
            string.IsNullOrEmpty(user.Email) ? $"{user.Name} ({user.AccountId})" : $"{user.Name} <{user.Email}>";

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
