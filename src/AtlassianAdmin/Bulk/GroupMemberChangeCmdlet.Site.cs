using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// The Jira-site side of Add/Remove-AtlassianGroupMember: used with -Site, or when the connection has no org API key.
    /// Same inputs, idempotency and results as for org groups; the group is a site group (<c>GET /group/bulk</c>), users
    /// are resolved through the site (cached per connection), each group's members are read once (<c>GET /group/member</c>)
    /// and the writes are <c>POST</c>/<c>DELETE /group/user</c>.
    /// </summary>
    public abstract partial class GroupMemberChangeCmdlet
    {
        /// <summary>Change the members of the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool? _useSite;
        private GroupMemberSets _siteSets;
        private SiteDirectory _siteDirectory;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JiraUser> _siteMembersByEmail =
            new System.Collections.Concurrent.ConcurrentDictionary<string, JiraUser>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>True when this invocation works on the Jira site: -Site, or a connection without an org API key.</summary>
        protected bool UseSite => _useSite ?? (_useSite = Site.IsPresent || !ActiveConnection.HasOrganization).Value;

        protected override void Begin()
        {
            base.Begin();
            if (!UseSite) return;
            var jira = JiraApi; // a connection without a site stops here, once
            SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId));
            _siteSets = GroupMemberSets.ForSite(jira, u => { if (!string.IsNullOrEmpty(u.Email)) _siteMembersByEmail[u.Email] = u; });
            _siteDirectory = new SiteDirectory(ActiveConnection);
        }

        private MemberInput CaptureSite(PSObject item)
        {
            var user = CaptureUserIdentity(item, AccountId, Email);
            var group = item?.BaseObject is JiraGroup piped ? new GroupPipeBind(piped) : Group;
            if (group == null || (group.Group == null && group.SiteGroup == null && string.IsNullOrEmpty(group.Text)))
                throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                    "No group was given. Use -Group with a group object, name or id, or pipe CSV rows with a group, group_name, GroupName or groupId column.");
            return new MemberInput { User = user, Group = group, Site = true };
        }

        private async Task<PlannedChange> PlanSiteAsync(MemberInput input, CancellationToken ct)
        {
            var groupTask = SiteGroupResolver.For(ActiveConnection).ResolveAsync(input.Group, ct);
            var userTask = _siteDirectory.ResolveUserAsync(input.User.AccountId, input.User.Email, ct);
            var group = await groupTask.ConfigureAwait(false);
            var membersTask = SiteGroupSupport.Mapped(_siteSets.ForAsync(group.GroupId, null, ct), group);
            JiraUser user;
            try
            {
                user = await userTask.ConfigureAwait(false);
            }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound" && !Adding && input.User.AccountId == null)
            {
                // The site's user search finds active users only; a deactivated member is still found among the group's members.
                await membersTask.ConfigureAwait(false);
                if (!_siteMembersByEmail.TryGetValue(input.User.Email, out user)) throw;
            }
            var members = await membersTask.ConfigureAwait(false);

            var change = new PlannedChange
            {
                Action = Adding ? "Add group member" : "Remove group member",
                Target = user.ToString(),
                Resource = "group " + group.Name,
                AccountId = user.AccountId,
                Email = user.Email,
            };
            if (Adding && members.Contains(user.AccountId)) { change.UnchangedReason = "already a member"; return change; }
            if (!Adding && !members.Contains(user.AccountId)) { change.UnchangedReason = "not a member"; return change; }
            var jira = ActiveConnection.Jira;
            change.Apply = t => SiteGroupSupport.Mapped(_siteSets.ApplyOnceAsync(group.GroupId, null, user.AccountId, Adding, async () =>
            {
                if (Adding) return await jira.AddGroupMemberAsync(group.GroupId, user.AccountId, t).ConfigureAwait(false); // false: Jira says already a member
                await jira.RemoveGroupMemberAsync(group.GroupId, user.AccountId, t).ConfigureAwait(false);
                return true;
            }), group);
            return change;
        }
    }
}
