using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Every parameter of the user access cmdlets has a section in its docs page.</summary>
    public class UserAccessDocsTests
    {
        private static readonly string[] Cmdlets =
        {
            "New-AtlassianInvitation", "Get-AtlassianUserRole", "Grant-AtlassianUserRole", "Revoke-AtlassianUserRole",
            "Get-AtlassianManagedAccount", "Set-AtlassianManagedAccount", "Disable-AtlassianManagedAccount",
            "Enable-AtlassianManagedAccount", "Remove-AtlassianManagedAccount",
        };

        [Fact]
        public void Docs_pages_document_every_parameter_and_the_manifest_exports_the_cmdlets()
        {
            using var ps = new PsHarness();
            var docs = Path.Combine(Path.GetDirectoryName(PsHarness.ModuleManifest)!, "..", "..", "docs");
            var common = new[] { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
                "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable" };
            foreach (var name in Cmdlets)
            {
                var r = ps.Run($"(Get-Command {name}).Parameters.Values | Where-Object {{ -not ($_.Attributes | Where-Object {{ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }}) }} | ForEach-Object Name");
                Assert.False(r.HadErrors, r.ErrorText);
                Assert.True(r.Output.Count >= 4, name + ": " + r.Output.Count);
                var page = File.ReadAllText(Path.Combine(docs, name + ".md"));
                foreach (var p in r.Output.Select(o => (string)o.BaseObject).Except(common))
                    Assert.True(page.Contains("### -" + p + "\n"), $"{name}.md does not document -{p}");
                Assert.Contains("## EXAMPLES", page);
            }
        }
    }
}
