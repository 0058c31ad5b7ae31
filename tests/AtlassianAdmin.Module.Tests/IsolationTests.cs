using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// The module's dependencies (Polly, Microsoft.Extensions.*, System.Text.Json, Microsoft.Bcl.*) must never clash with
    /// other copies in the host. The cmdlet assembly must not reference them (so it can stay in the default load context),
    /// and the module must work when a different version of a dependency is already loaded there.
    /// </summary>
    public class IsolationTests
    {
        private static readonly string[] IsolatedPrefixes = { "Polly", "Microsoft.Extensions.", "System.Text.Json", "Microsoft.Bcl." };

        internal static string Metadata(string key) =>
            typeof(IsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

        internal static string RepoRoot => Path.GetFullPath(Metadata("RepoRoot"));
        internal static string ModuleFolder => Path.GetDirectoryName(PsHarness.ModuleManifest);

        [Fact]
        public void Cmdlet_assembly_references_no_isolated_dependency()
        {
            using var stream = File.OpenRead(Path.Combine(ModuleFolder, "AtlassianAdmin.dll"));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
            Assert.Contains("AtlassianAdmin.Client", references); // sanity: we read the right thing
            var leaks = references.Where(r => IsolatedPrefixes.Any(p => r.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList();
            Assert.True(leaks.Count == 0, "The cmdlet assembly references isolated dependencies: " + string.Join(", ", leaks));
        }

        [Fact]
        public void Module_layout_keeps_only_the_cmdlet_assembly_at_the_root()
        {
            Assert.Equal(new[] { "AtlassianAdmin.dll" }, Directory.GetFiles(ModuleFolder, "*.dll").Select(Path.GetFileName));
            var deps = Directory.GetFiles(Path.Combine(ModuleFolder, "Dependencies"), "*.dll").Select(Path.GetFileName).ToList();
            Assert.Contains("Polly.Core.dll", deps);
            Assert.Contains("System.Text.Json.dll", deps);
            Assert.Contains("AtlassianAdmin.Client.dll", deps);
        }

        /// <summary>
        /// The load context compares versions from Dependencies/versions.txt instead of reading assembly metadata at run
        /// time; the table must list every shipped dll with the version its metadata carries.
        /// </summary>
        [Fact]
        public void The_versions_table_matches_every_shipped_dependency()
        {
            var deps = Path.Combine(ModuleFolder, "Dependencies");
            var table = File.ReadAllLines(Path.Combine(deps, "versions.txt")).Where(l => l.Contains('='))
                .ToDictionary(l => l.Substring(0, l.IndexOf('=')), l => l.Substring(l.IndexOf('=') + 1));
            var dlls = Directory.GetFiles(deps, "*.dll");
            Assert.Equal(dlls.Length, table.Count);
            foreach (var dll in dlls)
            {
                var name = System.Reflection.AssemblyName.GetAssemblyName(dll);
                Assert.True(table.TryGetValue(name.Name, out var listed), name.Name + " is missing from versions.txt");
                Assert.Equal(name.Version.ToString(), listed);
            }
        }

        /// <summary>
        /// A fresh process (the module may already be loaded in this one): the host pre-loads Polly.Core 8.6.5 and
        /// Microsoft.Extensions.DependencyInjection.Abstractions 8.0.0 into the default load context, then imports the module,
        /// connects to the sandbox and lists users. Both versions of each assembly must end up loaded side by side.
        /// </summary>
        [Fact]
        public void Module_works_beside_older_copies_of_its_dependencies_in_the_default_context()
        {
            var conflicts = Path.Combine(AppContext.BaseDirectory, "Conflicts");
            Assert.True(File.Exists(Path.Combine(conflicts, "Polly.Core.dll")), "Conflicts/Polly.Core.dll missing (PackageDownload in the test project)");
            var script = Path.Combine(Path.GetTempPath(), "aa-isolation-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, IsolationScript);
            try
            {
                var (exit, stdout, stderr) = Pwsh.RunFile(script, new[] { conflicts });
                Assert.True(exit == 0, $"pwsh exit {exit}\n{stdout}\n{stderr}");
                Assert.Contains("PRELOADED Polly.Core 8.0.0.0 (8.6.5)", stdout);
                Assert.Contains("USERS 3", stdout);
                // The pre-loaded copies stay in the default context; the module's own newer copies load in its context.
                Assert.Contains("LOADED Polly.Core 8.0.0.0 Default 8.6.5", stdout);
                Assert.Contains("LOADED Polly.Core 8.0.0.0 IsolatedLoadContext " + ShippedVersion("Polly.Core"), stdout);
                Assert.Contains("LOADED Microsoft.Extensions.DependencyInjection.Abstractions 8.0.0.0 Default 8.0.0", stdout);
                Assert.Contains("LOADED Microsoft.Extensions.DependencyInjection.Abstractions 10.0.0.0 IsolatedLoadContext", stdout);
            }
            finally
            {
                File.Delete(script);
            }
        }

        /// <summary>
        /// The control: the same script against a copy of the module with every dll flat in the root (no Dependencies/, so
        /// no isolation) fails on the version clash. This proves the test above would catch a broken loader.
        /// </summary>
        [Fact]
        public void Without_isolation_the_same_script_fails_on_the_version_clash()
        {
            var root = Path.Combine(Path.GetTempPath(), "aa-flat-" + Guid.NewGuid().ToString("N"));
            var flat = Path.Combine(root, "AtlassianAdmin");
            var script = Path.Combine(root, "isolation.ps1");
            try
            {
                Directory.CreateDirectory(flat);
                foreach (var f in Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories))
                {
                    var rel = Path.GetRelativePath(ModuleFolder, f);
                    var target = rel.StartsWith("Dependencies") ? Path.Combine(flat, Path.GetFileName(f)) : Path.Combine(flat, rel);
                    Directory.CreateDirectory(Path.GetDirectoryName(target));
                    File.Copy(f, target);
                }
                File.WriteAllText(script, IsolationScript);
                var (exit, stdout, stderr) = Pwsh.RunFile(script, new[] { Path.Combine(AppContext.BaseDirectory, "Conflicts") }, moduleRoot: root);
                Assert.NotEqual(0, exit);
                Assert.DoesNotContain("USERS 3", stdout);
                // pwsh wraps the error to the console width: compare without the line breaks and the gutter.
                var unwrapped = System.Text.RegularExpressions.Regex.Replace(stdout + stderr, @"\s*\n\s*\|?\s*", " ");
                Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions, Version=10.0.0.0", unwrapped);
            }
            finally
            {
                try { Directory.Delete(root, true); } catch (IOException) { }
            }
        }

        private static string ShippedVersion(string assembly)
        {
            var path = Path.Combine(ModuleFolder, "Dependencies", assembly + ".dll");
            return FileVersionInfo.GetVersionInfo(path).ProductVersion.Split('+')[0];
        }

        private const string IsolationScript = @"
param($Conflicts)
$ErrorActionPreference = 'Stop'
$polly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($Conflicts, 'Polly.Core.dll'))
$di = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($Conflicts, 'Microsoft.Extensions.DependencyInjection.Abstractions.dll'))
$null = $polly.GetType('Polly.ResiliencePipeline', $true)
$null = $di.GetType('Microsoft.Extensions.DependencyInjection.IServiceCollection', $true)
'PRELOADED Polly.Core ' + $polly.GetName().Version + ' (' + $polly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion.Split('+')[0] + ')'
Import-Module AtlassianAdmin
Connect-AtlassianOrg -Sandbox
$users = @(Get-AtlassianUser -First 3)
'USERS ' + $users.Count
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
    $n = $a.GetName()
    if ($n.Name -eq 'Polly.Core' -or $n.Name -eq 'Microsoft.Extensions.DependencyInjection.Abstractions') {
        $alc = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a)
        $kind = if ($alc -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { $alc.GetType().Name }
        $info = $a.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion.Split('+')[0]
        'LOADED ' + $n.Name + ' ' + $n.Version + ' ' + $kind + ' ' + $info
    }
}
";
    }
}
