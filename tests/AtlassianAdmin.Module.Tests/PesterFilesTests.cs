using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Reflection;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// tests/Pester is for pwsh users and can't run here, so: every file must parse, and every Pester `It` must name (tag
    /// <c>xunit:Class.Method</c>) the xunit test that covers the same behaviour.
    /// </summary>
    public class PesterFilesTests
    {
        private static string PesterFolder => Path.Combine(IsolationTests.RepoRoot, "tests", "Pester");

        private static IEnumerable<string> Files() => Directory.GetFiles(PesterFolder, "*.ps1", SearchOption.AllDirectories).OrderBy(f => f);

        [Fact]
        public void Every_Pester_file_parses()
        {
            var files = Files().ToList();
            Assert.True(files.Count >= 5, "expected the Pester suite in tests/Pester");
            var problems = new List<string>();
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                problems.AddRange(errors.Select(e => $"{Path.GetFileName(file)}:{e.Extent.StartLineNumber}: {e.Message}"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_Pester_It_names_the_xunit_test_that_covers_it()
        {
            var problems = new List<string>();
            var its = 0;
            foreach (var file in Files().Where(f => f.EndsWith(".Tests.ps1", StringComparison.OrdinalIgnoreCase)))
            {
                var ast = Parser.ParseFile(file, out _, out _);
                foreach (CommandAst it in ast.FindAll(a => a is CommandAst c && string.Equals(c.GetCommandName(), "It", StringComparison.OrdinalIgnoreCase), true))
                {
                    its++;
                    var where = $"{Path.GetFileName(file)}:{it.Extent.StartLineNumber}";
                    var tags = TagValues(it).Where(t => t.StartsWith("xunit:", StringComparison.Ordinal)).ToList();
                    if (tags.Count == 0) { problems.Add($"{where}: It without an 'xunit:Class.Method' tag"); continue; }
                    foreach (var tag in tags)
                    {
                        var name = tag.Substring("xunit:".Length);
                        var dot = name.LastIndexOf('.');
                        var type = dot > 0 ? typeof(PesterFilesTests).Assembly.GetType("AtlassianAdmin.Module.Tests." + name.Substring(0, dot)) : null;
                        var method = type?.GetMethod(name.Substring(dot + 1), BindingFlags.Public | BindingFlags.Instance);
                        var isTest = method != null && method.GetCustomAttributes<FactAttribute>(true).Any();
                        if (!isTest) problems.Add($"{where}: '{tag}' names no xunit test");
                    }
                }
            }
            Assert.True(its >= 10, $"only {its} It blocks found");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        private static IEnumerable<string> TagValues(CommandAst command)
        {
            var elements = command.CommandElements;
            for (var i = 0; i < elements.Count - 1; i++)
            {
                if (elements[i] is CommandParameterAst p && p.ParameterName.StartsWith("Tag", StringComparison.OrdinalIgnoreCase))
                {
                    var argument = p.Argument ?? elements[i + 1];
                    foreach (StringConstantExpressionAst s in argument.FindAll(a => a is StringConstantExpressionAst, true))
                        yield return s.Value;
                }
            }
        }
    }
}
