using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.ManagedAccounts
{
    /// <summary>
    /// <para type="synopsis">Updates managed accounts' profile fields (name, job title, department, …); fields already set are left alone.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Set, "AtlassianManagedAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class SetAtlassianManagedAccountCommand : ChangeCmdlet<SetAtlassianManagedAccountCommand.ProfileInput>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("display_name", "FullName")]
        [AllowEmptyString, AllowNull]
        public string DisplayName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Nickname { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("job_title", "Title")]
        [AllowEmptyString, AllowNull]
        public string JobTitle { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Department { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Company")]
        [AllowEmptyString, AllowNull]
        public string Organization { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Office")]
        [AllowEmptyString, AllowNull]
        public string Location { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("zoneinfo", "time_zone")]
        [AllowEmptyString, AllowNull]
        public string TimeZone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Locale { get; set; }


        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);

        public SetAtlassianManagedAccountCommand() => _user = new UserCapture(this);

        protected override string DescribeInput(PSObject item, ProfileInput input) => UserCapture.Describe(AccountId, Email, item);

        protected override ProfileInput Capture(PSObject item)
        {
            var input = new ProfileInput
            {
                User = _user.Capture(AccountId, Email, DirectoryId, item),
                Update = new UserManagementClient.ProfileUpdate
                {
                    Name = Clean(DisplayName), Nickname = Clean(Nickname), JobTitle = Clean(JobTitle), Department = Clean(Department),
                    Organization = Clean(Organization), Location = Clean(Location), TimeZone = Clean(TimeZone), Locale = Clean(Locale),
                },
            };
            var u = input.Update;
            if (u.Name == null && u.Nickname == null && u.JobTitle == null && u.Department == null && u.Organization == null && u.Location == null && u.TimeZone == null && u.Locale == null)
                throw new ItemFailedException("NothingToSet", ErrorCategory.InvalidArgument,
                    "No profile field was given. Use -DisplayName, -Nickname, -JobTitle, -Department, -Organization, -Location, -TimeZone or -Locale (or CSV columns of those names).");
            return input;
        }

        protected override async Task<PlannedChange> PlanAsync(ProfileInput input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input.User, ct).ConfigureAwait(false);
            ManagedAccountSupport.RequireManaged(user);
            var current = await ManagedAccountSupport.Call(Api, "profile.read", user, () => Api.GetProfileAsync(user.AccountId, ct)).ConfigureAwait(false);
            var u = input.Update;
            var diff = new List<string>();
            var send = new UserManagementClient.ProfileUpdate();
            void Check(string label, string wanted, string now, Action<string> set)
            {
                if (wanted == null || string.Equals(wanted, now, StringComparison.Ordinal)) return;
                diff.Add($"{label} '{now}' → '{wanted}'");
                set(wanted);
            }
            Check("name", u.Name, current.Name, v => send.Name = v);
            Check("nickname", u.Nickname, current.Nickname, v => send.Nickname = v);
            Check("job title", u.JobTitle, current.JobTitle, v => send.JobTitle = v);
            Check("department", u.Department, current.Department, v => send.Department = v);
            Check("organization", u.Organization, current.Organization, v => send.Organization = v);
            Check("location", u.Location, current.Location, v => send.Location = v);
            Check("time zone", u.TimeZone, current.TimeZone, v => send.TimeZone = v);
            Check("locale", u.Locale, current.Locale, v => send.Locale = v);
            var change = new PlannedChange { Action = "Update profile", Target = UserCapture.Display(user), AccountId = user.AccountId, Email = user.Email };
            if (diff.Count == 0)
            {
                change.Resource = "profile";
                change.UnchangedReason = "the profile already has these values";
                return change;
            }
            change.Resource = string.Join(", ", diff);
            IdentityProvider.RequireNotOwned(user, "change the profile");
            change.Apply = async t =>
            {
                await ManagedAccountSupport.Call(Api, "profile.write", user, () => Api.UpdateProfileAsync(user.AccountId, send, t)).ConfigureAwait(false);
                return true;
            };
            return change;
        }

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        /// <summary>A user and the profile fields to set.</summary>
        public sealed class ProfileInput
        {
            public UserRef User { get; set; }
            public UserManagementClient.ProfileUpdate Update { get; set; }
        }
    }
}
