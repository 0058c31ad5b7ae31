using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Shows the Jira site's licences without an organization key: seats per product, or which users hold which product.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.Get, "AtlassianSiteLicense", DefaultParameterSetName = SummarySet, SupportsPaging = true)]
    [OutputType(typeof(JiraApplicationRole), ParameterSetName = new[] { SummarySet })]
    [OutputType(typeof(JiraSiteLicense), ParameterSetName = new[] { UsersSet, AllUsersSet })]
    public sealed class GetAtlassianSiteLicenseCommand : AtlassianConnectedCmdlet
    {
        private const string SummarySet = "Summary";
        private const string UsersSet = "Users";
        private const string AllUsersSet = "AllUsers";
        private const int Concurrency = 8;

        /// <summary>These users' products (from Get-AtlassianUser -Site, CSV rows, strings; a value with '@' is an email).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UsersSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        public string[] AccountId { get; set; }

        /// <summary>The pipeline item: PowerShell would otherwise bind an object without an AccountId as its text (a group's
        /// or project's name read as an accountId); such an object is read for its Email, or refused.</summary>
        [Parameter(ParameterSetName = UsersSet, ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>Every user of the site with the products they hold (one read per user, 8 at a time).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllUsersSet)]
        public SwitchParameter AllUsers { get; set; }

        /// <summary>Also rows for users holding no product (Product empty).</summary>
        [Parameter(ParameterSetName = UsersSet)]
        [Parameter(ParameterSetName = AllUsersSet)]
        public SwitchParameter IncludeUnlicensed { get; set; }

        /// <summary>With -AllUsers, also app and customer accounts (default: Atlassian accounts only).</summary>
        [Parameter(ParameterSetName = AllUsersSet)]
        public SwitchParameter IncludeApps { get; set; }

        private readonly List<string> _ids = new List<string>();

        protected override void Process()
        {
            _ = JiraApi;
            if (ParameterSetName != UsersSet) return;
            var ids = AccountId;
            if (InputObject != null && !(InputObject.BaseObject is string) && !HasAny(InputObject, "AccountId"))
            {
                var email = HasAny(InputObject, "Email") ? Property(InputObject, "Email") : null;
                if (string.IsNullOrWhiteSpace(email))
                {
                    WriteItemError(new ArgumentException(InputObject.BaseObject is AtlassianGroup || InputObject.BaseObject is JiraGroup
                        ? "The input is a group, not a user: pipe it through Get-AtlassianUser (its members) first."
                        : "The input has neither an AccountId nor an Email. Pipe users (Get-AtlassianUser -Site), rows with an accountId or email column, or strings."),
                        InputObject, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                    return;
                }
                ids = new[] { email };
            }
            foreach (var id in ids ?? Array.Empty<string>())
                if (!string.IsNullOrWhiteSpace(id)) _ids.Add(id.Trim());
        }

        /// <summary>The object's first non-empty value of the concept or one of its vocabulary aliases.</summary>
        private static string Property(PSObject o, string concept) =>
            new[] { concept }.Concat(Resolution.ParameterVocabulary.Aliases[concept]).Select(n => o.Properties[n]?.Value?.ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        private static bool HasAny(PSObject o, string concept) => new[] { concept }.Concat(Resolution.ParameterVocabulary.Aliases[concept]).Any(n => o.Properties[n] != null);

        protected override void End()
        {
            if (ParameterSetName == SummarySet)
            {
                foreach (var role in Await(JiraApi.ListApplicationRolesAsync(CancellationToken))) if (!WritePaged(role)) break;
                return;
            }
            IEnumerable<string> ids = _ids;
            if (AllUsers)
                ids = JiraApi.ListUsers(CancellationToken).Where(u => IncludeApps || string.Equals(u.AccountType, "atlassian", StringComparison.OrdinalIgnoreCase)).Select(u => u.AccountId);
            // Reads run 8 at a time; rows are written in input order, a window at a time.
            var window = new List<(string Id, Task<(JiraUser User, List<JiraApplicationRole> Roles)> Read)>();
            var gate = new SemaphoreSlim(Concurrency);
            foreach (var id in ids)
            {
                var accountId = id;
                window.Add((accountId, Task.Run(async () =>
                {
                    await gate.WaitAsync(CancellationToken).ConfigureAwait(false);
                    try { return await ReadAsync(accountId).ConfigureAwait(false); }
                    finally { gate.Release(); }
                }, CancellationToken)));
                if (window.Count >= 64) Drain(window);
            }
            Drain(window);
        }

        /// <summary>One user's products; a plain string with '@' is an email, found as Get-AtlassianUser -Site finds it.</summary>
        private async Task<(JiraUser User, List<JiraApplicationRole> Roles)> ReadAsync(string idOrEmail)
        {
            var accountId = idOrEmail;
            if (idOrEmail.Contains("@"))
            {
                var user = await new AtlassianAdmin.Jira.SiteDirectory(ActiveConnection).FindByEmailAsync(idOrEmail, CancellationToken).ConfigureAwait(false);
                if (user == null) return (null, new List<JiraApplicationRole>());
                accountId = user.AccountId;
            }
            return await JiraApi.GetUserApplicationRolesAsync(accountId, CancellationToken).ConfigureAwait(false);
        }

        private void Drain(List<(string Id, Task<(JiraUser User, List<JiraApplicationRole> Roles)> Read)> window)
        {
            foreach (var (id, read) in window)
            {
                (JiraUser User, List<JiraApplicationRole> Roles) result;
                try { result = Await(read); }
                catch (Exception e) when (!(e is PipelineStoppedException)) { WriteItemError(e, id); continue; }
                if (result.User == null)
                {
                    WriteItemError(new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound, id.Contains("@")
                        ? $"The Jira site has no active user with email '{id}' (or their email is hidden by their privacy settings)."
                        : $"The Jira site has no user with accountId '{id}'."), id, "UserNotFound", ErrorCategory.ObjectNotFound);
                    continue;
                }
                var u = result.User;
                JiraSiteLicense Row(JiraApplicationRole r) => new JiraSiteLicense
                {
                    AccountId = u.AccountId, Email = u.Email, DisplayName = u.DisplayName, Active = u.Active, AccountType = u.AccountType,
                    Product = r?.Key, ProductName = r?.Name, SiteUrl = JiraApi.SiteUrl,
                };
                if (result.Roles.Count == 0) { if (IncludeUnlicensed) WritePaged(Row(null)); }
                else foreach (var r in result.Roles) WritePaged(Row(r));
                FlushLog();
            }
            window.Clear();
        }
    }
}
