using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Gets the default Atlassian connection, named ones, or all of them (secret-free).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AtlassianConnection", DefaultParameterSetName = "Default")]
    [OutputType(typeof(AtlassianConnection))]
    public sealed class GetAtlassianConnectionCommand : AtlassianCmdlet
    {
        /// <summary>Connection names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = "Name", Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        [SupportsWildcards]
        public string[] Name { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter ListAvailable { get; set; }

        protected override void Process()
        {
            if (ListAvailable)
            {
                WriteObject(AtlassianSession.All, enumerateCollection: true);
                return;
            }
            if (Name == null)
            {
                if (AtlassianSession.Default != null) WriteObject(AtlassianSession.Default);
                return;
            }
            foreach (var n in Name)
            {
                var pattern = WildcardPattern.Get(n, WildcardOptions.IgnoreCase);
                var matches = AtlassianSession.All.Where(c => pattern.IsMatch(c.Name)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(n))
                    WriteItemError(new ItemNotFoundException($"There is no Atlassian connection named '{n}'."), n, "ConnectionNotFound", ErrorCategory.ObjectNotFound);
                WriteObject(matches, enumerateCollection: true);
            }
        }
    }
}
