using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>One version, from Directory.Build.props. The package itself (Compress-PSResource) is tested in real pwsh: tests/Pester/Package.Tests.ps1.</summary>
    public class PackageTests
    {
        internal static string Version =>
            XDocument.Load(Path.Combine(IsolationTests.RepoRoot, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();

        private static string ManifestValue(string manifest, string key) =>
            Regex.Match(manifest, @"^\s*" + key + @"\s*=\s*'([^']*)'", RegexOptions.Multiline).Groups[1].Value;

        [Fact]
        public void Built_manifest_carries_the_one_version_and_the_changelog_has_a_section_for_it()
        {
            var manifest = File.ReadAllText(PsHarness.ModuleManifest);
            Assert.Equal(Version, ManifestValue(manifest, "ModuleVersion"));
            var template = File.ReadAllText(Path.Combine(IsolationTests.RepoRoot, "AtlassianAdmin.psd1"));
            Assert.Contains("ModuleVersion        = '{{ModuleVersion}}'", template); // never a literal version in the template
            var changelog = File.ReadAllText(Path.Combine(IsolationTests.RepoRoot, "CHANGELOG.md"));
            Assert.Matches(new Regex(@"^## \[" + Regex.Escape(Version) + @"\]", RegexOptions.Multiline), changelog);
            Assert.True(File.Exists(Path.Combine(IsolationTests.RepoRoot, "LICENSE")));
            Assert.True(File.Exists(Path.Combine(IsolationTests.ModuleFolder, "LICENSE")));
        }
    }
}
