using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Lifecycle
{
    /// <summary>
    /// <para type="synopsis">Suspends users' access to every app of a directory; groups and roles are kept.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsLifecycle.Suspend, "AtlassianDirectoryUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SuspendAtlassianDirectoryUserCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Suspend without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private readonly UserCapture _user;

        public SuspendAtlassianDirectoryUserCommand() => _user = new UserCapture(this);

        protected override UserRef Capture(PSObject item) => _user.Capture(AccountId, Email, DirectoryId, item);

        protected override string DescribeInput(PSObject item, UserRef input) => UserCapture.Describe(AccountId, Email, item);

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Suspend user", Target = UserCapture.Display(user), Resource = "directory " + input.DirectoryId, AccountId = user.AccountId, Email = user.Email };
            if (user.Status == "suspended" || user.MembershipStatus == "suspended")
            {
                change.UnchangedReason = "already suspended";
                return change;
            }
            IdentityProvider.RequireNotOwned(user, "suspend the user");
            change.Apply = async t =>
            {
                await OrgApi.SuspendUserAsync(OrgId, input.DirectoryId, user.AccountId, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }
    }
}
