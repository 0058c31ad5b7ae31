using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class ApiTokenTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();
        private static bool TokenDeletes(SandboxHandler h) => h.Stats.ByRoute().Keys.Any(k => k.StartsWith("DELETE") && k.Contains("api-tokens"));

        [Fact]
        public async Task Get_lists_per_user_and_org_wide_with_dates_and_filters_by_age()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 25 });
            var store = s.Emulator.Store;
            var u = store.AddUser("tokens.owner@acme-sandbox.example", "Tokens Owner");
            var now = DateTimeOffset.UtcNow;
            store.AddApiToken(u.AccountId, "old-unused", now.AddDays(-400));
            store.AddApiToken(u.AccountId, "old-used", now.AddDays(-400), now.AddDays(-2));
            store.AddApiToken(u.AccountId, "new", now.AddDays(-5));

            var mine = s.Run("Get-AtlassianApiToken -Email $e", Vars(("e", u.Email)));
            Assert.False(mine.HadErrors, mine.ErrorText);
            Assert.Equal(new[] { "new", "old-unused", "old-used" }, mine.Output.Select(o => (string)o.Properties["Label"].Value).OrderBy(x => x));
            Assert.All(mine.Output, o => Assert.Equal(u.Email, o.Properties["Email"].Value));
            Assert.Null(mine.Output.Single(o => (string)o.Properties["Label"].Value == "old-unused").Properties["LastAccess"].Value);

            var old = s.Run("Get-AtlassianApiToken -AccountId $id -OlderThanDays 365", Vars(("id", u.AccountId)));
            Assert.Equal(new[] { "old-unused", "old-used" }, old.Output.Select(o => (string)o.Properties["Label"].Value).OrderBy(x => x));
            var unused = s.Run("Get-AtlassianApiToken -AccountId $id -UnusedForDays 30", Vars(("id", u.AccountId)));
            Assert.Equal("old-unused", unused.Output.Single().Properties["Label"].Value);

            // No user: the org-wide API-access listing, with the owners' names.
            s.Emulator.Stats.Reset();
            var all = s.Run("Get-AtlassianApiToken");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(store.Users().Where(x => x.Managed).Sum(x => x.ApiTokenCount), all.Output.Count);
            Assert.Contains(all.Output, o => (string)o.Properties["UserName"].Value == "Tokens Owner" && (string)o.Properties["Status"].Value == "ALLOWED");
            Assert.All(s.Emulator.Stats.ByRoute().Keys, k => Assert.Contains("api-access", k));

            var outsider = store.AddUser("out.sider@gmail.com", "Out Sider");
            var bad = s.Run("Get-AtlassianApiToken -Email $e", Vars(("e", outsider.Email)));
            Assert.Equal("AccountNotManaged", bad.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async Task Revoke_by_token_by_user_and_by_age_is_idempotent_and_whatif_sends_nothing()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = store.AddUser("revoke.me@acme-sandbox.example", "Revoke Me");
            var v = store.AddUser("revoke.too@acme-sandbox.example", "Revoke Too");
            var now = DateTimeOffset.UtcNow;
            var oldId = store.AddApiToken(u.AccountId, "old", now.AddDays(-400));
            store.AddApiToken(u.AccountId, "fresh", now.AddDays(-1), now);
            store.AddApiToken(v.AccountId, "a", now.AddDays(-3));
            store.AddApiToken(v.AccountId, "b", now.AddDays(-3));
            var vars = Vars(("u", u.AccountId), ("v", v.Email), ("old", oldId));

            s.Emulator.Stats.Reset();
            var whatIf = s.Run("Get-AtlassianApiToken -AccountId $u | Revoke-AtlassianApiToken -WhatIf -PassThru", vars);
            Assert.Equal(new[] { "WhatIf", "WhatIf" }, whatIf.Output.Select(Outcome));
            Assert.False(TokenDeletes(s.Emulator));

            var byAge = s.Run("Revoke-AtlassianApiToken -AccountId $u -OlderThanDays 365 -Force -PassThru", vars);
            Assert.False(byAge.HadErrors, byAge.ErrorText);
            Assert.Equal("Changed", Outcome(byAge.Output.Single()));
            Assert.Contains("'old'", (string)byAge.Output.Single().Properties["Resource"].Value);
            Assert.Equal(1, store.FindUser(u.AccountId).ApiTokenCount);

            // The same token again: already gone → Unchanged, nothing sent.
            s.Emulator.Stats.Reset();
            var again = s.Run("Revoke-AtlassianApiToken -AccountId $u -TokenId $old -Force -PassThru", vars);
            Assert.Equal("Unchanged", Outcome(again.Output.Single()));
            Assert.False(TokenDeletes(s.Emulator));

            var byUser = s.Run("Revoke-AtlassianApiToken -Email $v -Force -PassThru; Revoke-AtlassianApiToken -Email $v -Force -PassThru", vars);
            Assert.Equal(new[] { "Changed", "Unchanged" }, byUser.Output.Select(Outcome));
            Assert.Equal(0, store.FindUser(v.AccountId).ApiTokenCount);
            Assert.Contains("no API tokens", (string)byUser.Output[1].Properties["Message"].Value);
            // Never the org-wide bulk revoke.
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, k => k == "DELETE /admin/api-access/v1/orgs/{orgId}/api-tokens");
            Assert.Equal(1, store.FindUser(u.AccountId).ApiTokenCount);
        }

        [Fact]
        public async Task Revoke_confirms_by_default_and_fails_unmanaged_items_without_stopping_the_rest()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var u = store.AddUser("keep.going@acme-sandbox.example", "Keep Going");
            store.AddApiToken(u.AccountId, "x", DateTimeOffset.UtcNow.AddDays(-1));
            var outsider = store.AddUser("ext.user@gmail.com", "Ext User");
            var r = s.Run("$rows | Revoke-AtlassianApiToken -Confirm:$false -PassThru",
                Vars(("rows", new object[] { PsHarness.Row(("email", outsider.Email)), PsHarness.Row(("email", u.Email)) })));
            Assert.Equal(new[] { "Failed", "Changed" }, r.Output.Select(Outcome));
            var err = r.Errors.Single();
            Assert.Equal("AccountNotManaged", err.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(outsider.Email, ((PSObject)err.TargetObject).Properties["email"].Value);
            var impact = s.Run("[Attribute]::GetCustomAttribute((Get-Command Revoke-AtlassianApiToken).ImplementingType, [System.Management.Automation.CmdletAttribute]).ConfirmImpact");
            Assert.Equal("High", impact.Output.Single().ToString());
        }
    }
}
