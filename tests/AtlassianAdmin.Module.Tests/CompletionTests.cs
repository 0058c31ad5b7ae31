using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Tab completion through TabExpansion2 in the hosted engine, as a console would ask for it.</summary>
    public class CompletionTests
    {
        /// <summary>Completion texts for <paramref name="line"/> (cursor at the end).</summary>
        internal static (string[] Texts, int Count) Complete(PsHarness ps, string line)
        {
            var r = ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
                new System.Collections.Generic.Dictionary<string, object> { ["line"] = line });
            Assert.False(r.HadErrors, r.ErrorText);
            var texts = r.Output.Select(o => o.ToString()).ToArray();
            return (texts, texts.Length);
        }

        [Fact]
        public void Connection_names_complete_and_quote_when_needed()
        {
            using var ps = new PsHarness();
            Assert.False(ps.Run("Connect-AtlassianOrg -Sandbox -Name prod; Connect-AtlassianOrg -Sandbox -Name 'test org'; Connect-AtlassianOrg -Sandbox -Name preview").HadErrors);
            Assert.Equal(new[] { "preview", "prod" }, Complete(ps, "Get-AtlassianUser -Connection pr").Texts);
            Assert.Equal(new[] { "'test org'" }, Complete(ps, "Get-AtlassianUser -Connection te").Texts);
            Assert.Equal(new[] { "preview", "prod", "'test org'" }, Complete(ps, "Disconnect-AtlassianOrg -Name ").Texts);
        }

        [Fact]
        public void Role_ids_complete_from_the_known_list()
        {
            using var ps = new PsHarness();
            var all = Complete(ps, "Grant-AtlassianGroupRole -Role ").Texts;
            Assert.Equal(12, all.Length);
            Assert.Contains("atlassian/user-access-admin", all);
            Assert.Contains("atlassian/ai-access", all);
            Assert.Equal(new[] { "atlassian/site-admin", "atlassian/stakeholder" }, Complete(ps, "Grant-AtlassianUserRole -Role atlassian/s").Texts.OrderBy(x => x));
            Assert.Equal(new[] { "atlassian/org-admin" }, Complete(ps, "Revoke-AtlassianUserRole -Role org").Texts);
        }

        [Fact]
        public void Workspaces_complete_by_name_once_and_by_ari()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -Sandbox; Get-AtlassianWorkspace | ForEach-Object { $_.Id }");
            Assert.False(r.HadErrors, r.ErrorText);
            var aris = r.Output.Select(o => o.ToString()).ToList();
            // The first Tab may only start the background read; the next one answers from the cache.
            Complete(ps, "Grant-AtlassianUserRole -Workspace ");
            SpinWait.SpinUntil(() => Complete(ps, "Grant-AtlassianUserRole -Workspace acme").Texts.Length > 0, TimeSpan.FromSeconds(5));
            Assert.Equal(new[] { "acme-sandbox" }, Complete(ps, "Grant-AtlassianGroupRole -Workspace acme").Texts);
            Assert.Equal(aris.OrderBy(x => x), Complete(ps, "New-AtlassianInvitation -Workspace ari:").Texts.OrderBy(x => x));
        }

        [Fact]
        public void Directory_ids_complete_from_the_connection_named_on_the_command_line()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -Sandbox -Name a; Connect-AtlassianOrg -Sandbox -Name b; (Get-AtlassianDirectory -Connection a).DirectoryId");
            Assert.False(r.HadErrors, r.ErrorText);
            var id = r.Output.Single().ToString();
            Assert.Equal(new[] { id }, Complete(ps, "Get-AtlassianUser -Connection a -DirectoryId ").Texts);
            Assert.Equal(new[] { id }, Complete(ps, "Get-AtlassianUserCount -DirectoryId " + id.Substring(0, 3)).Texts);
            Assert.Empty(Complete(ps, "Get-AtlassianUserCount -DirectoryId zzz").Texts);
            // Without any connection there is nothing to offer, and no error.
            ps.Run("Disconnect-AtlassianOrg -All");
            Assert.Empty(Complete(ps, "Get-AtlassianUser -DirectoryId ").Texts);
        }

        /// <summary>
        /// The API answers in 3 s, longer than the first Tab waits (1 s): the first Tab returns with nothing while the
        /// fetch is still running (so it did not wait for it); once fetched, Tabs answer from the cache; when the cache is
        /// stale they still answer with the old values while a refresh runs. No wall-clock thresholds: what proves the
        /// prompt was not held is that the answer came back before the fetch ended.
        /// </summary>
        [Fact]
        public async Task A_slow_api_never_blocks_the_prompt()
        {
            await using var s = await ConnectedSession.StartAsync();
            var id = s.Emulator.Store.DirectoryId;
            Complete(s.Ps, "Get-AtlassianUser -Connection "); // warm up the completion engine (JIT), no I/O
            s.Emulator.Options.Latency = TimeSpan.FromSeconds(3);
            try
            {
                var first = Complete(s.Ps, "Get-AtlassianUser -DirectoryId ");
                Assert.Empty(first.Texts);

                var sw = Stopwatch.StartNew();
                string[] texts;
                do
                {
                    Thread.Sleep(100);
                    texts = Complete(s.Ps, "Get-AtlassianUser -DirectoryId ").Texts;
                } while (texts.Length == 0 && sw.Elapsed < TimeSpan.FromSeconds(15));
                Assert.Equal(new[] { id }, texts);

                var cached = Complete(s.Ps, "Get-AtlassianUser -DirectoryId ");
                Assert.Equal(new[] { id }, cached.Texts);

                // Stale: still instant, still the old values, while a refresh runs behind.
                s.Run("[AtlassianAdmin.Engine.InternalHooks]::SetTestHook('CompletionCache.DefaultMaxAge', [timespan]::Zero)");
                var stale = Complete(s.Ps, "Get-AtlassianUser -DirectoryId ");
                Assert.Equal(new[] { id }, stale.Texts);
            }
            finally
            {
                s.Run("[AtlassianAdmin.Engine.InternalHooks]::SetTestHook('CompletionCache.DefaultMaxAge', [timespan]::FromMinutes(5))");
                s.Emulator.Options.Latency = TimeSpan.Zero;
            }
        }
    }
}
