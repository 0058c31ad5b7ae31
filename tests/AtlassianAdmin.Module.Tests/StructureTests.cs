using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The shape docs/about/architecture.md promises: shallow cmdlets, each declaring the API it needs.</summary>
    public class StructureTests
    {
        /// <summary>The base classes of a cmdlet between it and PSCmdlet (AtlassianCmdlet, AtlassianConnectedCmdlet, ChangeCmdlet…).</summary>
        private static List<string> Bases(Type t)
        {
            var chain = new List<string>();
            for (var b = t.BaseType; b != null && b != typeof(PSCmdlet); b = b.BaseType) chain.Add(b.Name);
            return chain;
        }

        [Fact]
        public void No_cmdlet_has_more_than_three_base_classes()
        {
            var deep = ParameterVocabularyTests.Cmdlets()
                .Where(t => Bases(t).Count > 3)
                .Select(t => t.Name + " → " + string.Join(" → ", Bases(t))).ToList();
            Assert.True(deep.Count == 0, "Deeper than AtlassianCmdlet → AtlassianConnectedCmdlet → ChangeCmdlet<T>:\n" + string.Join("\n", deep));
        }

        [Fact]
        public void Every_connected_cmdlet_declares_the_api_it_needs()
        {
            var missing = ParameterVocabularyTests.Cmdlets()
                .Where(t => Bases(t).Contains("AtlassianConnectedCmdlet") && !t.GetCustomAttributes(false).Any(a => a.GetType().Name == "RequiresApiAttribute"))
                .Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "Without [RequiresApi]: " + string.Join(", ", missing));
        }

        /// <summary>Org vs site is a parameter set and a directory type (Directories/), never a second partial file of a cmdlet.</summary>
        [Fact]
        public void No_cmdlet_is_split_into_partial_files()
        {
            var src = System.IO.Path.Combine(IsolationTests.RepoRoot, "src", "AtlassianAdmin");
            var partials = System.IO.Directory.EnumerateFiles(src, "*.cs", System.IO.SearchOption.AllDirectories)
                .Where(f => !f.Contains(System.IO.Path.DirectorySeparatorChar + "obj" + System.IO.Path.DirectorySeparatorChar)
                    && System.IO.Path.GetFileNameWithoutExtension(f).Contains('.'))
                .Select(f => f.Substring(src.Length + 1)).ToList();
            Assert.True(partials.Count == 0, "Partial cmdlet files (e.g. *.Site.cs): " + string.Join(", ", partials));
        }
    }
}
