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
    /// <summary>The Gallery package (PackageModule target): version from Directory.Build.props, metadata from the manifest.</summary>
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

        [Fact]
        public void PackageModule_writes_a_gallery_ready_nupkg_whose_metadata_matches_the_manifest()
        {
            var outDir = Path.Combine(Path.GetTempPath(), "aa-pkg-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;
            try
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "msbuild", Path.Combine(IsolationTests.RepoRoot, "src", "AtlassianAdmin", "AtlassianAdmin.csproj"),
                             "-t:PackageModule", "-p:PackageModuleNoBuild=true", "-p:ModulePackageOutDir=" + outDir, "-nologo", "-v:m", "-nodeReuse:false" })
                    psi.ArgumentList.Add(a);
                psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
                psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
                using (var p = Process.Start(psi))
                {
                    var stdout = p.StandardOutput.ReadToEndAsync();
                    var stderr = p.StandardError.ReadToEndAsync();
                    Assert.True(p.WaitForExit(180_000), "pack timed out");
                    Assert.True(p.ExitCode == 0, stdout.Result + stderr.Result);
                }

                var package = Path.Combine(outDir, $"AtlassianAdmin.{Version}.nupkg");
                Assert.True(File.Exists(package), string.Join(", ", Directory.GetFiles(outDir)));
                using var zip = ZipFile.OpenRead(package);
                var files = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
                foreach (var f in new[] { "AtlassianAdmin.psd1", "AtlassianAdmin.dll", "en-US/AtlassianAdmin.dll-Help.xml", "Formats/Core.Format.ps1xml", "Dependencies/Polly.Core.dll", "Dependencies/AtlassianAdmin.Client.dll", "LICENSE", "AtlassianAdmin.nuspec" })
                    Assert.Contains(f, files);

                string Read(string name)
                {
                    using var r = new StreamReader(zip.GetEntry(name).Open());
                    return r.ReadToEnd();
                }
                var manifest = Read("AtlassianAdmin.psd1");
                Assert.Equal(File.ReadAllText(PsHarness.ModuleManifest), manifest);
                var nuspec = XDocument.Parse(Read("AtlassianAdmin.nuspec"));
                var ns = nuspec.Root.Name.Namespace;
                var meta = nuspec.Root.Element(ns + "metadata");
                string M(string n) => meta.Element(ns + n)?.Value;
                Assert.Equal("AtlassianAdmin", M("id"));
                Assert.Equal(Version, M("version"));
                Assert.Equal(ManifestValue(manifest, "ModuleVersion"), M("version"));
                Assert.Equal(ManifestValue(manifest, "Description"), M("description"));
                Assert.Equal(ManifestValue(manifest, "Author"), M("authors"));
                Assert.Equal(ManifestValue(manifest, "ProjectUri"), M("projectUrl"));
                Assert.Equal("MIT", M("license"));
                Assert.False(string.IsNullOrWhiteSpace(M("releaseNotes")));
                var tags = M("tags").Split(' ');
                foreach (var t in new[] { "PSModule", "PSEdition_Core", "PSEdition_Desktop", "PSIncludes_Cmdlet", "Atlassian" })
                    Assert.Contains(t, tags);
                var cmdlets = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline).Groups[1].Value;
                foreach (Match c in Regex.Matches(cmdlets, "'([^']+)'"))
                    Assert.Contains("PSCmdlet_" + c.Groups[1].Value, tags);
            }
            finally
            {
                try { Directory.Delete(outDir, true); } catch (IOException) { }
            }
        }
    }
}
