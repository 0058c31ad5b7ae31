using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Every [OutputType] of every cmdlet has a default table view that fits 120 columns, every model type has a
    /// readable ToString, and every format file ships and is listed in the manifest's FormatsToProcess.
    /// </summary>
    public class FormattingTests
    {
        private const int MaxWidth = 120;

        private static string FormatsFolder => Path.Combine(IsolationTests.ModuleFolder, "Formats");

        private static List<(string File, XElement View)> Views() =>
            Directory.GetFiles(FormatsFolder, "*.Format.ps1xml")
                .SelectMany(f => XDocument.Load(f).Descendants("View").Select(v => (Path.GetFileName(f), v)))
                .ToList();

        private static IEnumerable<string> Selected(XElement view) =>
            view.Element("ViewSelectedBy")?.Elements("TypeName").Select(t => t.Value.Trim()) ?? Enumerable.Empty<string>();

        /// <summary>Output types of every exported cmdlet, as loaded by the module (module types live in its load context).</summary>
        private static List<Type> OutputTypes(PsHarness ps) =>
            ps.Run("foreach ($c in Get-Command -Module AtlassianAdmin -CommandType Cmdlet) { foreach ($t in $c.OutputType) { $t.Type } }")
                .Output.Select(o => o.BaseObject).OfType<Type>().Distinct().ToList();

        [Fact]
        public void Every_table_view_fits_120_columns_and_keeps_a_one_line_header_at_80()
        {
            var problems = new List<string>();
            foreach (var (file, view) in Views())
            {
                var table = view.Element("TableControl");
                if (table == null) continue;
                var headers = table.Element("TableHeaders")?.Elements("TableColumnHeader").ToList() ?? new List<XElement>();
                var name = view.Element("Name")?.Value;
                var widths = headers.Select(h => int.TryParse(h.Element("Width")?.Value, out var w) ? w : -1).ToList();
                if (widths.Any(w => w <= 0)) { problems.Add($"{file}/{name}: every column needs a <Width>"); continue; }
                var total = widths.Sum() + Math.Max(0, widths.Count - 1);
                if (total > MaxWidth) problems.Add($"{file}/{name}: {total} columns wide (max {MaxWidth})");
                var items = table.Descendants("TableColumnItems").First().Elements("TableColumnItem").Count();
                if (items != headers.Count) problems.Add($"{file}/{name}: {headers.Count} headers but {items} items");
                // At 80 columns PowerShell keeps the columns that fit, squeezes the one that crosses the edge into what
                // is left and drops the rest; a squeezed column narrower than its label wraps the header onto a second
                // line. So the column that crosses column 80 must keep room for its label (or start exactly at 80).
                var position = 0;
                foreach (var (header, width) in headers.Zip(widths, (h, w) => (h, w)))
                {
                    var left = 80 - position;
                    if (left <= 0) break;
                    var label = header.Element("Label")?.Value ?? "";
                    if (left < width)
                    {
                        if (left < label.Length) problems.Add($"{file}/{name}: at 80 columns '{label}' gets {left} of {width} characters, less than its label: the header wraps");
                        break;
                    }
                    position += width + 1;
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_output_type_has_a_default_table_view_and_a_friendly_ToString()
        {
            using var ps = new PsHarness();
            var types = OutputTypes(ps).Where(t => !t.IsPrimitive && t != typeof(string) && t.Namespace?.StartsWith("System") != true).ToList();
            Assert.Contains(types, t => t.FullName == "AtlassianAdmin.Models.AtlassianUser");
            var views = Views();
            var problems = new List<string>();
            foreach (var t in types)
            {
                var forType = views.Where(v => Selected(v.View).Contains(t.FullName)).ToList();
                if (forType.Count == 0) problems.Add($"{t.FullName}: no view in Formats/*.Format.ps1xml");
                else if (forType[0].View.Element("TableControl") == null) problems.Add($"{t.FullName}: the first (default) view is not a table");
                var toString = t.GetMethod("ToString", Type.EmptyTypes);
                if (toString?.DeclaringType != t) problems.Add($"{t.FullName}: no ToString override (it would print as its type name)");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_public_model_type_has_a_friendly_ToString()
        {
            using var ps = new PsHarness();
            var types = ps.Run("(Get-Command Get-AtlassianUser).OutputType[0].Type.Assembly.GetExportedTypes() | Where-Object { $_.Namespace -eq 'AtlassianAdmin.Models' -and $_.IsClass -and -not $_.IsAbstract }")
                .Output.Select(o => o.BaseObject).OfType<Type>().ToList();
            Assert.NotEmpty(types);
            var missing = types.Where(t => t.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType != t).Select(t => t.FullName).ToList();
            Assert.True(missing.Count == 0, "Model types without a ToString override: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_format_file_is_listed_in_FormatsToProcess_and_loaded()
        {
            using var ps = new PsHarness();
            var loaded = ps.Run("(Get-Module AtlassianAdmin).ExportedFormatFiles").Output.Select(o => Path.GetFileName(o.ToString())).OrderBy(x => x).ToList();
            var shipped = Directory.GetFiles(FormatsFolder, "*.Format.ps1xml").Select(Path.GetFileName).OrderBy(x => x).ToList();
            var source = Directory.GetFiles(Path.Combine(IsolationTests.RepoRoot, "src", "AtlassianAdmin", "Formats"), "*.Format.ps1xml").Select(Path.GetFileName).OrderBy(x => x).ToList();
            Assert.Equal(source, shipped);
            Assert.Equal(shipped, loaded);
        }

        /// <summary>End to end: the default views as real pwsh renders them with its output redirected (80 columns).</summary>
        [Fact]
        public void Default_output_renders_within_80_columns_in_real_pwsh()
        {
            var script = Path.Combine(Path.GetTempPath(), "aa-format-" + Guid.NewGuid().ToString("N") + ".ps1");
            File.WriteAllText(script, @"
Import-Module AtlassianAdmin
Connect-AtlassianOrg -Sandbox -Name 'a-rather-long-connection-name' -PassThru | Out-Host
Get-AtlassianOrganization | Out-Host
Get-AtlassianDomain | Out-Host
Get-AtlassianDirectory | Out-Host
Get-AtlassianUser -First 5 | Out-Host
'DONE'
");
            try
            {
                var (exit, stdout, stderr) = Pwsh.RunFile(script);
                Assert.True(exit == 0, stdout + stderr);
                var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                Assert.Contains(lines, l => l.StartsWith("Name") && l.Contains("Email") && l.Contains("AccountId"));
                Assert.Contains(lines, l => l.StartsWith("Name") && l.Contains("Default") && l.Contains("OrgName"));
                var tooWide = lines.Where(l => l.Length > 80).ToList();
                Assert.True(tooWide.Count == 0, "Lines wider than 80:\n" + string.Join("\n", tooWide));
                Assert.Contains("DONE", stdout);
            }
            finally
            {
                File.Delete(script);
            }
        }
    }
}
