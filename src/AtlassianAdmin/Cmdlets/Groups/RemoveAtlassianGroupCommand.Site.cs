using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>The Jira-site side of Remove-AtlassianGroup (-Site, or a connection without an org API key): <c>DELETE /group?groupId=</c>.</summary>
    public sealed partial class RemoveAtlassianGroupCommand
    {
        /// <summary>Delete Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool? _useSite;
        private bool UseSite => _useSite ?? (_useSite = Site.IsPresent || !ActiveConnection.HasOrganization).Value;

        protected override void Begin()
        {
            base.Begin();
            if (!UseSite) return;
            _ = JiraApi;
            SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId));
        }

        private async Task<PlannedChange> PlanSiteAsync(Input input, CancellationToken ct)
        {
            var resolver = SiteGroupResolver.For(ActiveConnection);
            var group = await resolver.ResolveAsync(input.Group, ct).ConfigureAwait(false);
            var jira = ActiveConnection.Jira;
            long members;
            try { members = await SiteGroupSupport.Mapped(jira.CountGroupMembersAsync(group.GroupId, includeInactive: true, ct), group).ConfigureAwait(false); }
            catch (ItemFailedException e) when (e.ErrorId == "GroupNotFound")
            {
                resolver.Forget(group);
                throw;
            }
            var change = new PlannedChange
            {
                Action = "Delete group",
                Target = group.Name,
                Resource = "site " + jira.SiteUrl?.Host,
                Warning = $"Its {members} member{(members == 1 ? "" : "s")} will lose the access this group grants",
            };
            change.Apply = async t =>
            {
                await SiteGroupSupport.Mapped(DeleteAsync(jira, group.GroupId, t), group).ConfigureAwait(false);
                resolver.Forget(group);
                return true;
            };
            return change;
        }

        private static async Task<bool> DeleteAsync(Client.Jira.JiraClient jira, string groupId, CancellationToken ct)
        {
            await jira.DeleteGroupAsync(groupId, null, ct).ConfigureAwait(false);
            return true;
        }
    }
}
