using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Directories;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// <para type="synopsis">Creates directory groups (or, with -Site, Jira site groups); writes each created group (or, with -IfExists Return, the existing one).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.New, "AtlassianGroup", DefaultParameterSetName = RequiresApiAttribute.OrganizationParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AtlassianGroup), typeof(JiraGroup), typeof(AtlassianChangeResult))]
    public sealed class NewAtlassianGroupCommand : ChangeCmdlet<NewAtlassianGroupCommand.Input>
    {
        /// <summary>Name of the new group.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true), Alias("Group", "GroupName", "group_name"), AllowEmptyString, AllowNull]
        public string Name { get; set; }

        /// <summary>Optional description (org groups).</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet, Position = 1, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string Description { get; set; }

        /// <summary>Directory to create the group in (org groups); default: the organization's only directory.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.OrganizationParameterSet, ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>What to do when a group with the name exists: Error (GroupAlreadyExists) or Return (write the existing group, outcome Unchanged).</summary>
        [Parameter, ValidateSet("Error", "Return", IgnoreCase = true)]
        public string IfExists { get; set; } = "Error";

        /// <summary>Create Jira site groups instead of org directory groups.</summary>
        [Parameter(ParameterSetName = RequiresApiAttribute.SiteParameterSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private IGroupDirectory _groups;
        private bool ReturnExisting => string.Equals(IfExists, "Return", System.StringComparison.OrdinalIgnoreCase);

        protected override void Begin()
        {
            base.Begin();
            _groups = GroupDirectory.For(ActiveConnection, OnSite);
        }

        protected override Input Capture(PSObject item)
        {
            // A user, project or workspace binds -Name by property name; it is not a group to create (issue 14).
            PipedObjects.Require(item, "a group name", "Pipe names, CSV rows with a Name column, or groups (to create groups of the same names, e.g. on the site).",
                typeof(AtlassianGroup), typeof(JiraGroup));
            var name = string.IsNullOrWhiteSpace(Name) ? (item?.BaseObject as string)?.Trim() : Name.Trim();
            if (string.IsNullOrEmpty(name))
                throw new ItemFailedException("GroupNameMissing", ErrorCategory.InvalidArgument,
                    "No group name was given. Use -Name, or pipe names or CSV rows with a Name, Group or GroupName column.");
            // Site groups have no description or directory (a description column of piped rows is ignored there).
            if (_groups.IsSite) return new Input { Name = name };
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
            var change = new PlannedChange { Action = "Create group", Target = input.Name, Resource = _groups.Where(input.DirectoryId) };
            var existing = await _groups.FindByNameAsync(input.DirectoryId, input.Name, ct).ConfigureAwait(false);
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
                    input.Result = await _groups.CreateAsync(input.DirectoryId, input.Name, input.Description, t).ConfigureAwait(false);
                    return true;
                }
                catch (AtlassianApiException e) when (_groups.IsNameConflict(e))
                {
                    // Created meanwhile (e.g. the same name twice in one CSV).
                    var now = await _groups.FindByNameAsync(input.DirectoryId, input.Name, t).ConfigureAwait(false);
                    if (now == null && _groups.IsSite) throw; // a 400 that is not about the name
                    if (!ReturnExisting || now == null) throw Exists(input, now, e);
                    input.Result = now;
                    return false;
                }
            };
            return change;
        }

        protected override void OnReported(Input input, PlannedChange change, AtlassianChangeResult result)
        {
            if (!PassThru && input?.Result != null && (result.Outcome == ChangeOutcome.Changed || result.Outcome == ChangeOutcome.Unchanged))
                WriteObject(input.Result.Value);
        }

        private ItemFailedException Exists(Input input, DirectoryGroup existing, System.Exception inner = null) =>
            new ItemFailedException("GroupAlreadyExists", ErrorCategory.ResourceExists,
                $"A group named '{input.Name}' already exists {(_groups.IsSite ? "on the Jira site" : "in directory " + input.DirectoryId)}{(existing != null ? " (id " + existing.Id + ")" : "")}. Use -IfExists Return to get the existing group instead.", inner);

        public sealed class Input
        {
            public string Name { get; set; }
            public string Description { get; set; }
            public string DirectoryId { get; set; }
            /// <summary>The created (or, with -IfExists Return, existing) group.</summary>
            internal DirectoryGroup Result { get; set; }
        }
    }
}
