using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Jira;

namespace AtlassianAdmin.Completers
{
    /// <summary>
    /// Completes Jira project keys from the connection's cache. Never blocks the prompt: when nothing is cached yet it
    /// starts one background read of the project list and offers nothing this time (the next Tab has the keys).
    /// </summary>
    public sealed class ProjectKeyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = JiraCompletion.ConnectionFor(fakeBoundParameters);
            if (connection?.Jira == null) return Enumerable.Empty<CompletionResult>();
            if (connection.Cache.Items.TryGetValue(SiteDirectory.ProjectKeysItem, out var o) && o is IReadOnlyList<string> keys)
                return CompletionHelper.Complete(keys, wordToComplete);
            JiraCompletion.LoadProjectsInBackground(connection);
            return Enumerable.Empty<CompletionResult>();
        }
    }

    /// <summary>Completes role names of the -Project already typed (cached per connection; loaded in the background once).</summary>
    public sealed class ProjectRoleCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = JiraCompletion.ConnectionFor(fakeBoundParameters);
            if (connection?.Jira == null) return Enumerable.Empty<CompletionResult>();
            var project = fakeBoundParameters?["Project"]?.ToString();
            if (string.IsNullOrWhiteSpace(project)) return Enumerable.Empty<CompletionResult>();
            var names = SiteDirectory.CachedRoleNames(connection, project.Trim());
            if (names != null) return CompletionHelper.Complete(names, wordToComplete);
            // Start the read (cached on the connection) without waiting for it.
            var site = new SiteDirectory(connection);
            site.RolesOfAsync(project.Trim(), CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            return Enumerable.Empty<CompletionResult>();
        }
    }

    internal static class JiraCompletion
    {
        private const string LoadingItem = "jira:projectKeys:loading";

        public static AtlassianConnection ConnectionFor(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Connection"];
            if (given is PSObject pso) given = pso.BaseObject;
            if (given is AtlassianConnection c) return c;
            if (given is string name) return AtlassianSession.Find(name);
            return AtlassianSession.Default;
        }

        public static void LoadProjectsInBackground(AtlassianConnection connection)
        {
            if (!connection.Cache.Items.TryAdd(LoadingItem, true)) return;
            Task.Run(() =>
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    var site = new SiteDirectory(connection);
                    site.RememberProjects(connection.Jira.SearchProjects(null, null, cts.Token).ToList());
                }
                catch
                {
                    // Completion is best effort; a later Tab tries again.
                }
                finally
                {
                    connection.Cache.Items.TryRemove(LoadingItem, out _);
                }
            });
        }
    }
}
