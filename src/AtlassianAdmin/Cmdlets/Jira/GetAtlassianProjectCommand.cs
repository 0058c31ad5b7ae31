using System;
using System.Collections.Generic;
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
    /// <para type="synopsis">Gets Jira projects of the site with their lead: all (streamed), or by key or name (wildcards).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.Get, "AtlassianProject", SupportsPaging = true)]
    [OutputType(typeof(JiraProject))]
    public sealed class GetAtlassianProjectCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Project keys; wildcards allowed. Binds from Project/ProjectKey columns.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Project", "ProjectKey", "project_key")]
        [ArgumentCompleter(typeof(ProjectKeyCompleter))]
        [SupportsWildcards]
        public string[] Key { get; set; }

        /// <summary>Project name; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string Name { get; set; }

        /// <summary>The pipeline item: a project, a project role, an access request (its project), or a key as a string.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        protected override void Process()
        {
            var jira = JiraApi;
            var site = new SiteDirectory(ActiveConnection);
            var given = Key;
            // An access request's Key is an issue key: the request stands for its project.
            if (InputObject?.BaseObject is JiraAccessRequest request) given = new[] { request.Project };
            else if (InputObject?.BaseObject is string text && given == null) given = new[] { text };
            else if (PipedObjects.Refused(InputObject, "a project", "Pipe Get-AtlassianProject, or give -Key ACME.", typeof(JiraProject), typeof(JiraProjectRole)) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
            var keys = (given ?? Array.Empty<string>()).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
            var exact = keys.Where(k => !WildcardPattern.ContainsWildcardCharacters(k)).ToList();
            foreach (var bad in exact.Where(k => !Identifiers.IsProjectKey(k)).ToList())
            {
                try { Identifiers.RequireProjectKey(bad); }
                catch (ItemFailedException e) { WriteItemError(e, bad, e.ErrorId, e.Category); }
                exact.Remove(bad);
                keys.Remove(bad);
            }
            if (keys.Count == 0 && exact.Count == 0 && (given?.Length ?? 0) > 0) return;
            var patterns = keys.Where(WildcardPattern.ContainsWildcardCharacters).Select(NameFilter.For).ToList();
            var nameFilter = NameFilter.For(Name);
            var seen = new List<JiraProject>();

            if (exact.Count > 0)
            {
                var found = jira.SearchProjects(exact, null, CancellationToken).Where(p => nameFilter(p.Name)).ToList();
                FlushLog();
                foreach (var p in found) { seen.Add(p); WritePaged(p); }
                foreach (var missing in exact.Where(k => !found.Any(p => string.Equals(p.Key, k, StringComparison.OrdinalIgnoreCase) || p.Id == k)))
                    if (Name == null)
                        WriteItemError(new ItemNotFoundException($"The Jira site has no project with key '{missing}' (or you cannot browse it)."), missing, "ProjectNotFound", ErrorCategory.ObjectNotFound);
            }
            if (keys.Count == 0 || patterns.Count > 0)
            {
                foreach (var p in jira.SearchProjects(null, null, CancellationToken))
                {
                    if (!nameFilter(p.Name)) continue;
                    if (patterns.Count > 0 && !patterns.Any(f => f(p.Key))) continue;
                    seen.Add(p);
                    if (!WritePaged(p)) break;
                }
            }
            site.RememberProjects(seen);
        }
    }
}
