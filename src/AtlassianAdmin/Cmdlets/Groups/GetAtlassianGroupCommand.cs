using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Gets directory groups (or, with -Site, Jira site groups): all of them (streamed), by name (wildcards), by id, or the groups of users.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroup", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianGroup), typeof(JiraGroup))]
    public sealed partial class GetAtlassianGroupCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";
        private const string UserSet = "ByUser";

        /// <summary>Group name; wildcards allowed. An exact name is matched by the server.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(GroupNameCompleter))]
        public string Name { get; set; }

        /// <summary>Group ids.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("group_id")]
        public string[] GroupId { get; set; }

        /// <summary>The groups of the user with this accountId.</summary>
        [Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>The groups of the user with this email.</summary>
        [Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory to read; default: the org's only directory, or all directories when there are several.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        private UserResolver _users;

        protected override bool WritesOwnTotal => true;

        protected override void Process()
        {
            if (UseSite) { ProcessSite(); return; }
            var directoryId = ResolveDirectoryId(string.IsNullOrWhiteSpace(DirectoryId) ? null : DirectoryId.Trim(), allowAll: true);
            switch (ParameterSetName)
            {
                case IdSet:
                    var ids = (GroupId ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    foreach (var bad in ids.Where(i => !Identifiers.IsIdToken(i)).ToList())
                    {
                        WriteItemError(new ItemNotFoundException($"'{UserInput.Show(bad)}' is not a group id (a UUID such as 3f0b7c2e-…)."), bad, "GroupNotFound", ErrorCategory.ObjectNotFound);
                        ids.Remove(bad);
                    }
                    if (ids.Count == 0) return;
                    var found = Emit(OrgApi.SearchGroups(OrgId, directoryId, new GroupQuery { GroupIds = ids }, CancellationToken), _ => true);
                    foreach (var id in ids.Where(i => !found.Contains(i)))
                        WriteItemError(new ItemNotFoundException($"No group with id '{UserInput.Show(id)}'."), id, "GroupNotFound", ErrorCategory.ObjectNotFound);
                    break;
                case UserSet:
                    ForUser(directoryId);
                    break;
                default:
                    List(directoryId);
                    break;
            }
        }

        private void List(string directoryId)
        {
            var query = new GroupQuery();
            var filter = NameFilter.For(Name);
            if (!string.IsNullOrEmpty(Name))
            {
                if (WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    // The server's searchTerm is a substring match: send the longest literal part, filter exactly here.
                    var literal = Regex.Split(Name, @"[\*\?\[\]]").Select(p => p.Replace("`", "")).OrderByDescending(p => p.Length).FirstOrDefault();
                    if (!string.IsNullOrEmpty(literal)) query.SearchTerm = literal;
                }
                else
                {
                    query.GroupNames = new List<string> { Name };
                    filter = n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase);
                }
            }
            if (PagingParameters.IncludeTotalCount && string.IsNullOrEmpty(Name))
            {
                var total = Await(OrgApi.CountGroupsAsync(OrgId, directoryId, null, CancellationToken));
                WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
            }
            Emit(OrgApi.SearchGroups(OrgId, directoryId, query, CancellationToken), filter);
        }

        private void ForUser(string directoryId)
        {
            var accountId = string.IsNullOrWhiteSpace(AccountId) ? null : AccountId.Trim();
            var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
            if (accountId == null && email == null)
            {
                WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                return;
            }
            if (accountId == null)
            {
                if (!UserInput.IsPlausibleEmail(email)) { WriteItemError(UserInput.BadEmail(email), email, "InvalidEmail", ErrorCategory.InvalidArgument); return; }
                _users = _users ?? new UserResolver(OrgApi, OrgId, ActiveConnection.Cache);
                try
                {
                    accountId = Await(_users.ResolveAsync(new UserRef { Email = email, DirectoryId = directoryId }, CancellationToken)).AccountId;
                }
                catch (ItemFailedException e)
                {
                    WriteItemError(e, email, e.ErrorId, e.Category);
                    return;
                }
            }
            else if (!UserInput.IsValidAccountId(accountId))
            {
                WriteItemError(UserInput.BadAccountId(accountId), accountId, "InvalidAccountId", ErrorCategory.InvalidArgument);
                return;
            }
            Emit(OrgApi.SearchGroups(OrgId, directoryId, new GroupQuery { AccountIds = new List<string> { accountId } }, CancellationToken), _ => true);
        }

        private HashSet<string> Emit(IEnumerable<AtlassianGroup> groups, Func<string, bool> filter)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var resolver = GroupResolver.For(ActiveConnection);
            foreach (var g in groups)
            {
                resolver.Remember(g);
                if (!filter(g.Name)) continue;
                seen.Add(g.Id);
                if (!WritePaged(g)) break;
            }
            return seen;
        }
    }
}
