using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Gets directory groups (or, with -Site, Jira site groups): all of them (streamed), by name (wildcards), by id, or the groups of users.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroup", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianGroup), typeof(JiraGroup))]
    public sealed class GetAtlassianGroupCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";
        private const string UserSet = "ByUser";
        private const string SiteListSet = "SiteList";
        private const string SiteIdSet = "SiteById";
        // Two site sets for a user, each with its identity mandatory, so `-Site` alone means the listing.
        private const string SiteAccountSet = "SiteByAccountId";
        private const string SiteEmailSet = "SiteByEmail";

        /// <summary>Group name; wildcards allowed. An exact name is matched by the server.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0), Parameter(ParameterSetName = SiteListSet, Position = 0), SupportsWildcards, ArgumentCompleter(typeof(GroupNameCompleter))]
        public string Name { get; set; }

        /// <summary>Group ids.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true), Alias("group_id")]
        public string[] GroupId { get; set; }

        /// <summary>The groups of the user with this accountId.</summary>
        [Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteAccountSet, Mandatory = true, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteEmailSet, ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>The groups of the user with this email.</summary>
        [Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteEmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory to read (org groups); default: the org's only directory, or all directories when there are several.</summary>
        [Parameter(ParameterSetName = ListSet), Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Read the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = SiteListSet, Mandatory = true), Parameter(ParameterSetName = SiteIdSet, Mandatory = true), Parameter(ParameterSetName = SiteAccountSet, Mandatory = true), Parameter(ParameterSetName = SiteEmailSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private IGroupDirectory _groups;
        private UserResolver _users;
        private SiteDirectory _siteUsers;

        protected override void Begin() => _groups = GroupDirectory.For(ActiveConnection, OnSite);

        protected override bool WritesOwnTotal => true;

        protected override void Process()
        {
            var directoryId = _groups.IsSite ? null : ResolveDirectoryId(GroupCapture.Directory(DirectoryId), allowAll: true);
            if (ParameterSetName == IdSet || ParameterSetName == SiteIdSet) ById(directoryId);
            else if (ParameterSetName == UserSet || ParameterSetName == SiteAccountSet || ParameterSetName == SiteEmailSet) ForUser(directoryId);
            else List(directoryId);
        }

        private void ById(string directoryId)
        {
            var ids = GroupId.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var bad in ids.Where(i => !Identifiers.IsIdToken(i)).ToList())
            {
                WriteItemError(new ItemNotFoundException($"'{UserInput.Show(bad)}' is not a group id (a UUID such as 3f0b7c2e-…)."), bad, "GroupNotFound", ErrorCategory.ObjectNotFound);
                ids.Remove(bad);
            }
            if (ids.Count == 0) return;
            var found = Emit(_groups.Search(directoryId, ids, null, CancellationToken), _ => true);
            foreach (var id in ids.Where(i => !found.Contains(i)))
                WriteItemError(new ItemNotFoundException(_groups.IsSite ? $"The Jira site has no group with id '{UserInput.Show(id)}'." : $"No group with id '{UserInput.Show(id)}'."), id, "GroupNotFound", ErrorCategory.ObjectNotFound);
        }

        private void List(string directoryId)
        {
            var filter = NameFilter.For(Name);
            IEnumerable<DirectoryGroup> groups;
            if (!string.IsNullOrEmpty(Name) && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                Identifiers.RequireGroupName(Name);
                groups = _groups.Search(directoryId, null, new[] { Name }, CancellationToken);
                filter = n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                if (PagingParameters.IncludeTotalCount && string.IsNullOrEmpty(Name))
                    WriteObject(PagingParameters.NewTotalCount((ulong)Await(_groups.CountAsync(directoryId, null, CancellationToken)), 1.0));
                // A server's searchTerm is a substring match: send the longest literal part, filter exactly here.
                var literal = string.IsNullOrEmpty(Name) ? null
                    : Regex.Split(Name, @"[\*\?\[\]]").Select(p => p.Replace("`", "")).OrderByDescending(p => p.Length).FirstOrDefault();
                groups = _groups.SearchText(directoryId, literal, CancellationToken);
            }
            Emit(groups, filter);
        }

        private void ForUser(string directoryId)
        {
            string accountId;
            try
            {
                var (id, email) = UserInput.Parse(AccountId, Email, null, required: false);
                if (id == null && email == null)
                {
                    WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                    return;
                }
                accountId = Await(AccountIdOf(id, email, directoryId));
            }
            catch (ItemFailedException e)
            {
                WriteItemError(e, GroupCapture.Directory(AccountId) ?? GroupCapture.Directory(Email), e.ErrorId, e.Category);
                return;
            }
            Emit(Await(_groups.OfUserAsync(directoryId, accountId, CancellationToken)), _ => true);
        }

        /// <summary>The user's accountId: on the site the user is looked up either way (an unknown id is UserNotFound); in the org an email is.</summary>
        private async System.Threading.Tasks.Task<string> AccountIdOf(string accountId, string email, string directoryId)
        {
            if (_groups.IsSite)
                return (await (_siteUsers ?? (_siteUsers = new SiteDirectory(ActiveConnection))).ResolveUserAsync(accountId, email, CancellationToken).ConfigureAwait(false)).AccountId;
            if (accountId != null) return accountId;
            _users = _users ?? new UserResolver(OrgApi, OrgId, ActiveConnection.Cache);
            return (await _users.ResolveAsync(new UserRef { Email = email, DirectoryId = directoryId }, CancellationToken).ConfigureAwait(false)).AccountId;
        }

        private HashSet<string> Emit(IEnumerable<DirectoryGroup> groups, Func<string, bool> filter)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var g in groups)
            {
                if (!filter(g.Name)) continue;
                seen.Add(g.Id);
                if (!WritePaged(g.Value)) break;
            }
            return seen;
        }
    }
}
