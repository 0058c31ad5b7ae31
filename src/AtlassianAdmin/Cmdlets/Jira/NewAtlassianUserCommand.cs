using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Creates users on the Jira site by email (POST /user) with product access; existing users with access are Unchanged.</para>
    /// </summary>
    /// <remarks>Writes the created (or already existing) JiraUser; with -PassThru one AtlassianChangeResult per item instead.</remarks>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.New, "AtlassianUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(JiraUser), typeof(AtlassianChangeResult))]
    public sealed class NewAtlassianUserCommand : ChangeCmdlet<NewAtlassianUserCommand.NewUser>
    {
        private static readonly string[] Products = { "jira-software", "jira-core", "jira-servicedesk", "jira-product-discovery" };

        /// <summary>Email of the new user. Binds from Email/EmailAddress/mail columns.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Products to give access to (default jira-software). Use -Product @() for an account without product access.</summary>
        [Parameter]
        [ValidateSet("jira-software", "jira-core", "jira-servicedesk", "jira-product-discovery", IgnoreCase = true)]
        [AllowEmptyCollection]
        public string[] Product { get; set; } = { "jira-software" };

        protected override void Begin()
        {
            base.Begin();
            _ = JiraApi;
        }

        protected override NewUser Capture(PSObject item)
        {
            var email = string.IsNullOrWhiteSpace(Email) ? (item?.BaseObject as string)?.Trim() : Email.Trim();
            if (string.IsNullOrEmpty(email))
                throw new ItemFailedException("UserIdentityMissing", ErrorCategory.InvalidArgument, "The input has no email. Give -Email or pipe rows with an email column.");
            if (!UserInput.IsPlausibleEmail(email)) throw new ItemFailedException("InvalidEmail", ErrorCategory.InvalidArgument, UserInput.BadEmail(email).Message);
            return new NewUser { Email = email };
        }

        protected override string DescribeInput(PSObject item, NewUser input) => string.IsNullOrWhiteSpace(Email) ? item?.BaseObject?.ToString() : Email.Trim();

        protected override async Task<PlannedChange> PlanAsync(NewUser input, CancellationToken ct)
        {
            var email = input.Email;
            var jira = ActiveConnection.Jira;
            var products = (Product ?? Array.Empty<string>()).Select(p => Products.First(x => x.Equals(p, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            var change = new PlannedChange
            {
                Action = "Create site user", Target = email, Email = email,
                Resource = ActiveConnection.SiteUrl.Host + (products.Count > 0 ? " (" + string.Join(", ", products) + ")" : " (no product access)"),
            };
            var existing = await jira.FindUserByEmailAsync(email, ct).ConfigureAwait(false);
            if (existing != null)
            {
                change.AccountId = existing.AccountId;
                change.Target = ProjectRoleChanges.Display(existing);
                change.UnchangedReason = "already a user of the site with Jira access";
                input.User = existing;
                return change;
            }
            change.Apply = async t =>
            {
                try
                {
                    var created = await jira.CreateUserAsync(email, products, t).ConfigureAwait(false);
                    change.AccountId = created?.AccountId;
                    input.User = created;
                    if (created != null) ActiveConnection.Cache.AccountIdByEmail[email] = created.AccountId;
                    return true;
                }
                catch (AtlassianApiException e) when (e.Status == 400 && e.Errors.Any(x => (x.Detail ?? "").IndexOf("exist", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    throw new ItemFailedException("UserExistsWithoutAccess", ErrorCategory.ResourceExists,
                        $"The account {email} already exists but has no access to Jira on this site; POST /user cannot grant it. Give it product access in admin.atlassian.com (or add it to a group with Jira access). Jira said: {e.Errors.First().Detail}", e);
                }
            };
            return change;
        }

        /// <summary>Without -PassThru the user the row stands for is written: the created one, or the one that already had access.</summary>
        protected override void OnReported(NewUser input, PlannedChange change, AtlassianChangeResult result)
        {
            if (!PassThru && input?.User != null && (result.Outcome == ChangeOutcome.Changed || result.Outcome == ChangeOutcome.Unchanged))
                WriteObject(input.User);
        }

        /// <summary>One email of the invocation, and the site user it ends up as.</summary>
        public sealed class NewUser
        {
            public string Email { get; set; }
            internal JiraUser User { get; set; }
            public override string ToString() => Email;
        }
    }
}
