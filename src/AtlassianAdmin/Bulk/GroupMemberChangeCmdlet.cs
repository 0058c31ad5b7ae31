using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// Adds or removes group members: users as in <see cref="UserChangeCmdlet{TInput}"/>, the group by object, name or id
    /// (per row from a CSV column too). Each group's member set is read once per invocation and kept up to date, so
    /// re-adding existing members or removing non-members is Unchanged with no write and no per-row read. Groups synced
    /// from an identity provider are refused before any write.
    /// </summary>
    public abstract partial class GroupMemberChangeCmdlet : UserChangeCmdlet<GroupMemberChangeCmdlet.MemberInput>
    {
        /// <summary>The group: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "group_name", "GroupId", "group_id")]
        [ArgumentCompleter(typeof(GroupNameCompleter))]
        [AllowNull]
        public GroupPipeBind Group { get; set; }

        private GroupMemberSets _sets;

        /// <summary>True for Add, false for Remove.</summary>
        protected abstract bool Adding { get; }

        internal GroupMemberSets MemberSets => _sets ?? (_sets = new GroupMemberSets(OrgApi, OrgId));
        internal GroupResolver Groups => GroupResolver.For(ActiveConnection);

        protected override MemberInput Capture(PSObject item)
        {
            if (UseSite) return CaptureSite(item);
            _ = OrgApi; // fails clearly on a site-only connection
            var user = CaptureUserIdentity(item, AccountId, Email);
            var group = Group;
            if (group == null || (group.Group == null && string.IsNullOrEmpty(group.Text)))
                throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                    "No group was given. Use -Group with a group object, name or id, or pipe CSV rows with a group, group_name, GroupName or groupId column.");
            return new MemberInput { User = user, Group = group, DirectoryId = string.IsNullOrWhiteSpace(DirectoryId) ? null : DirectoryId.Trim() };
        }

        protected override async Task<PlannedChange> PlanAsync(MemberInput input, CancellationToken ct)
        {
            if (input.Site) return await PlanSiteAsync(input, ct).ConfigureAwait(false);
            var group = await Groups.ResolveAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            var action = Adding ? "Add group member" : "Remove group member";
            if (group.ExternalSynced)
                throw new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is synced from an identity provider (managed by {group.ManagedBy ?? "external"}); change its membership in the identity provider, not here.");

            input.User.DirectoryId = group.DirectoryId;
            AtlassianUser user;
            try
            {
                user = await Users.ResolveAsync(input.User, ct).ConfigureAwait(false);
            }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound")
            {
                throw new ItemFailedException("UserNotFound", ErrorCategory.ObjectNotFound,
                    $"{e.Message.TrimEnd('.')}. (Group '{group.Name}' is in directory {group.DirectoryId}; a member must be a user of that directory.)".Replace("..", "."));
            }

            var members = await MemberSets.ForAsync(group, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = action, Target = Display(user), Resource = "group " + group.Name, AccountId = user.AccountId, Email = user.Email };
            if (Adding && members.Contains(user.AccountId)) { change.UnchangedReason = "already a member"; return change; }
            if (!Adding && !members.Contains(user.AccountId)) { change.UnchangedReason = "not a member"; return change; }
            change.Apply = t => MemberSets.ApplyOnceAsync(group, user.AccountId, Adding, () => Adding
                ? OrgApi.AddGroupMemberAsync(OrgId, group.DirectoryId, group.Id, user.AccountId, t)
                : OrgApi.RemoveGroupMemberAsync(OrgId, group.DirectoryId, group.Id, user.AccountId, t));
            return change;
        }

        /// <summary>Reads the user of the current record without choosing a directory (the group's directory is used).</summary>
        internal static UserRef CaptureUserIdentity(PSObject item, string accountIdParam, string emailParam)
        {
            var (accountId, email) = UserInput.Parse(accountIdParam, emailParam, item?.BaseObject as string);
            return new UserRef { AccountId = accountId, Email = email };
        }

        public sealed class MemberInput
        {
            public UserRef User { get; set; }
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
            /// <summary>True when the change goes to the connection's Jira site (-Site, or no org API key).</summary>
            public bool Site { get; set; }
        }
    }
}
