using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Removes users from the Jira site (DELETE /rest/api/3/user): they lose the site's Jira products; the Atlassian account stays.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianSiteUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianSiteUserCommand : ChangeCmdlet<UserRef>
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Remove without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        private SiteDirectory _site;

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi;
            _site = new SiteDirectory(ActiveConnection);
        }

        protected override UserRef Capture(PSObject item)
        {
            var (accountId, email) = UserInput.Parse(AccountId, Email, item?.BaseObject as string);
            return new UserRef { AccountId = accountId, Email = email };
        }

        protected override string DescribeInput(PSObject item, UserRef input) =>
            string.IsNullOrWhiteSpace(Email) ? (string.IsNullOrWhiteSpace(AccountId) ? item?.BaseObject?.ToString() : AccountId.Trim()) : Email.Trim();

        protected override async Task<PlannedChange> PlanAsync(UserRef input, CancellationToken ct)
        {
            var user = await _site.ResolveUserAsync(input.AccountId, input.Email, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Remove site user", Target = user.ToString(), Resource = ActiveConnection.SiteUrl.Host, AccountId = user.AccountId, Email = user.Email ?? input.Email };
            var (_, roles) = await JiraApi.GetUserApplicationRolesAsync(user.AccountId, ct).ConfigureAwait(false);
            if (roles == null || roles.Count == 0)
            {
                change.UnchangedReason = "has no Jira product on the site";
                return change;
            }
            change.Warning = "The user loses " + string.Join(", ", roles.Select(r => r.Name ?? r.Key)) + " on this site; the Atlassian account stays";
            change.Apply = t => JiraApi.RemoveUserFromSiteAsync(user.AccountId, t);
            return change;
        }
    }
}
