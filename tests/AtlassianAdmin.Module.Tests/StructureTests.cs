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
        /// <summary>Cmdlets still deeper than the rule while the flattening is under way; must end empty.</summary>
        private static readonly HashSet<string> NotYetFlat = new HashSet<string>(StringComparer.Ordinal)
        {
            "SyncAtlassianGroupMembershipCommand",
            "SyncAtlassianProjectRoleCommand",
            "GrantAtlassianUserRoleCommand",
            "RevokeAtlassianUserRoleCommand",
            "InvokeAtlassianOffboardingCommand",
            "DisableAtlassianManagedAccountCommand",
            "EnableAtlassianManagedAccountCommand",
            "RemoveAtlassianManagedAccountCommand",
            "SetAtlassianManagedAccountCommand",
            "RemoveAtlassianDirectoryUserCommand",
            "RestoreAtlassianDirectoryUserCommand",
            "SuspendAtlassianDirectoryUserCommand",
            "RevokeAtlassianApiTokenCommand",
            "ApproveAtlassianAccessRequestCommand",
            "CompleteAtlassianAccessRequestCommand",
            "DenyAtlassianAccessRequestCommand",
            "GrantAtlassianProjectRoleCommand",
            "RevokeAtlassianProjectRoleCommand",
        };

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
                .Where(t => Bases(t).Count > 3 && !NotYetFlat.Contains(t.Name))
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
    }
}
