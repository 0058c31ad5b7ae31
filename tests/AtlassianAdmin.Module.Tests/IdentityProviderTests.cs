using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Users and groups an identity provider owns: every change fails that item, saying where to make it; nothing is sent.</summary>
    public class IdentityProviderTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static bool AnyWrite(SandboxHandler h) => h.Stats.ByRoute().Keys.Any(k => !k.StartsWith("GET") && !k.Contains("/search"));

        [Theory]
        [InlineData("Suspend-AtlassianDirectoryUser -Force", "active")]
        [InlineData("Remove-AtlassianDirectoryUser -Force", "active")]
        [InlineData("Restore-AtlassianDirectoryUser", "suspended")]
        [InlineData("Disable-AtlassianManagedAccount -Force", "active")]
        [InlineData("Enable-AtlassianManagedAccount", "deactivated")]
        [InlineData("Remove-AtlassianManagedAccount -Force", "active")]
        [InlineData("Set-AtlassianManagedAccount -JobTitle 'Chief'", "active")]
        public async Task Changes_to_an_idp_provisioned_user_fail_with_IdentityProviderOwnedUser_and_send_nothing(string command, string status)
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 5 });
            var store = s.Emulator.Store;
            var scim = store.AddUser("provisioned@acme-sandbox.example", "Pro Visioned", status);
            store.SetManagementSource(scim.AccountId, "synced");
            var plain = store.AddUser("plain@acme-sandbox.example", "Plain User", status);
            s.Emulator.Stats.Reset();
            var r = s.Run("$ids | " + command + " -PassThru -WhatIf", Vars(("ids", new[] { scim.AccountId, plain.AccountId })));
            Assert.False(AnyWrite(s.Emulator));
            Assert.Equal(new[] { "Failed", "WhatIf" }, r.Output.Select(o => o.Properties["Outcome"].Value.ToString()));
            var err = r.Errors.Single();
            Assert.Equal("IdentityProviderOwnedUser", err.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.PermissionDenied, err.CategoryInfo.Category);
            Assert.Contains("in the identity provider", err.Exception.Message);
            Assert.Equal(scim.AccountId, err.TargetObject?.ToString());
        }

        [Fact]
        public async Task Synced_groups_stay_refused_and_the_directory_shows_who_the_idp_provisioned()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30 });
            var store = s.Emulator.Store;
            var r = s.Run("Get-AtlassianUser | Where-Object ManagementSource -eq 'synced'");
            var provisioned = store.Users().Where(u => u.ManagementSource == "synced").Select(u => u.AccountId).ToList();
            Assert.Single(provisioned);
            Assert.Equal(provisioned, r.Output.Select(o => (string)o.Properties["AccountId"].Value));
            var user = store.Users().First(u => u.Status == "active" && u.ManagementSource != "synced");
            var add = s.Run("Add-AtlassianGroupMember -Group hr-synced -AccountId $id -PassThru", Vars(("id", user.AccountId)));
            Assert.Equal("GroupExternallyManaged", add.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
        }
    }
}
