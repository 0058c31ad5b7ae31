using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Creates directory groups (or, with -Site, Jira site groups); writes each created group (or, with -IfExists Return, the existing one).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.New, "AtlassianGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AtlassianGroup), typeof(JiraGroup), typeof(AtlassianChangeResult))]
    public sealed partial class NewAtlassianGroupCommand : ChangeCmdlet<NewAtlassianGroupCommand.Input>
    {
        /// <summary>Name of the new group.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Group", "GroupName", "group_name")]
        [AllowEmptyString, AllowNull]
        public string Name { get; set; }

        /// <summary>Optional description.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string Description { get; set; }

        /// <summary>Directory to create the group in; default: the organization's only directory.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>What to do when a group with the name exists: Error (GroupAlreadyExists) or Return (write the existing group, outcome Unchanged).</summary>
        [Parameter]
        [ValidateSet("Error", "Return", IgnoreCase = true)]
        public string IfExists { get; set; } = "Error";

        private bool ReturnExisting => string.Equals(IfExists, "Return", System.StringComparison.OrdinalIgnoreCase);
        private GroupResolver Groups => GroupResolver.For(ActiveConnection);

        protected override Input Capture(PSObject item)
        {
            if (!UseSite) _ = OrgApi;
            var name = string.IsNullOrWhiteSpace(Name) ? (item?.BaseObject as string)?.Trim() : Name.Trim();
            if (string.IsNullOrEmpty(name))
                throw new ItemFailedException("GroupNameMissing", ErrorCategory.InvalidArgument,
                    "No group name was given. Use -Name, or pipe names or CSV rows with a Name, Group or GroupName column.");
            if (UseSite) return new Input { Name = name, Site = true };
            return new Input
            {
                Name = name,
                Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
                DirectoryId = ResolveDirectoryId(string.IsNullOrWhiteSpace(DirectoryId) ? null : DirectoryId.Trim()),
            };
        }

        protected override string DescribeInput(PSObject item, Input input) => Name ?? item?.BaseObject?.ToString();

        protected override async Task<PlannedChange> PlanAsync(Input input, CancellationToken ct)
        {
            if (input.Site) return await PlanSiteAsync(input, ct).ConfigureAwait(false);
            var change = new PlannedChange { Action = "Create group", Target = input.Name, Resource = "directory " + input.DirectoryId };
            var existing = await FindAsync(input, ct).ConfigureAwait(false);
            if (existing != null)
            {
                if (!ReturnExisting) throw Exists(input, existing);
                input.Result = existing;
                change.UnchangedReason = "already exists";
                return change;
            }
            change.Apply = async t =>
            {
                try
                {
                    input.Result = await OrgApi.CreateGroupAsync(OrgId, input.DirectoryId, input.Name, input.Description, t).ConfigureAwait(false);
                    if (input.Result == null || input.Result.Id == null) input.Result = await FindAsync(input, t).ConfigureAwait(false);
                    if (input.Result != null && input.Result.DirectoryId == null) input.Result.DirectoryId = input.DirectoryId;
                    Groups.Created(input.Result);
                    return true;
                }
                catch (AtlassianApiException e) when (e.Status == 409)
                {
                    // Created meanwhile (e.g. the same name twice in one CSV).
                    var now = await FindAsync(input, t).ConfigureAwait(false);
                    if (!ReturnExisting || now == null) throw Exists(input, now, e);
                    input.Result = now;
                    return false;
                }
            };
            return change;
        }

        protected override void OnReported(Input input, PlannedChange change, AtlassianChangeResult result)
        {
            if (!PassThru && (input?.Result != null || input?.SiteResult != null) && (result.Outcome == ChangeOutcome.Changed || result.Outcome == ChangeOutcome.Unchanged))
                WriteObject((object)input.Result ?? input.SiteResult);
        }

        private Task<AtlassianGroup> FindAsync(Input input, CancellationToken ct) => Task.Run(() =>
            OrgApi.SearchGroups(OrgId, input.DirectoryId, new GroupQuery { GroupNames = new List<string> { input.Name } }, ct)
                .FirstOrDefault(g => string.Equals(g.Name, input.Name, System.StringComparison.OrdinalIgnoreCase)), ct);

        private static ItemFailedException Exists(Input input, AtlassianGroup existing, System.Exception inner = null) =>
            new ItemFailedException("GroupAlreadyExists", ErrorCategory.ResourceExists,
                $"A group named '{input.Name}' already exists in directory {input.DirectoryId}{(existing != null ? " (id " + existing.Id + ")" : "")}. Use -IfExists Return to get the existing group instead.", inner);

        public sealed class Input
        {
            public string Name { get; set; }
            public string Description { get; set; }
            public string DirectoryId { get; set; }
            public AtlassianGroup Result { get; set; }
            /// <summary>True for a Jira site group (-Site, or no org API key).</summary>
            public bool Site { get; set; }
            /// <summary>The created (or, with -IfExists Return, existing) site group.</summary>
            public JiraGroup SiteResult { get; set; }
        }
    }
}
