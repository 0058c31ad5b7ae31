using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>The Jira-site side of New-AtlassianGroup (-Site, or a connection without an org API key): <c>POST /group</c>, writing <see cref="JiraGroup"/> objects.</summary>
    public sealed partial class NewAtlassianGroupCommand
    {
        /// <summary>Create Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool? _useSite;
        private bool UseSite => _useSite ?? (_useSite = Site.IsPresent || !ActiveConnection.HasOrganization).Value;

        protected override void Begin()
        {
            base.Begin();
            if (!UseSite) return;
            _ = JiraApi;
            SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId), nameof(Description));
        }

        private async Task<PlannedChange> PlanSiteAsync(Input input, CancellationToken ct)
        {
            var jira = ActiveConnection.Jira;
            var resolver = SiteGroupResolver.For(ActiveConnection);
            var change = new PlannedChange { Action = "Create group", Target = input.Name, Resource = "site " + jira.SiteUrl?.Host };
            var existing = (await resolver.FindByNameAsync(input.Name, ct).ConfigureAwait(false)).FirstOrDefault();
            if (existing != null)
            {
                if (!ReturnExisting) throw SiteExists(input, existing);
                input.SiteResult = existing;
                change.UnchangedReason = "already exists";
                return change;
            }
            change.Apply = async t =>
            {
                try
                {
                    input.SiteResult = await jira.CreateGroupAsync(input.Name, t).ConfigureAwait(false);
                    if (input.SiteResult?.GroupId == null) input.SiteResult = (await resolver.FindByNameAsync(input.Name, t).ConfigureAwait(false)).FirstOrDefault();
                    resolver.Created(input.SiteResult);
                    return true;
                }
                catch (AtlassianApiException e) when (e.Status == 400 || e.Status == 409)
                {
                    // Created meanwhile (e.g. the same name twice in one CSV): Jira answers 400 for a duplicate name.
                    var now = (await resolver.FindByNameAsync(input.Name, t).ConfigureAwait(false)).FirstOrDefault();
                    if (now == null) throw;
                    if (!ReturnExisting) throw SiteExists(input, now, e);
                    input.SiteResult = now;
                    return false;
                }
            };
            return change;
        }

        private static ItemFailedException SiteExists(Input input, JiraGroup existing, System.Exception inner = null) =>
            new ItemFailedException("GroupAlreadyExists", ErrorCategory.ResourceExists,
                $"A group named '{input.Name}' already exists on the Jira site (id {existing.GroupId}). Use -IfExists Return to get the existing group instead.", inner);
    }
}
