using System;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// The Jira-site side of Get-AtlassianGroupMember (-Site, or a connection without an org API key): <c>GET /group/member</c>,
    /// writing <see cref="JiraUser"/> objects. -Status active keeps active users; any other status keeps inactive ones.
    /// </summary>
    public sealed partial class GetAtlassianGroupMemberCommand
    {
        /// <summary>Read the members of the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool? _useSite;
        private bool UseSite => _useSite ?? (_useSite = Site.IsPresent || !ActiveConnection.HasOrganization).Value;

        protected override void Begin()
        {
            if (!UseSite) return;
            _ = JiraApi;
            SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId));
        }

        private void ProcessSite()
        {
            var jira = JiraApi;
            JiraGroup group;
            try
            {
                group = Await(SiteGroupResolver.For(ActiveConnection).ResolveAsync(Group, CancellationToken));
            }
            catch (ItemFailedException e)
            {
                WriteItemError(e, Group?.ToString(), e.ErrorId, e.Category);
                return;
            }
            var wantActive = Status == null || Status.Length == 0 || Status.Any(s => s.Equals("active", StringComparison.OrdinalIgnoreCase));
            var wantInactive = Status == null || Status.Length == 0 || Status.Any(s => !s.Equals("active", StringComparison.OrdinalIgnoreCase));
            try
            {
                foreach (var user in jira.ListGroupMembers(group.GroupId, includeInactive: wantInactive, CancellationToken))
                {
                    if (user.Active ? !wantActive : !wantInactive) continue;
                    if (!WritePaged(user)) break;
                }
            }
            catch (Exception e) when (SiteGroupSupport.MapWriteError(e, group) is ItemFailedException mapped)
            {
                SiteGroupResolver.For(ActiveConnection).Forget(group);
                WriteItemError(mapped, Group?.ToString(), mapped.ErrorId, mapped.Category);
            }
        }
    }
}
