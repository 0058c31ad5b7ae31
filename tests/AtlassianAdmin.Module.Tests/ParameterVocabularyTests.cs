using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>One parameter vocabulary: every cmdlet names users, groups, workspaces and projects the same way.</summary>
    public class ParameterVocabularyTests
    {
        /// <summary>The module's assembly as PowerShell imported it (the tests never reference the project's output).</summary>
        internal static readonly Assembly Module = LoadModule();

        private static Assembly LoadModule()
        {
            using var ps = new PsHarness();
            return (Assembly)ps.Run("(Get-Module AtlassianAdmin).ImplementingAssembly").Output.Single().BaseObject;
        }

        /// <summary>Vocabulary, read from the module.</summary>
        private static readonly IReadOnlyDictionary<string, string[]> Vocabulary =
            (IReadOnlyDictionary<string, string[]>)Module.GetType("AtlassianAdmin.Resolution.ParameterVocabulary", throwOnError: true)
                .GetField("Aliases").GetValue(null);

        internal static IEnumerable<Type> Cmdlets() =>
            Module.GetTypes().Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null);

        private static IEnumerable<(Type Cmdlet, PropertyInfo Parameter)> Parameters() =>
            from t in Cmdlets()
            from p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where p.GetCustomAttributes<ParameterAttribute>().Any()
            select (t, p);

        private static string[] AliasesOf(PropertyInfo p) => p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToArray();

        [Fact]
        public void Every_parameter_of_a_shared_concept_has_exactly_the_vocabulary_aliases()
        {
            var wrong = new List<string>();
            foreach (var (cmdlet, p) in Parameters())
            {
                if (!Vocabulary.TryGetValue(p.Name, out var expected)) continue;
                var actual = AliasesOf(p);
                if (!new HashSet<string>(actual, StringComparer.OrdinalIgnoreCase).SetEquals(expected))
                    wrong.Add($"{Name(cmdlet)} -{p.Name}: [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        }

        [Fact]
        public void No_other_parameter_claims_a_vocabulary_name_as_an_alias()
        {
            // e.g. an -Id alias on -AccountId made a piped group's Id read as a user's accountId.
            var reserved = Vocabulary.SelectMany(kv => kv.Value.Select(a => (Alias: a, Concept: kv.Key)).Append((Alias: kv.Key, Concept: kv.Key))).ToList();
            var wrong = new List<string>();
            foreach (var (cmdlet, p) in Parameters())
            {
                if (Vocabulary.ContainsKey(p.Name)) continue;
                foreach (var alias in AliasesOf(p))
                {
                    var hit = reserved.FirstOrDefault(r => string.Equals(r.Alias, alias, StringComparison.OrdinalIgnoreCase));
                    if (hit.Alias != null && !IsAllowedOverlap(cmdlet, p, hit.Concept))
                        wrong.Add($"{Name(cmdlet)} -{p.Name} has alias '{alias}', which belongs to -{hit.Concept}");
                }
            }
            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        }

        [Fact]
        public void The_user_parameters_never_take_the_generic_Id_alias()
        {
            foreach (var (cmdlet, p) in Parameters().Where(x => x.Parameter.Name == "AccountId" || x.Parameter.Name == "Email"))
                Assert.DoesNotContain("Id", AliasesOf(p), StringComparer.OrdinalIgnoreCase);
        }

        [Fact]
        public void Each_docs_page_lists_the_aliases_the_parameter_has()
        {
            // The yaml block of each parameter on docs/<cmdlet>.md says "Aliases: …" exactly as the cmdlet declares them.
            var wrong = new List<string>();
            foreach (var (cmdlet, p) in Parameters())
            {
                var page = System.IO.Path.Combine(RepoRoot, "docs", Name(cmdlet) + ".md");
                var block = System.Text.RegularExpressions.Regex.Match(System.IO.File.ReadAllText(page),
                    @"(?ms)^### -" + p.Name + @"\s*$.*?```yaml(.*?)```").Groups[1].Value;
                var line = System.Text.RegularExpressions.Regex.Match(block, @"(?m)^Aliases:\s*(.*?)\s*$").Groups[1].Value;
                var documented = line.Length == 0 || line == "None" ? Array.Empty<string>() : line.Split(',').Select(a => a.Trim()).ToArray();
                if (!new HashSet<string>(documented, StringComparer.OrdinalIgnoreCase).SetEquals(AliasesOf(p)))
                    wrong.Add($"{Name(cmdlet)} -{p.Name}: docs [{string.Join(", ", documented)}], cmdlet [{string.Join(", ", AliasesOf(p))}]");
            }
            Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        }

        private static readonly string RepoRoot = typeof(ParameterVocabularyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value;

        /// <summary>
        /// A cmdlet about the concept itself names its identity its own way and binds it from the shared columns:
        /// New-AtlassianGroup -Name from a group column, Get-AtlassianProject -Key from a project column.
        /// </summary>
        private static bool IsAllowedOverlap(Type cmdlet, PropertyInfo p, string concept) =>
            cmdlet.GetCustomAttribute<CmdletAttribute>().NounName == "Atlassian" + concept;

        private static string Name(Type t)
        {
            var a = t.GetCustomAttribute<CmdletAttribute>();
            return a.VerbName + "-" + a.NounName;
        }
    }
}
