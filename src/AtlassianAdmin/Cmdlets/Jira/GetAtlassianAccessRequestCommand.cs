using System;
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
    /// <para type="synopsis">Gets access requests from the request project (JQL), with their data: by status, target project or key.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Site)]
    [Cmdlet(VerbsCommon.Get, "AtlassianAccessRequest", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(JiraAccessRequest))]
    public sealed class GetAtlassianAccessRequestCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string KeySet = "Key";

        /// <summary>Only requests in these states (Pending = To Do, Completed = Done).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public AccessRequestStatus[] Status { get; set; }

        /// <summary>Only requests for these target projects; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("ProjectKey", "project_key")]
        [ArgumentCompleter(typeof(ProjectKeyCompleter))]
        [SupportsWildcards]
        public string[] Project { get; set; }

        /// <summary>Request issue keys (ACCESS-12).</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("IssueKey", "issue_key")]
        public string[] Key { get; set; }

        /// <summary>The pipeline item, so a piped object of another type (a project's Key) is refused, not read as an issue key.</summary>
        [Parameter(ParameterSetName = KeySet, ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>The project holding the requests; default: the connection's (Connect-AtlassianOrg -RequestProject).</summary>
        [Parameter]
        public string RequestProject { get; set; }

        private bool _requestProjectChecked;

        protected override void Process()
        {
            var jira = JiraApi;
            string requestProject = null;
            try { requestProject = AccessRequests.RequestProjectOf(ActiveConnection, RequestProject); }
            catch (InvalidOperationException e)
            {
                if (ParameterSetName == ListSet) Terminate(e, RequestProject, "NoRequestProject", ErrorCategory.InvalidOperation);
            }
            if (ParameterSetName == ListSet && !_requestProjectChecked)
            {
                AccessRequests.RequireRequestProject(jira, requestProject, Await, Terminate);
                _requestProjectChecked = true;
            }

            if (ParameterSetName == KeySet)
            {
                if (PipedObjects.Refused(InputObject, AccessRequestDesk.Wanted, AccessRequestDesk.WantedHint, typeof(JiraAccessRequest)) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
                foreach (var key in Key.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim().ToUpperInvariant()))
                {
                    try { if (!WritePaged(Await(AccessRequests.ReadAsync(jira, key, CancellationToken)))) return; }
                    catch (ItemFailedException e) { WriteError(new ErrorRecord(e, e.ErrorId, e.Category, key)); }
                    catch (AtlassianAdmin.Client.AtlassianApiException e) when (IsAboutThisInput(e)) { WriteItemError(e, key); }
                }
                return;
            }

            var filters = (Project ?? Array.Empty<string>()).Select(NameFilter.For).ToList();
            foreach (var r in jira.SearchAccessRequests(requestProject, Status, CancellationToken))
            {
                if (!r.HasData) { WriteVerbose($"{r.Key} has the access-request label but no readable request data; skipped."); continue; }
                if (filters.Count > 0 && !filters.Any(f => f(r.Project))) continue;
                if (!WritePaged(r)) break;
            }
        }
    }
}
