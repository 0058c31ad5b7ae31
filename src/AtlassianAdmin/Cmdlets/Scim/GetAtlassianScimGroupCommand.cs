using System.Management.Automation;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Scim;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Scim
{
    /// <summary>
    /// <para type="synopsis">Shows the groups the identity provider pushed over SCIM, with their members as the API returns them; read-only.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Scim)]
    [Cmdlet(VerbsCommon.Get, "AtlassianScimGroup", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(AtlassianScimGroup))]
    public sealed class GetAtlassianScimGroupCommand : AtlassianConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        /// <summary>Group display name; wildcards allowed (then matched here over the full listing). An exact name is filtered by the server.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [AllowEmptyString, AllowNull]
        public string DisplayName { get; set; }

        /// <summary>SCIM group ids.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>The pipeline item: a group (its name), a SCIM group, or a name as a string. Other types are refused.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        private ScimClient _scim;

        protected override bool WritesOwnTotal => true;

        protected override void Begin() => _scim = ScimApi;

        protected override void Process()
        {
            // A group's name is its SCIM display name; a workspace's, user's or directory's Name is not.
            var accepted = ParameterSetName == IdSet ? new[] { typeof(AtlassianScimGroup) } : new[] { typeof(AtlassianScimGroup), typeof(AtlassianGroup), typeof(JiraGroup) };
            if (Resolution.PipedObjects.Refused(InputObject, "a group", "Pipe Get-AtlassianGroup or Get-AtlassianScimGroup, or give -DisplayName or -Id.", accepted) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try
                    {
                        var g = Await(_scim.GetGroupAsync(id, CancellationToken));
                        if (g == null) WriteItemError(new ItemNotFoundException($"There is no SCIM group with id '{id}' in directory {_scim.DirectoryId}."), id, "ScimGroupNotFound", ErrorCategory.ObjectNotFound);
                        else if (!WritePaged(g)) return;
                    }
                    catch (AtlassianApiException e) { WriteItemError(e, id); }
                }
                return;
            }

            var given = DisplayName ?? InputObject?.BaseObject as string;
            var name = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
            bool wild = name != null && WildcardPattern.ContainsWildcardCharacters(name);
            var pattern = wild ? new WildcardPattern(name, WildcardOptions.IgnoreCase) : null;
            var filter = name != null && !wild ? ScimClient.EqFilter("displayName", name) : null;
            try
            {
                if (PagingParameters.IncludeTotalCount && !wild)
                {
                    var total = Await(_scim.CountAsync("Groups", filter, CancellationToken));
                    if (total.HasValue) WriteObject(PagingParameters.NewTotalCount((ulong)total.Value, 1.0));
                }
                int written = 0;
                foreach (var g in _scim.ListGroups(filter, CancellationToken))
                {
                    if (pattern != null && !pattern.IsMatch(g.DisplayName ?? "")) continue;
                    written++;
                    if (!WritePaged(g)) return;
                }
                if (written == 0 && name != null && !wild)
                    WriteItemError(new ItemNotFoundException($"The identity provider has pushed no group '{name}' to directory {_scim.DirectoryId}."), name, "ScimGroupNotFound", ErrorCategory.ObjectNotFound);
            }
            catch (AtlassianApiException e) { WriteItemError(e, name); }
        }
    }
}
