using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// Add/Remove-AtlassianGroupMember for one invocation, on org or site groups alike (<see cref="IGroupDirectory"/>).
    /// Each group's member set is read once and kept up to date, so re-adding members or removing non-members is
    /// Unchanged with no write and no per-row read. Org users are resolved in batches in the group's directory; site
    /// users through the site (a deactivated member is still found among the group's members, for removal by email).
    /// Groups synced from an identity provider are refused before any write.
    /// </summary>
    public sealed class GroupMemberChange
    {
        private readonly IGroupDirectory _groups;
        private readonly bool _adding;
        private readonly GroupMemberSets _sets;
        private readonly UserResolver _orgUsers;
        private readonly SiteDirectory _siteUsers;
        private readonly ConcurrentDictionary<string, JiraUser> _siteMembersByEmail = new ConcurrentDictionary<string, JiraUser>(System.StringComparer.OrdinalIgnoreCase);

        internal GroupMemberChange(AtlassianConnection connection, bool onSite, bool adding)
        {
            _adding = adding;
            _groups = GroupDirectory.For(connection, onSite);
            _sets = new GroupMemberSets(_groups, m => { if (m is JiraUser u && !string.IsNullOrEmpty(u.Email)) _siteMembersByEmail[u.Email] = u; });
            if (onSite) _siteUsers = new SiteDirectory(connection);
            else _orgUsers = new UserResolver(connection.Org, connection.OrgId, connection.Cache);
        }

        public sealed class Input
        {
            public UserRef User { get; set; }
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
        }

        /// <summary>Reads and validates the record's user (UserInput) and group; bad input fails the row before anything is sent.</summary>
        internal Input Capture(PSObject item, GroupPipeBind group, string accountId, string email, string directoryId)
        {
            return new Input
            {
                User = UserCapture.Identity(accountId, email, item),
                Group = GroupCapture.Capture(item, group, stringsAreGroups: false),
                DirectoryId = _groups.IsSite ? null : GroupCapture.Directory(directoryId),
            };
        }

        /// <summary>How a row is named in results and errors: its email, else its accountId, else what was piped.</summary>
        internal static string Describe(PSObject item, string accountId, string email) =>
            GroupCapture.Directory(email) ?? GroupCapture.Directory(accountId) ?? item?.BaseObject?.ToString();

        internal async Task<PlannedChange> PlanAsync(Input input, CancellationToken ct)
        {
            var siteUser = _siteUsers?.ResolveUserAsync(input.User.AccountId, input.User.Email, ct);
            var group = await _groups.ResolveAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            if (group.ExternalSynced)
                throw new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is synced from an identity provider (managed by {group.Org.ManagedBy ?? "external"}); change its membership in the identity provider, not here.");
            var change = new PlannedChange { Action = _adding ? "Add group member" : "Remove group member", Resource = "group " + group.Name };
            Task<MemberSet> members;
            if (siteUser != null)
            {
                members = _sets.ForAsync(group, ct);
                var user = await SiteUserAsync(siteUser, input.User, members).ConfigureAwait(false);
                (change.Target, change.AccountId, change.Email) = (user.ToString(), user.AccountId, user.Email);
            }
            else
            {
                var user = await OrgUserAsync(input.User, group, ct).ConfigureAwait(false);
                (change.Target, change.AccountId, change.Email) = (UserCapture.Display(user), user.AccountId, user.Email);
                members = _sets.ForAsync(group, ct);
            }
            var isMember = (await members.ConfigureAwait(false)).Contains(change.AccountId);
            if (_adding && isMember) { change.UnchangedReason = "already a member"; return change; }
            if (!_adding && !isMember) { change.UnchangedReason = "not a member"; return change; }
            var accountId = change.AccountId;
            change.Apply = t => _sets.ApplyOnceAsync(group, accountId, _adding, async () =>
            {
                if (_adding) return await _groups.AddMemberAsync(group, accountId, t).ConfigureAwait(false); // false: already a member
                await _groups.RemoveMemberAsync(group, accountId, t).ConfigureAwait(false);
                return true;
            });
            return change;
        }

        private async Task<AtlassianUser> OrgUserAsync(UserRef given, DirectoryGroup group, CancellationToken ct)
        {
            try
            {
                return await _orgUsers.ResolveAsync(new UserRef { AccountId = given.AccountId, Email = given.Email, DirectoryId = group.DirectoryId }, ct).ConfigureAwait(false);
            }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound")
            {
                throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound,
                    $"{e.Message.TrimEnd('.')}. (Group '{group.Name}' is in directory {group.DirectoryId}; a member must be a user of that directory.)".Replace("..", "."));
            }
        }

        private async Task<JiraUser> SiteUserAsync(Task<JiraUser> lookup, UserRef given, Task<MemberSet> members)
        {
            try
            {
                return await lookup.ConfigureAwait(false);
            }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound" && !_adding && given.AccountId == null)
            {
                // The site's user search finds active users only; a deactivated member is still found among the group's members.
                await members.ConfigureAwait(false);
                if (!_siteMembersByEmail.TryGetValue(given.Email, out var member)) throw;
                return member;
            }
        }
    }
}
