using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Lifecycle
{
    /// <summary>
    /// <para type="synopsis">Restores suspended users' access to the apps of a directory, with their groups and roles.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsData.Restore, "AtlassianDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RestoreAtlassianDirectoryUserCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        private readonly UserCapture _user;

        public RestoreAtlassianDirectoryUserCommand() => _user = new UserCapture(this);

        protected override UserRef Capture(PSObject item) => _user.Capture(AccountId, Email, DirectoryId, item);

        protected override string DescribeInput(PSObject item, UserRef input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Restore user", Target = UserCapture.Display(user), Resource = "directory " + input.DirectoryId, AccountId = user.AccountId, Email = user.Email };
            if (user.Status != "suspended" && user.MembershipStatus != "suspended")
            {
                change.UnchangedReason = $"not suspended (status {user.Status})";
                return change;
            }
            IdentityProvider.RequireNotOwned(user, "restore the user's access");
            change.Apply = async t =>
            {
                await OrgApi.RestoreUserAsync(OrgId, input.DirectoryId, user.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
