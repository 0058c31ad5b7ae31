using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Closes Atlassian connections and forgets their credentials.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AtlassianOrg", DefaultParameterSetName = "Name")]
    public sealed class DisconnectAtlassianOrgCommand : AtlassianCmdlet
    {
        /// <summary>Connections to close (default: the default connection).</summary>
        [Parameter(ParameterSetName = "Name", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>The pipeline item: a connection or its name. Other objects (a group, a user) are refused, not read as a name.</summary>
        [Parameter(ParameterSetName = "Name", ValueFromPipeline = true, DontShow = true)]
        public PSObject InputObject { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        protected override void Process()
        {
            if (All)
            {
                AtlassianSession.Reset();
                return;
            }
            if (Resolution.PipedObjects.Refused(InputObject, "a connection", "Pipe Get-AtlassianConnection, or give -Name.", typeof(AtlassianConnection)) is ItemFailedException refused) { WriteItemError(refused, InputObject); return; }
            if (Name == null || Name.Length == 0)
            {
                var current = AtlassianSession.Default;
                if (current != null) AtlassianSession.Remove(current);
                return;
            }
            foreach (var n in Name)
            {
                var c = AtlassianSession.Find(n);
                if (c == null)
                {
                    WriteItemError(new ItemNotFoundException($"There is no Atlassian connection named '{n}'. Known: {string.Join(", ", AtlassianSession.All.Select(x => x.Name))}."),
                        n, "ConnectionNotFound", ErrorCategory.ObjectNotFound);
                    continue;
                }
                AtlassianSession.Remove(c);
            }
        }
    }
}
