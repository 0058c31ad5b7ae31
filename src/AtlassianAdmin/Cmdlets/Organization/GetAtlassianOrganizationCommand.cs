using System.Management.Automation;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Organization
{
    /// <summary>
    /// <para type="synopsis">Gets the connected organization, or every organization the API key can see.</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianOrganization", DefaultParameterSetName = "Current", SupportsPaging = true)]
    [OutputType(typeof(AtlassianOrganization))]
    public sealed class GetAtlassianOrganizationCommand : AtlassianConnectedCmdlet
    {
        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter ListAvailable { get; set; }

        protected override void Process()
        {
            if (ListAvailable)
            {
                foreach (var org in OrgApi.ListOrganizations(CancellationToken)) if (!WritePaged(org)) break;
                return;
            }
            WritePaged(Await(OrgApi.GetOrganizationAsync(OrgId, CancellationToken)));
        }
    }
}
