using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Removes users from directory groups (non-members are reported Unchanged; nothing is sent).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianGroupMember", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class RemoveAtlassianGroupMemberCommand : ChangeCmdlet<GroupMemberChange.Input>
    {
        /// <summary>The user to remove, by email (a deactivated site member too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>The user to remove, by accountId (wins over -Email).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>Remove from the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        /// <summary>The group to remove from: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter)), AllowNull]
        public GroupPipeBind Group { get; set; }

        /// <summary>Directory to find the group in (org groups); default: every directory the key can manage.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        private GroupMemberChange _change;

        protected override void Begin()
        {
            base.Begin();
            _change = new GroupMemberChange(ActiveConnection, OnSite, adding: false);
        }

        protected override string DescribeInput(PSObject item, GroupMemberChange.Input input) => GroupMemberChange.Describe(item, AccountId, Email);
        protected override GroupMemberChange.Input Capture(PSObject item) => _change.Capture(item, Group, AccountId, Email, DirectoryId);
        protected override Task<PlannedChange> PlanAsync(GroupMemberChange.Input input, CancellationToken ct) => _change.PlanAsync(input, ct);
    }
}
