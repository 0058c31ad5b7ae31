using System;
using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Gets the members of directory groups (or, with -Site, Jira site groups), streamed.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianGroupMember", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianUser), typeof(JiraUser))]
    public sealed class GetAtlassianGroupMemberCommand : AtlassianConnectedCmdlet
    {
        /// <summary>The group whose members to read: an object from Get-AtlassianGroup, its name or its id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("GroupName", "group_name", "GroupId", "group_id"), ArgumentCompleter(typeof(GroupNameCompleter))]
        public GroupPipeBind Group { get; set; }

        /// <summary>Only members with these directory statuses (on the site: active, or any other for inactive users).</summary>
        [Parameter, ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Directory to find the group in (org groups); default: every directory the key can manage.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet)]
        public string DirectoryId { get; set; }

        /// <summary>Read the members of the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private IGroupDirectory _groups;

        protected override void Begin() => _groups = GroupDirectory.For(ActiveConnection, OnSite);

        protected override void Process()
        {
            DirectoryGroup group = null;
            try
            {
                group = Await(_groups.ResolveAsync(Group, _groups.IsSite ? null : DirectoryId, CancellationToken));
                foreach (var user in _groups.Members(group, Status, CancellationToken))
                {
                    if (!WritePaged(user)) break;
                }
            }
            catch (Exception e) when ((e is ItemFailedException ? e : group == null ? null : _groups.MapError(e, group)) is ItemFailedException mapped)
            {
                WriteItemError(mapped, Group?.ToString(), mapped.ErrorId, mapped.Category);
            }
        }
    }
}
