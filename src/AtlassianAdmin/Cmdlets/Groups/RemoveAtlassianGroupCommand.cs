using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Bulk;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Deletes directory groups (or, with -Site, Jira site groups); their members lose the access the group granted.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Remove, "AtlassianGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed partial class RemoveAtlassianGroupCommand : GroupChangeCmdlet<RemoveAtlassianGroupCommand.Input>
    {
        /// <summary>Delete without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        protected override Input Capture(PSObject item) =>
            UseSite ? new Input { Group = CaptureGroup(item, site: true), Site = true } : new Input { Group = CaptureGroup(item), DirectoryId = CapturedDirectoryId };

        protected override async Task<PlannedChange> PlanAsync(Input input, CancellationToken ct)
        {
            if (input.Site) return await PlanSiteAsync(input, ct).ConfigureAwait(false);
            var group = await Groups.ResolveAsync(input.Group, input.DirectoryId, ct).ConfigureAwait(false);
            if (group.ExternalSynced)
                throw new ItemFailedException("GroupExternallyManaged", ErrorCategory.PermissionDenied,
                    $"Group '{group.Name}' is synced from an identity provider; delete it there.");
            // Fresh counts for the prompt (the object may come from an older listing).
            AtlassianGroup fresh;
            try { fresh = await OrgApi.GetGroupAsync(OrgId, group.DirectoryId, group.Id, ct).ConfigureAwait(false) ?? group; }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                Groups.Forget(group);
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound, $"Group '{group.Name}' ({group.Id}) no longer exists.", e);
            }
            var members = fresh.MemberCount ?? group.MemberCount;
            var change = new PlannedChange { Action = "Delete group", Target = group.Name, Resource = "directory " + group.DirectoryId };
            change.Warning = members.HasValue
                ? $"Its {members} member{(members == 1 ? "" : "s")} will lose the access this group grants"
                : "Its members will lose the access this group grants";
            change.Apply = async t =>
            {
                await OrgApi.DeleteGroupAsync(OrgId, group.DirectoryId, group.Id, t).ConfigureAwait(false);
                Groups.Forget(group);
                return true;
            };
            return change;
        }

        public sealed class Input
        {
            public GroupPipeBind Group { get; set; }
            public string DirectoryId { get; set; }
            /// <summary>True for a Jira site group (-Site, or no org API key).</summary>
            public bool Site { get; set; }
        }
    }
}
