using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Jira
{
    /// <summary>
    /// <para type="synopsis">Gets the roles of a Jira project with their actors (users and groups).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.Get, "AtlassianProjectRole", SupportsPaging = true)]
    [OutputType(typeof(JiraProjectRole))]
    public sealed class GetAtlassianProjectRoleCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Project key (or id). Binds from ProjectKey (pipe Get-AtlassianProject).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectKey", "project_key")]
        [ArgumentCompleter(typeof(ProjectKeyCompleter))]
        [ValidateNotNullOrEmpty]
        public string Project { get; set; }

        /// <summary>Role names; wildcards allowed. Default: every role of the project.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(ProjectRoleCompleter))]
        [SupportsWildcards]
        public string[] Role { get; set; }

        protected override void Process()
        {
            var jira = JiraApi;
            var site = new SiteDirectory(ActiveConnection);
            var project = Project.Trim();
            System.Collections.Generic.IReadOnlyDictionary<string, long> roles;
            try
            {
                roles = Await(site.RolesOfAsync(project, CancellationToken));
            }
            catch (ItemFailedException e)
            {
                WriteError(new ErrorRecord(e, e.ErrorId, e.Category, project));
                return;
            }
            var selected = roles.OrderBy(r => r.Key, System.StringComparer.OrdinalIgnoreCase).ToList();
            if (Role != null && Role.Length > 0)
            {
                var filters = Role.Select(NameFilter.For).ToList();
                selected = selected.Where(r => filters.Any(f => f(r.Key))).ToList();
                foreach (var name in Role.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !roles.Keys.Any(k => string.Equals(k, n, System.StringComparison.OrdinalIgnoreCase))))
                    WriteItemError(new ItemNotFoundException($"Project {project.ToUpperInvariant()} has no role '{name}'. Valid roles: {string.Join(", ", roles.Keys.OrderBy(k => k))}."), name, "RoleNotFound", ErrorCategory.ObjectNotFound);
            }
            foreach (var r in selected)
            {
                var role = Await(jira.GetProjectRoleAsync(project.ToUpperInvariant(), r.Value, CancellationToken));
                role.Name = role.Name ?? r.Key;
                if (!WritePaged(role)) break;
            }
        }
    }
}
