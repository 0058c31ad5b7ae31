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
    /// <para type="synopsis">Adds users to directory groups (existing members are reported Unchanged; nothing is sent).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Add, "AtlassianGroupMember", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class AddAtlassianGroupMemberCommand : ChangeCmdlet<GroupMemberChange.Input>
    {
        /// <summary>The group to add to: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter)), AllowNull]
        public GroupPipeBind Group { get; set; }

        /// <summary>The user to add, by accountId (wins over -Email).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        /// <summary>The user to add, by email.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory to find the group in (org groups); default: every directory the key can manage.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Add to the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private GroupMemberChange _change;

        protected override void Begin()
        {
            base.Begin();
            _change = new GroupMemberChange(ActiveConnection, OnSite, adding: true);
        }

        protected override GroupMemberChange.Input Capture(PSObject item) => _change.Capture(item, Group, AccountId, Email, DirectoryId);
        protected override Task<PlannedChange> PlanAsync(GroupMemberChange.Input input, CancellationToken ct) => _change.PlanAsync(input, ct);
        protected override string DescribeInput(PSObject item, GroupMemberChange.Input input) => GroupMemberChange.Describe(item, AccountId, Email);
    }
}
