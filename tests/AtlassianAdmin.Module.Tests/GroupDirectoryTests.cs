using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// The two group directories (org admin API, Jira site) behind every group cmdlet, driven directly against the
    /// emulator: one lookup rule for both (an id wins, then the exact name case-insensitively, several matches are
    /// AmbiguousGroup naming them), per-connection typed caches, and deletes and creates seen by later lookups.
    /// The module's types are internal, so they are reached through the module assembly the session loaded.
    /// </summary>
    public class GroupDirectoryTests
    {
        private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        /// <summary>One directory of the session's default connection, called by reflection.</summary>
        private sealed class Directory
        {
            private readonly object _connection;
            private readonly object _directory;
            private readonly Type _interface;
            private readonly Assembly _module;

            public Directory(ConnectedSession s, bool site)
            {
                _connection = s.Run("Get-AtlassianConnection").Output.Single().BaseObject;
                _module = _connection.GetType().Assembly;
                _interface = _module.GetType("AtlassianAdmin.Directories.IGroupDirectory", true);
                _directory = _module.GetType("AtlassianAdmin.Directories.GroupDirectory", true).GetMethod("For", Any).Invoke(null, new[] { _connection, site });
            }

            private async Task<object> Call(string method, params object[] args)
            {
                var task = (Task)_interface.GetMethod(method).Invoke(_directory, args);
                await task;
                return task.GetType().GetProperty("Result").GetValue(task);
            }

            private static (string Id, string Name, string DirectoryId) Shape(object g) =>
                g == null ? default : ((string)Get(g, "Id"), (string)Get(g, "Name"), (string)Get(g, "DirectoryId"));

            private static object Get(object o, string property) => o.GetType().GetProperty(property, Any).GetValue(o);

            public async Task<(string Id, string Name, string DirectoryId)> Resolve(string text, string directoryId = null)
            {
                var pipeBind = Activator.CreateInstance(_module.GetType("AtlassianAdmin.Resolution.GroupPipeBind", true), text);
                return Shape(await Call("ResolveAsync", pipeBind, directoryId, CancellationToken.None));
            }

            /// <summary>The ErrorId of the ItemFailedException a resolution fails with, and its message.</summary>
            public async Task<(string ErrorId, string Message)> ResolveFails(string text, string directoryId = null)
            {
                try { await Resolve(text, directoryId); }
                catch (Exception e) when (e.GetType().Name == "ItemFailedException") { return ((string)Get(e, "ErrorId"), e.Message); }
                throw new Xunit.Sdk.XunitException($"'{text}' resolved");
            }

            public async Task<(string Id, string Name, string DirectoryId)> Create(string directoryId, string name) =>
                Shape(await Call("CreateAsync", directoryId, name, null, CancellationToken.None));

            public async Task Delete(string text)
            {
                var pipeBind = Activator.CreateInstance(_module.GetType("AtlassianAdmin.Resolution.GroupPipeBind", true), text);
                var group = await Call("ResolveAsync", pipeBind, null, CancellationToken.None);
                await (Task)_interface.GetMethod("DeleteAsync").Invoke(_directory, new[] { group, CancellationToken.None });
            }

            /// <summary>The names the connection's typed cache (ConnectionCache.OrgGroups or SiteGroups) knows.</summary>
            public string[] KnownNames(string cache)
            {
                var c = _connection.GetType().GetProperty("Cache", Any).GetValue(_connection);
                var lookup = c.GetType().GetProperty(cache, Any).GetValue(c);
                return ((System.Collections.Generic.IEnumerable<string>)Get(lookup, "KnownNames")).ToArray();
            }
        }

        private static long GroupReads(ConnectedSession s) =>
            s.Emulator.Stats.ByRoute().Where(kv => kv.Key.Contains("/groups/search") || kv.Key.Contains("/group/bulk")).Sum(kv => kv.Value);

        private static async Task<ConnectedSession> Start(bool site, Action<SandboxStore> seed) =>
            site ? await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 10 }, seed: seed)
                 : await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 }, seed: seed);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Org_and_site_resolve_by_one_rule_an_id_wins_then_the_exact_name_and_several_matches_are_ambiguous(bool site)
        {
            string other = null, devId = null, sharedHere = null, sharedThere = null;
            await using var s = await Start(site, st =>
            {
                other = st.AddDirectory("Contractors");
                devId = st.FindGroupByName("developers").Id;
                st.AddGroup(devId); // a group whose name is another group's id
                sharedHere = st.AddGroup("shared-name").Id;
                sharedThere = st.AddGroup("shared-name", directoryId: other).Id;
            });
            var dir = new Directory(s, site);

            Assert.Equal(("developers", devId), Pick(await dir.Resolve(devId)));
            Assert.Equal(("developers", devId), Pick(await dir.Resolve("DEVELOPERS")));
            Assert.Equal("GroupNotFound", (await dir.ResolveFails("develop")).ErrorId); // exact names only, no substring
            Assert.Equal("GroupNotFound", (await dir.ResolveFails("..")).ErrorId);      // not sent: no group can have it

            var (errorId, message) = await dir.ResolveFails("Shared-Name");
            Assert.Equal("AmbiguousGroup", errorId);
            Assert.Contains(sharedHere, message);
            Assert.Contains(sharedThere, message);
            if (!site)
            {
                Assert.Contains(other, message); // the org lists each candidate's directory
                Assert.Equal(sharedThere, (await dir.Resolve("shared-name", other)).Id);
            }

            // A known id is answered from the connection's typed cache, without a request.
            s.Emulator.Stats.Reset();
            Assert.Equal(devId, (await dir.Resolve(devId)).Id);
            Assert.Equal(0, GroupReads(s));
            Assert.Contains("developers", dir.KnownNames(site ? "SiteGroups" : "OrgGroups"));
            Assert.DoesNotContain("developers", dir.KnownNames(site ? "OrgGroups" : "SiteGroups"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task A_group_created_is_found_by_name_and_a_deleted_one_is_not_served_from_the_cache(bool site)
        {
            await using var s = await Start(site, null);
            var store = s.Emulator.Store;
            var dir = new Directory(s, site);
            Assert.Equal("GroupNotFound", (await dir.ResolveFails("approvers")).ErrorId);

            var created = await dir.Create(site ? null : store.DirectoryId, "approvers");
            Assert.Equal(store.FindGroupByName("approvers").Id, created.Id);
            Assert.Equal(created.Id, (await dir.Resolve("Approvers")).Id);

            await dir.Delete(created.Id);
            Assert.Null(store.FindGroupByName("approvers"));
            Assert.Equal("GroupNotFound", (await dir.ResolveFails(created.Id)).ErrorId);
            Assert.Equal("GroupNotFound", (await dir.ResolveFails("approvers")).ErrorId);
        }

        [Fact]
        public void Every_group_cmdlet_shows_org_and_site_as_parameter_sets_in_its_syntax_and_help()
        {
            using var ps = new PsHarness();
            var names = new[] { "Get-AtlassianGroup", "Get-AtlassianGroupCount", "Get-AtlassianGroupMember", "New-AtlassianGroup", "Remove-AtlassianGroup", "Add-AtlassianGroupMember", "Remove-AtlassianGroupMember" };
            foreach (var name in names)
            {
                var sets = ps.Run($"(Get-Command {name}).ParameterSets | ForEach-Object {{ $_.Name + '|' + $_.IsDefault + '|' + (($_.Parameters | ForEach-Object Name) -join ',') }}").Output.Select(o => o.ToString().Split('|')).ToList();
                var site = sets.Where(x => x[0].StartsWith("Site", StringComparison.Ordinal)).ToList();
                Assert.True(site.Count > 0, name + " has no Site parameter set");
                Assert.All(site, x => Assert.DoesNotContain("DirectoryId", x[2].Split(',')));
                Assert.All(site, x => Assert.DoesNotContain("Description", x[2].Split(',')));
                Assert.All(sets.Where(x => !site.Contains(x)), x => Assert.DoesNotContain("Site", x[2].Split(',')));
                Assert.False(sets.Single(x => x[1] == "True")[0].StartsWith("Site", StringComparison.Ordinal), name + ": the default set is a site set");

                // Get-Help's syntax comes from docs/<name>.md: one line per parameter set, none with -Site and -DirectoryId.
                var help = ps.Run($"(Get-Help {name}).syntax.syntaxItem | ForEach-Object {{ ($_.parameter | ForEach-Object name) -join ',' }}").Output.Select(o => o.ToString().Split(',')).ToList();
                Assert.Equal(sets.Count, help.Count);
                Assert.All(help, h => Assert.False(h.Contains("Site") && h.Contains("DirectoryId"), name + " help shows -Site with -DirectoryId"));
            }
        }

        [Fact]
        public async Task On_a_site_only_connection_org_only_parameters_typed_by_the_user_stop_before_any_request_and_piped_ones_are_ignored()
        {
            await using var s = await ConnectedSession.StartSiteAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var user = JiraSiteTests.JiraUsers(store).First(u => !store.GroupMembers(store.FindGroupByName("developers").Id).Contains(u.AccountId));
            var scripts = new[]
            {
                "Get-AtlassianGroup -DirectoryId d", "Get-AtlassianGroup -GroupId g -DirectoryId d", "Get-AtlassianGroupCount -DirectoryId d",
                "Get-AtlassianGroupMember developers -DirectoryId d", "New-AtlassianGroup x -Description y", "Remove-AtlassianGroup developers -DirectoryId d -Force",
                "Add-AtlassianGroupMember developers -AccountId $a -DirectoryId d", "Remove-AtlassianGroupMember developers -AccountId $a -DirectoryId d",
            };
            foreach (var script in scripts)
            {
                s.Emulator.Stats.Reset();
                var r = s.Run(script, new System.Collections.Generic.Dictionary<string, object> { ["a"] = user.AccountId });
                Assert.True(r.Error != null, script + " did not fail");
                Assert.Equal("ParameterNotSupportedOnSite", r.Error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(0, s.Emulator.Stats.ByRoute().Values.Sum());
            }

            // A DirectoryId property of piped rows (e.g. org group objects) is not the user's choice: it is ignored on the site.
            var row = PsHarness.Row(("group", "developers"), ("DirectoryId", "d"), ("account_id", user.AccountId));
            var piped = s.Run("$row | Add-AtlassianGroupMember -WhatIf -PassThru", new System.Collections.Generic.Dictionary<string, object> { ["row"] = row });
            Assert.False(piped.HadErrors, piped.ErrorText);
            Assert.Equal("WhatIf", piped.Output.Single().Properties["Outcome"].Value.ToString());
        }

        private static (string, string) Pick((string Id, string Name, string DirectoryId) g) => (g.Name, g.Id);
    }
}
