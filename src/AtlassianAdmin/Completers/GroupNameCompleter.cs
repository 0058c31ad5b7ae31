using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AtlassianAdmin.Bulk;
using AtlassianAdmin.Connection;

namespace AtlassianAdmin.Completers
{
    /// <summary>
    /// Completes group names from the connection's cached list (filled by Get-AtlassianGroup and group resolution, for org and site groups).
    /// Never does I/O: with nothing cached yet it offers nothing rather than blocking the prompt.
    /// Kept tiny and isolated so it can move to the shared background-refreshing completion cache later.
    /// </summary>
    public sealed class GroupNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            AtlassianConnection connection = null;
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Connection"))
            {
                var given = fakeBoundParameters["Connection"];
                if (given is PSObject pso) given = pso.BaseObject;
                connection = given as AtlassianConnection ?? (given is string name ? AtlassianSession.Find(name) : null);
            }
            connection = connection ?? AtlassianSession.Default;
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            var names = GroupResolver.KnownNames(connection).Concat(Jira.SiteGroupResolver.KnownNames(connection)).Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            return CompletionHelper.Complete(names, wordToComplete).ToList();
        }
    }
}
