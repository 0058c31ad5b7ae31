using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Scim;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Scim
{
    /// <summary>
    /// <para type="synopsis">Shows the users the identity provider pushed over SCIM (user provisioning API); read-only.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Scim)]
    [Cmdlet(VerbsCommon.Get, "AtlassianScimUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianScimUser))]
    public sealed class GetAtlassianScimUserCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        /// <summary>SCIM userName; wildcards allowed (then matched here over the full listing). An exact name is filtered by the server.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowEmptyString, AllowNull]
        public string UserName { get; set; }

        /// <summary>Email address (any of the user's emails); wildcards allowed.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [SupportsWildcards]
        [AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>The identity provider's id for the user (e.g. an Entra object id), filtered by the server.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString, AllowNull]
        public string ExternalId { get; set; }

        /// <summary>SCIM ids (not Atlassian account ids).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ScimId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>The pipeline item, so another type's Id (a group's, a domain's) is refused, not read as a SCIM id.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        private ScimClient _scim;
        private List<AtlassianScimUser> _everyone;

        protected override bool WritesOwnTotal => true;

        protected override void Begin() => _scim = ScimApi;

        protected override void Process()
        {
            if (ParameterSetName == IdSet)
            {
                if (Resolution.PipedObjects.Refused(InputObject, "a SCIM user", "Pipe Get-AtlassianScimUser, or give -Id.", typeof(AtlassianScimUser), typeof(AtlassianScimGroupMember)) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
                foreach (var id in Id)
                {
                    try
                    {
                        var u = Await(_scim.GetUserAsync(id, CancellationToken));
                        if (u == null) WriteItemError(new ItemNotFoundException($"There is no SCIM user with id '{id}' in directory {_scim.DirectoryId}."), id, "ScimUserNotFound", ErrorCategory.ObjectNotFound);
                        else if (!WritePaged(u)) return;
                    }
                    catch (AtlassianApiException e) { WriteItemError(e, id); }
                }
                return;
            }

            var userName = Clean(UserName);
            var email = Clean(Email);
            var externalId = Clean(ExternalId);
            if (InputObject != null && userName == null && email == null && externalId == null)
            {
                // A plain string is a userName (the email for most IdPs); an object with nothing to look up is refused, not listed for.
                if (InputObject.BaseObject is string text && !string.IsNullOrWhiteSpace(text)) userName = text.Trim();
                else { WriteItemError(Resolution.PipedObjects.Refusal(InputObject.BaseObject, "a SCIM user", "Pipe users, SCIM users or rows with a userName, email or id column."), InputObject); return; }
            }
            var target = (object)userName ?? (object)email ?? externalId;
            try
            {
                // The server's total is exact only when the server does all the filtering.
                if (PagingParameters.IncludeTotalCount && email == null && !Wild(userName))
                {
                    var total = Await(_scim.CountAsync("Users", ServerFilter(userName, externalId), CancellationToken));
                    if (total.HasValue) WriteObject(PagingParameters.NewTotalCount((ulong)total.Value, 1.0));
                }
                int written = 0;
                foreach (var u in Read(userName, email, externalId))
                {
                    written++;
                    if (!WritePaged(u)) return;
                }
                // An exact identifier that matches nobody is worth saying; a wildcard or a full listing is not.
                bool exact = target != null && !Wild(userName) && !Wild(email);
                if (written == 0 && exact)
                    WriteItemError(new ItemNotFoundException($"The identity provider has pushed no user '{target}' to directory {_scim.DirectoryId}."), target, "ScimUserNotFound", ErrorCategory.ObjectNotFound);
            }
            catch (AtlassianApiException e) { WriteItemError(e, target); }
        }

        private IEnumerable<AtlassianScimUser> Read(string userName, string email, string externalId)
        {
            var filter = ServerFilter(userName, externalId);
            var users = _scim.ListUsers(filter, CancellationToken);
            if (email != null && !Wild(email) && filter == null)
            {
                // Atlassian documents userName/externalId filters only; the userName is the email for most IdPs, so ask for it
                // first and fall back to matching every user's emails here.
                var byUserName = _scim.ListUsers(ScimClient.EqFilter("userName", email), CancellationToken).Where(u => HasEmail(u, email)).ToList();
                // The full listing is read once per invocation, however many rows fall back to it.
                users = byUserName.Count > 0 ? byUserName : (_everyone ?? (_everyone = users.ToList()));
            }
            var namePattern = userName != null && Wild(userName) ? new WildcardPattern(userName, WildcardOptions.IgnoreCase) : null;
            var emailPattern = email != null ? new WildcardPattern(email, WildcardOptions.IgnoreCase) : null;
            return users.Where(u => (namePattern == null || namePattern.IsMatch(u.UserName ?? ""))
                                    && (emailPattern == null || u.Emails.Any(e => emailPattern.IsMatch(e)) || emailPattern.IsMatch(u.UserName ?? "")));
        }

        private static string ServerFilter(string userName, string externalId) =>
            externalId != null ? ScimClient.EqFilter("externalId", externalId)
            : userName != null && !Wild(userName) ? ScimClient.EqFilter("userName", userName) : null;

        private static bool HasEmail(AtlassianScimUser u, string email) =>
            u.Emails.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase)) || string.Equals(u.UserName, email, StringComparison.OrdinalIgnoreCase);

        private static bool Wild(string s) => s != null && WildcardPattern.ContainsWildcardCharacters(s);

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
