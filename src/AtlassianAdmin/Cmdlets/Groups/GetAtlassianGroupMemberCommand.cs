using System.Collections.Generic;
using System.Management.Automation;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Gets the members of directory groups (or, with -Site, Jira site groups), streamed.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroupMember", SupportsPaging = true)]
    [OutputType(typeof(AtlassianUser), typeof(JiraUser))]
    public sealed partial class GetAtlassianGroupMemberCommand : AtlassianConnectedCmdlet
    {
        /// <summary>The group: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "group_name", "GroupId", "group_id")]
        [ArgumentCompleter(typeof(GroupNameCompleter))]
        public GroupPipeBind Group { get; set; }

        /// <summary>Only members with these directory statuses.</summary>
        [Parameter]
        [ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Directory to find the group in; default: every directory the key can manage.</summary>
        [Parameter]
        public string DirectoryId { get; set; }


        protected override void Process()
        {
            if (UseSite) { ProcessSite(); return; }
            _ = OrgApi;
            AtlassianGroup group;
            try
            {
                group = Await(GroupResolver.For(ActiveConnection).ResolveAsync(Group, DirectoryId, CancellationToken));
            }
            catch (ItemFailedException e)
            {
                WriteItemError(e, Group?.ToString(), e.ErrorId, e.Category);
                return;
            }
            var query = new UserQuery { GroupIds = new List<string> { group.Id } };
            if (Status != null && Status.Length > 0) query.Status = new List<string>(System.Array.ConvertAll(Status, s => s.ToLowerInvariant()));
            foreach (var user in OrgApi.SearchUsers(OrgId, group.DirectoryId, query, CancellationToken))
            {
                if (!WritePaged(user)) break;
            }
        }
    }
}
