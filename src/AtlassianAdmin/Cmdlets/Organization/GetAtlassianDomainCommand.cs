using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Organization
{
    /// <summary>
    /// <para type="synopsis">Gets the domains claimed by the organization and their verification status.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianDomain", DefaultParameterSetName = "List", SupportsPaging = true)]
    [OutputType(typeof(AtlassianDomain))]
    public sealed class GetAtlassianDomainCommand : AtlassianConnectedCmdlet
    {
        /// <summary>Domain name filter; wildcards allowed.</summary>
        [Parameter(ParameterSetName = "List", Position = 0)]
        [SupportsWildcards]
        public string Name { get; set; }

        [Parameter(ParameterSetName = "Id", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string DomainId { get; set; }

        /// <summary>The pipeline item, so another type's Id (a group's, a workspace's) is refused, not read as a domain id.</summary>
        [Parameter(ParameterSetName = "Id", ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        protected override void Process()
        {
            if (IsBound(nameof(DomainId)))
            {
                if (PipedObjects.Refused(InputObject, "a domain", "Pipe Get-AtlassianDomain, or give -DomainId.", typeof(AtlassianDomain)) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
                try { WritePaged(Await(OrgApi.GetDomainAsync(OrgId, DomainId, CancellationToken))); }
                catch (AtlassianAdmin.Client.AtlassianApiException ex) { WriteItemError(ex, DomainId, ex.Status == 404 ? "DomainNotFound" : null); }
                return;
            }
            var filter = NameFilter.For(Name);
            foreach (var d in OrgApi.ListDomains(OrgId, CancellationToken))
                if (filter(d.Name) && !WritePaged(d)) break;
        }
    }
}
