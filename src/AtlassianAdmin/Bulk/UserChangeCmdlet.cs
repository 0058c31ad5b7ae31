using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

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
            var (accountId, email) = UserInput.Parse(AccountId, Email, item?.BaseObject as string);
            return new UserRef { AccountId = accountId, Email = email, DirectoryId = ResolveDirectoryId(Clean(DirectoryId)) };
        }

        protected override string DescribeInput(PSObject item, TInput input) =>
            Clean(Email) ?? Clean(AccountId) ?? item?.BaseObject?.ToString();

        protected static string Display(AtlassianUser user) =>
            string.IsNullOrEmpty(user.Email) ? $"{user.Name} ({user.AccountId})" : $"{user.Name} <{user.Email}>";

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
