using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Bulk
{
    /// <summary>
    /// A state-changing cmdlet whose items are groups: objects from Get-AtlassianGroup, -Group (name or id, also from CSV
    /// columns group, group_name, GroupName, groupId), or plain strings on the pipeline (a name or id).
    /// </summary>
    public abstract class GroupChangeCmdlet<TInput> : ChangeCmdlet<TInput> where TInput : class
    {
        /// <summary>The group: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "group_name", "GroupId", "group_id")]
        [ArgumentCompleter(typeof(GroupNameCompleter))]
        [AllowNull]
        public GroupPipeBind Group { get; set; }

        /// <summary>Directory to find the group in; default: every directory the key can manage.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        internal GroupResolver Groups => GroupResolver.For(ActiveConnection);

        /// <summary>The group of the current record (the piped object wins, then -Group, then a piped string).</summary>
        protected GroupPipeBind CaptureGroup(PSObject item) => CaptureGroup(item, site: false);

        /// <summary>As <see cref="CaptureGroup(PSObject)"/>; with <paramref name="site"/> for a Jira site group (no org API key needed).</summary>
        protected GroupPipeBind CaptureGroup(PSObject item, bool site)
        {
            if (!site) _ = OrgApi; // fails clearly on a site-only connection
            if (item?.BaseObject is AtlassianGroup g) return new GroupPipeBind(g);
            if (item?.BaseObject is JiraGroup jg) return new GroupPipeBind(jg);
            if (Group != null && (Group.Group != null || !string.IsNullOrEmpty(Group.Text))) return Group;
            if (item?.BaseObject is string s && !string.IsNullOrWhiteSpace(s)) return new GroupPipeBind(s);
            throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument,
                "No group was given. Use -Group with a group object, name or id, or pipe groups, names or CSV rows with a group, group_name, GroupName or groupId column.");
        }

        protected string CapturedDirectoryId => string.IsNullOrWhiteSpace(DirectoryId) ? null : DirectoryId.Trim();

        protected override string DescribeInput(PSObject item, TInput input) =>
            item?.BaseObject is AtlassianGroup g ? g.Name : item?.BaseObject is JiraGroup jg ? jg.Name : Group?.ToString() ?? item?.BaseObject?.ToString();
    }
}
