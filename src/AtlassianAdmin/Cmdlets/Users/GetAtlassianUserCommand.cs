using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Gets users of the organization's directory: all of them (streamed), or by accountId or email.</para>
    /// </summary>
    /// <remarks>
    /// The Site* parameter sets (or a connection without an org API key) read the Jira site instead and write
    /// <see cref="JiraUser"/> objects, whose AccountId/Email bind to the same downstream parameters as AtlassianUser.
    /// </remarks>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianUser), typeof(JiraUser))]
    public sealed class GetAtlassianUserCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string LookupSet = "Lookup";
        // Lookups piped in: a set of their own with a mandatory InputObject, so PowerShell prefers it to SitePipeline
        // (an optional one makes every bare pipeline ask for -Site).
        private const string PipelineSet = "Pipeline";
        private const string SiteListSet = "SiteList";
        private const string SiteAccountIdSet = "SiteAccountId";
        private const string SiteEmailSet = "SiteEmail";
        private const string SitePipelineSet = "SitePipeline";
        /// <summary>The search endpoint's page maximum: lookups are sent in batches this big.</summary>
        private const int BatchSize = 100;

        /// <summary>The pipeline item: a user or CSV row (its properties bind below), a plain string (email or accountId), or a group (its members).</summary>
        [Parameter(ParameterSetName = PipelineSet, Mandatory = true, ValueFromPipeline = true, DontShow = true), Parameter(ParameterSetName = SitePipelineSet, Mandatory = true, ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        /// <summary>Account ids to get. Binds from CSV columns such as AccountId, account_id, UserId.</summary>
        [Parameter(ParameterSetName = LookupSet, Position = 0), Parameter(ParameterSetName = PipelineSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteAccountIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SitePipelineSet, ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string[] AccountId { get; set; }

        /// <summary>Email addresses to get (exact match). Binds from columns such as Email, EmailAddress, mail.</summary>
        [Parameter(ParameterSetName = LookupSet), Parameter(ParameterSetName = PipelineSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteAccountIdSet, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SiteEmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true), Parameter(ParameterSetName = SitePipelineSet, ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string[] Email { get; set; }

        /// <summary>Matches nickname or email (server-side search).</summary>
        [Parameter(ParameterSetName = ListSet), Parameter(ParameterSetName = SiteListSet)]
        public string SearchTerm { get; set; }

        /// <summary>Only users with these directory statuses.</summary>
        [Parameter(ParameterSetName = ListSet), Parameter(ParameterSetName = SiteListSet), ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Directory to read; defaults to the org's only directory, or all directories when there are several.</summary>
        [Parameter(ParameterSetName = ListSet), Parameter(ParameterSetName = LookupSet), Parameter(ParameterSetName = PipelineSet, ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(AtlassianAdmin.Completers.DirectoryIdCompleter))]
        public string DirectoryId { get; set; }

        /// <summary>Include each user's groups (one request per page, not per user).</summary>
        [Parameter(ParameterSetName = ListSet), Parameter(ParameterSetName = LookupSet), Parameter(ParameterSetName = PipelineSet)]
        public SwitchParameter IncludeGroups { get; set; }

        /// <summary>Read users through the connection's Jira site (user search) instead of the org directory.</summary>
        [Parameter(ParameterSetName = SiteListSet, Mandatory = true), Parameter(ParameterSetName = SiteAccountIdSet, Mandatory = true), Parameter(ParameterSetName = SiteEmailSet, Mandatory = true), Parameter(ParameterSetName = SitePipelineSet, Mandatory = true)]
        public SwitchParameter Site { get; set; }

        private readonly List<Lookup> _pending = new List<Lookup>();
        private UserResolver _resolver;
        private SiteUserReader _site;
        private string _directoryId;

        protected override bool WritesOwnTotal => true;

        private SiteUserReader SiteUsers => _site ?? (_site = new SiteUserReader(JiraApi, ActiveConnection));

        protected override void Process()
        {
            var piped = InputObject?.BaseObject;
            // A group is not a user: it stands for its members (its id is never read as an accountId).
            if (piped is AtlassianGroup || piped is JiraGroup)
            {
                Members(piped);
                return;
            }
            if (ParameterSetName == ListSet || ParameterSetName == SiteListSet)
            {
                if (OnSite) ListSite(); else List();
                return;
            }

            var (ids, emails) = UserInput.Values(AccountId, Email, piped);
            var byId = ids.Count > 0; // accountId wins when a row has both
            if (!byId && emails.Count == 0)
            {
                WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                return;
            }
            foreach (var key in byId ? ids : emails)
            {
                if (byId && !UserInput.IsValidAccountId(key)) WriteItemError(UserInput.BadAccountId(key), key, "InvalidAccountId", ErrorCategory.InvalidArgument);
                else if (!byId && !UserInput.IsPlausibleEmail(key)) WriteItemError(UserInput.BadEmail(key), key, "InvalidEmail", ErrorCategory.InvalidArgument);
                else if (OnSite) ReadSite(byId, key);
                else _pending.Add(new Lookup(byId, key, Directory()));
            }
            if (_pending.Count >= BatchSize) Flush();
        }

        protected override void End() => Flush();

        private string Directory() => _directoryId ?? (_directoryId = ResolveDirectoryId(DirectoryId, allowAll: true));

        private List<string> Expand() => IncludeGroups ? new List<string> { "groups" } : null;

        private void List()
        {
            var query = new UserQuery
            {
                SearchTerm = string.IsNullOrEmpty(SearchTerm) ? null : SearchTerm,
                Status = Status?.Select(s => s.ToLowerInvariant()).ToList(),
                Expand = Expand(),
            };
            var directoryId = Directory();
            if (PagingParameters.IncludeTotalCount)
            {
                var total = Await(OrgApi.CountUsersAsync(OrgId, directoryId, query.Status, query.SearchTerm, CancellationToken));
                WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
            }
            foreach (var user in OrgApi.SearchUsers(OrgId, directoryId, query, CancellationToken))
            {
                if (!WritePaged(user)) break;
            }
        }

        private void ListSite()
        {
            // The site has no count endpoint: the total is unknown (accuracy 0).
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            foreach (var user in SiteUsers.List(SearchTerm, Status, CancellationToken))
            {
                WarnOnce();
                if (!WritePaged(user)) break;
            }
            WarnOnce();
        }

        private void WarnOnce()
        {
            var warning = SiteUsers.TakeWarning();
            if (warning != null) WriteWarning(warning);
        }

        /// <summary>One value's site read; a client error about that value (400, 404, 414…) is its error, and the other values go on.</summary>
        private void ReadSite(bool byId, string key)
        {
            JiraUser user;
            try { user = Await(SiteUsers.FindAsync(byId, key, CancellationToken)); }
            catch (AtlassianAdmin.Client.AtlassianApiException e) when (IsAboutThisInput(e))
            {
                WriteItemError(e, key);
                return;
            }
            if (user != null) WriteObject(user);
            else WriteItemError(SiteUserReader.NotFound(byId, key), key, "UserNotFound", ErrorCategory.ObjectNotFound);
        }

        /// <summary>A piped group's members: a site group's from the site, a directory group's from its directory (or the site with -Site).</summary>
        private void Members(object group)
        {
            Flush(); // the rows before the group are written first
            if (group is JiraGroup || OnSite)
            {
                var groupId = group is JiraGroup j ? j.GroupId : ((AtlassianGroup)group).Id;
                foreach (var member in SiteUsers.Members(groupId, CancellationToken))
                    if (!WritePaged(member)) return;
                return;
            }
            var g = (AtlassianGroup)group;
            var query = new UserQuery { GroupIds = new List<string> { g.Id }, Expand = Expand() };
            foreach (var user in OrgApi.SearchUsers(OrgId, string.IsNullOrEmpty(g.DirectoryId) ? Directory() : g.DirectoryId, query, CancellationToken))
                if (!WritePaged(user)) return;
        }

        /// <summary>
        /// Resolves the pending lookups through the batched resolver (one search per 100 ids/emails) and writes the
        /// results in input order; a lookup that matches nobody is a UserNotFound error whose target is that value.
        /// </summary>
        private void Flush()
        {
            if (_pending.Count == 0) return;
            _resolver = _resolver ?? new UserResolver(OrgApi, OrgId, ActiveConnection.Cache, Expand());
            var lookups = _pending.Select(p => _resolver.ResolveAsync(
                new UserRef { AccountId = p.ById ? p.Key : null, Email = p.ById ? null : p.Key, DirectoryId = p.DirectoryId }, CancellationToken)).ToList();
            Await(Task.WhenAll(lookups.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))));
            for (var i = 0; i < _pending.Count; i++)
            {
                var lookup = lookups[i];
                if (lookup.IsCanceled) throw new OperationCanceledException();
                if (!lookup.IsFaulted) WriteObject(lookup.Result);
                else if (lookup.Exception.InnerException is ItemFailedException f) WriteItemError(f, _pending[i].Key, f.ErrorId, f.Category);
                else WriteItemError(lookup.Exception.InnerException, _pending[i].Key);
            }
            _pending.Clear();
        }

        private sealed class Lookup
        {
            public Lookup(bool byId, string key, string directoryId) { ById = byId; Key = key; DirectoryId = directoryId; }
            public bool ById { get; }
            public string Key { get; }
            public string DirectoryId { get; }
        }
    }
}
