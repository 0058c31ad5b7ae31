using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Deletes directory groups (or, with -Site, Jira site groups); their members lose the access the group granted.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianGroup", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianGroupCommand : ChangeCmdlet<RemoveAtlassianGroupCommand.Input>
    {
        /// <summary>The group to delete: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter)), AllowNull]
        public GroupPipeBind Group { get; set; }

        /// <summary>Delete without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Directory to find the group in (org groups); default: every directory the key can manage.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Delete Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private IGroupDirectory _groups;

        protected override bool SkipConfirmation => Force;

        protected override void Begin()
        {
            base.Begin();
            _groups = GroupDirectory.For(ActiveConnection, OnSite);
        }

        protected override Input Capture(PSObject item) =>
            new Input { Group = GroupCapture.Capture(item, Group, stringsAreGroups: true), DirectoryId = _groups.IsSite ? null : GroupCapture.Directory(DirectoryId) };

        protected override string DescribeInput(PSObject item, Input input) => GroupCapture.Describe(item, Group);

        protected override async Task<PlannedChange> PlanAsync(Input input, CancellationToken ct)
        {
            var group = await _groups.ResolveAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            if (group.ExternalSynced)
                throw new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is synced from an identity provider; delete it there.");
            var members = await _groups.MemberCountAsync(group, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Delete group", Target = group.Name, Resource = _groups.Where(group.DirectoryId) };
            change.Warning = members.HasValue
                ? $"Its {members} member{(members == 1 ? "" : "s")} will lose the access this group grants"
                : "Its members will lose the access this group grants";
            change.Apply = async t =>
            {
                await _groups.DeleteAsync(group, t).ConfigureAwait(false);
                return true;
            };
            return change;
        }

        public sealed class Input
        {
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
        }
    }
}
