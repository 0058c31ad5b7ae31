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
    /// Completes Jira project keys from the connection's cache. When nothing is cached yet it starts one background read
    /// of the project list and waits for it at most <see cref="CompletionCache.FirstFetchBudget"/>, so the first Tab
    /// offers keys and a stalled site never freezes the prompt (the next Tab has them).
    /// </summary>
    public sealed class ProjectKeyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = JiraCompletion.ConnectionFor(fakeBoundParameters);
            if (connection?.Jira == null) return Enumerable.Empty<CompletionResult>();
            var keys = connection.Cache.Jira.ProjectKeys;
            if (keys != null) return CompletionHelper.Complete(keys, wordToComplete);
            JiraCompletion.WaitBriefly(JiraCompletion.LoadProjectsInBackground(connection));
            keys = connection.Cache.Jira.ProjectKeys;
            return keys != null ? CompletionHelper.Complete(keys, wordToComplete) : Enumerable.Empty<CompletionResult>();
        }
    }

    /// <summary>Completes role names of the -Project already typed (cached per connection; loaded in the background once,
    /// waited for at most <see cref="CompletionCache.FirstFetchBudget"/>).</summary>
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
            // Start the read (cached on the connection) and give it a moment.
            var site = new SiteDirectory(connection);
            var read = site.RolesOfAsync(project.Trim(), CancellationToken.None);
            read.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            JiraCompletion.WaitBriefly(read);
            names = SiteDirectory.CachedRoleNames(connection, project.Trim());
            return names != null ? CompletionHelper.Complete(names, wordToComplete) : Enumerable.Empty<CompletionResult>();
        }
    }

    internal static class JiraCompletion
    {
        public static AtlassianConnection ConnectionFor(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Connection"];
            if (given is PSObject pso) given = pso.BaseObject;
            if (given is AtlassianConnection c) return c;
            if (given is string name) return AtlassianSession.Find(name);
            return AtlassianSession.Default;
        }

        /// <summary>Waits for <paramref name="task"/> at most the first-fetch budget; failures are the task's own business.</summary>
        public static void WaitBriefly(Task task)
        {
            if (task == null) return;
            try { task.Wait(CompletionCache.FirstFetchBudget); } catch (AggregateException) { /* best effort */ }
        }

        /// <summary>The one in-flight read of the project list (started when none runs).</summary>
        public static Task LoadProjectsInBackground(AtlassianConnection connection) =>
            connection.Cache.Jira.LoadProjectKeysOnce(() =>
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                new SiteDirectory(connection).RememberProjects(connection.Jira.SearchProjects(null, null, cts.Token).ToList());
            });
    }
}
