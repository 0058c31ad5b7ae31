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

        protected override void Process()
        {
            if (IsBound(nameof(DomainId)))
            {
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
