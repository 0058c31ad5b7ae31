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
    /// Help is generated from docs/*.md at build time (build/Help.targets). These tests make a cmdlet without complete docs
    /// fail the build: a new parameter without a description, a page with one example, a cmdlet without a page.
    /// </summary>
    public class HelpTests
    {
        private static readonly HashSet<string> CommonParameters = new HashSet<string>(
            Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

        internal static List<string> ExportedCmdlets(PsHarness ps) =>
            ps.Run("(Get-Module AtlassianAdmin).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(x => x).ToList();

        private static string Text(object value)
        {
            // Get-Help's paragraphs are PSObjects with a Text property, or arrays of them.
            if (value == null) return "";
            var pso = value as PSObject;
            var baseObject = pso?.BaseObject ?? value;
            if (baseObject is string s) return s;
            if (baseObject is System.Collections.IEnumerable e) return string.Join("\n", e.Cast<object>().Select(Text));
            var text = (pso ?? PSObject.AsPSObject(value)).Properties["Text"]?.Value;
            return text?.ToString() ?? "";
        }

        private static IEnumerable<PSObject> Items(object value)
        {
            if (value == null) yield break;
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject) && pso.BaseObject is System.Collections.IEnumerable en && !(pso.BaseObject is string))
            {
                foreach (var x in en) yield return PSObject.AsPSObject(x);
                yield break;
            }
            if (value is System.Collections.IEnumerable e2 && !(value is string) && !(value is PSObject))
            {
                foreach (var x in e2) yield return PSObject.AsPSObject(x);
                yield break;
            }
            yield return PSObject.AsPSObject(value);
        }

        [Fact]
        public void Every_exported_cmdlet_has_full_help_from_its_docs_page()
        {
            using var ps = new PsHarness();
            var problems = new List<string>();
            var cmdlets = ExportedCmdlets(ps);
            Assert.NotEmpty(cmdlets);
            foreach (var name in cmdlets)
            {
                var r = ps.Run($"Get-Help {name} -Full");
                Assert.False(r.HadErrors, r.ErrorText);
                var help = r.Output.Single();
                var synopsis = Text(help.Properties["Synopsis"]?.Value).Trim();
                if (synopsis.Length == 0 || synopsis.StartsWith(name + " ", StringComparison.Ordinal) || synopsis.StartsWith("\n"))
                    problems.Add($"{name}: no synopsis (is its docs page missing or not built into en-US/AtlassianAdmin.dll-Help.xml?)");
                if (Text(help.Properties["description"]?.Value).Trim().Length == 0)
                    problems.Add($"{name}: no description");

                var examples = Items(PSObject.AsPSObject(help.Properties["examples"]?.Value ?? new PSObject()).Properties["example"]?.Value).ToList();
                if (examples.Count < 2) problems.Add($"{name}: {examples.Count} example(s), at least 2 needed");
                foreach (var ex in examples)
                    if (Text(ex.Properties["code"]?.Value).Trim().Length == 0) problems.Add($"{name}: example '{Text(ex.Properties["title"]?.Value)}' has no code");

                var documented = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var parametersNode = help.Properties["parameters"]?.Value;
                if (parametersNode != null)
                    foreach (var p in Items(PSObject.AsPSObject(parametersNode).Properties["parameter"]?.Value))
                        documented[Text(p.Properties["name"]?.Value)] = Text(p.Properties["description"]?.Value).Trim();

                // Every parameter, hidden ones too: -InputObject is how pipeline input binds, so its page says so.
                var actual = ps.Run($"(Get-Command {name}).Parameters.Keys").Output.Select(o => o.ToString())
                    .Where(p => !CommonParameters.Contains(p)).ToList();
                foreach (var p in actual)
                {
                    if (!documented.TryGetValue(p, out var description)) problems.Add($"{name}: parameter -{p} is not documented");
                    else if (description.Length == 0) problems.Add($"{name}: parameter -{p} has no description");
                }
                foreach (var p in documented.Keys.Where(d => !actual.Contains(d, StringComparer.OrdinalIgnoreCase) && !CommonParameters.Contains(d)))
                    problems.Add($"{name}: docs describe -{p}, which the cmdlet does not have");
            }
            Assert.True(problems.Count == 0, "Help problems (fix docs/<Cmdlet>.md, format in docs/README.md):\n" + string.Join("\n", problems));
        }

        [Fact]
        public void Every_exported_cmdlet_has_a_docs_page_and_every_page_a_cmdlet()
        {
            using var ps = new PsHarness();
            var cmdlets = ExportedCmdlets(ps);
            var docs = Path.Combine(IsolationTests.RepoRoot, "docs");
            var pages = Directory.GetFiles(docs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").OrderBy(x => x).ToList();
            Assert.Empty(cmdlets.Except(pages));
            Assert.Empty(pages.Except(cmdlets));
            Assert.True(File.Exists(Path.Combine(docs, "README.md")), "docs/README.md describes the page format");
        }

        [Fact]
        public void The_built_maml_is_well_formed_and_covers_every_page()
        {
            var maml = Path.Combine(IsolationTests.ModuleFolder, "en-US", "AtlassianAdmin.dll-Help.xml");
            Assert.True(File.Exists(maml), maml);
            var doc = XDocument.Load(maml);
            XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            var names = doc.Descendants(command + "details").Select(d => d.Element(command + "name")?.Value).OrderBy(x => x).ToList();
            var pages = Directory.GetFiles(Path.Combine(IsolationTests.RepoRoot, "docs"), "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").OrderBy(x => x);
            Assert.Equal(pages, names);
        }

        [Fact]
        public void Help_text_comes_from_the_docs_page()
        {
            using var ps = new PsHarness();
            var page = File.ReadAllLines(Path.Combine(IsolationTests.RepoRoot, "docs", "Get-AtlassianUserCount.md"));
            var synopsis = page.SkipWhile(l => l.Trim() != "## SYNOPSIS").Skip(1).First().Trim();
            var r = ps.Run("(Get-Help Get-AtlassianUserCount).Synopsis");
            Assert.Equal(synopsis, r.Output.Single().ToString().Trim());
        }
    }
}
