using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Users
{
    /// <summary>
    /// <para type="synopsis">Gets users of the organization's directory: all of them (streamed), or by accountId or email.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.OrganizationOrSite)]
    [Cmdlet(VerbsCommon.Get, "AtlassianUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianUser), typeof(JiraUser))]
    public sealed partial class GetAtlassianUserCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string LookupSet = "Lookup";
        /// <summary>The search endpoint's page maximum: lookups are sent in batches this big.</summary>
        private const int BatchSize = 100;

        /// <summary>Account ids to get. Binds from CSV columns such as AccountId, account_id, Id.</summary>
        [Parameter(ParameterSetName = LookupSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("account_id", "UserId", "atlassian_id", "aaid")]
        [AllowEmptyString, AllowNull]
        public string[] AccountId { get; set; }

        /// <summary>Email addresses to get (exact match). Binds from columns such as Email, EmailAddress, mail.</summary>
        [Parameter(ParameterSetName = LookupSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull]
        public string[] Email { get; set; }

        /// <summary>Matches nickname or email (server-side search).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string SearchTerm { get; set; }

        /// <summary>Only users with these directory statuses.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "suspended", "not_invited", "deactivated", "for_deletion", IgnoreCase = true)]
        public string[] Status { get; set; }

        /// <summary>Directory to read; defaults to the org's only directory, or all directories when there are several.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.DirectoryIdCompleter))]
        public string DirectoryId { get; set; }

        /// <summary>Include each user's groups (one request per page, not per user).</summary>
        [Parameter]
        public SwitchParameter IncludeGroups { get; set; }

        private readonly List<Lookup> _pending = new List<Lookup>();
        private UserResolver _resolver;
        private string _directoryId;

        protected override void Process()
        {
            if (UseSite)
            {
                ProcessSite();
                return;
            }
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            var directoryId = Directory();
            var accountIds = (AccountId ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
            var emails = (Email ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();
            // accountId wins when a row has both.
            if (accountIds.Count > 0)
            {
                foreach (var id in accountIds)
                {
                    if (UserInput.IsValidAccountId(id)) _pending.Add(new Lookup(true, id, directoryId));
                    else WriteItemError(UserInput.BadAccountId(id), id, "InvalidAccountId", ErrorCategory.InvalidArgument);
                }
            }
            else if (emails.Count > 0)
            {
                foreach (var email in emails)
                {
                    if (UserInput.IsPlausibleEmail(email)) _pending.Add(new Lookup(false, email, directoryId));
                    else WriteItemError(UserInput.BadEmail(email), email, "InvalidEmail", ErrorCategory.InvalidArgument);
                }
            }
            else
            {
                WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
            }

            if (_pending.Count >= BatchSize) Flush();
        }

        protected override void End()
        {
            if (!UseSite) Flush();
        }

        private string Directory() => _directoryId ?? (_directoryId = ResolveDirectoryId(DirectoryId, allowAll: true));

        private void List()
        {
            var query = new UserQuery
            {
                SearchTerm = string.IsNullOrEmpty(SearchTerm) ? null : SearchTerm,
                Status = Status?.Select(s => s.ToLowerInvariant()).ToList(),
                Expand = IncludeGroups ? new List<string> { "groups" } : null,
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

        /// <summary>
        /// Resolves the pending lookups through the batched resolver (one search per 100 ids/emails) and writes the
        /// results in input order; a lookup that matches nobody is a UserNotFound error whose target is that value.
        /// </summary>
        private void Flush()
        {
            if (_pending.Count == 0) return;
            _resolver = _resolver ?? new UserResolver(OrgApi, OrgId, ActiveConnection.Cache, IncludeGroups ? new[] { "groups" } : null);
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
