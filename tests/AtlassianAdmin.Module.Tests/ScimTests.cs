using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Read-only SCIM cmdlets: what the identity provider pushed, on the directory's own SCIM key.</summary>
    public class ScimTests
    {
        private const string ScimKey = "scim-test-key-5d81e0aa";

        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);

        private static async Task<ConnectedSession> StartWithScimAsync(SandboxOptions options = null)
        {
            options ??= new SandboxOptions();
            options.ScimApiKey = ScimKey;
            var s = await ConnectedSession.StartAsync(options);
            var r = s.Run("Connect-AtlassianOrg -ApiKey $key -ScimApiKey $scim -ApiBaseUri $uri -Verbose -PassThru",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("scim", PsHarness.Secure(ScimKey)), ("uri", s.Server.BaseAddress)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.DoesNotContain(ScimKey, r.AllText());
            return s;
        }

        [Fact]
        public async Task Without_a_scim_key_the_cmdlets_stop_with_ScimNotConnected_naming_the_parameter()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 5 });
            foreach (var cmd in new[] { "Get-AtlassianScimUser", "Get-AtlassianScimGroup" })
            {
                var r = s.Run(cmd);
                Assert.Equal("ScimNotConnected", r.Error.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(ErrorCategory.InvalidOperation, r.Error.CategoryInfo.Category);
                Assert.Contains("-ScimApiKey", r.Error.Exception.Message);
            }
            Assert.Equal(false, s.Run("(Get-AtlassianConnection).HasScim").Output.Single().BaseObject);
        }

        [Fact]
        public async Task Lists_the_provisioned_users_streamed_with_paging_and_filters()
        {
            await using var s = await StartWithScimAsync(new SandboxOptions { UserCount = 30, ScimMaxPageSize = 3 });
            var store = s.Emulator.Store;
            foreach (var u in store.Users().Skip(1).Take(14)) store.SetManagementSource(u.AccountId, "synced");
            var expected = store.Users().Where(u => u.ManagementSource == "synced").Select(u => u.Email).ToList();

            var conn = s.Run("Get-AtlassianConnection").Output.Single();
            Assert.Equal(true, conn.Properties["HasScim"].Value);
            Assert.Equal(store.DirectoryId, conn.Properties["ScimDirectoryId"].Value);

            var all = s.Run("Get-AtlassianScimUser");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(expected, all.Output.Select(o => (string)o.Properties["UserName"].Value));
            Assert.All(all.Output, o => Assert.Equal("AtlassianAdmin.Models.AtlassianScimUser", o.TypeNames[0]));

            s.Emulator.Stats.Reset();
            var page = s.Run("Get-AtlassianScimUser -Skip 2 -First 2");
            Assert.Equal(expected.Skip(2).Take(2), page.Output.Select(o => (string)o.Properties["UserName"].Value));
            // Pages of 3: -First stops reading, so the listing is not read to the end.
            Assert.True(s.Emulator.Stats.Requests < (expected.Count + 2) / 3, "stops after the page that holds the last item wanted");

            var one = s.Run("Get-AtlassianScimUser -UserName $n", Vars(("n", expected[3].ToUpperInvariant())));
            Assert.Equal(expected[3], (string)one.Output.Single().Properties["UserName"].Value);
            var byEmail = s.Run("Get-AtlassianScimUser -Email $n", Vars(("n", expected[4])));
            Assert.Equal(expected[4], (string)byEmail.Output.Single().Properties["Email"].Value);
            var account = store.FindUserByEmail(expected[4]);
            Assert.Equal(account.AccountId, byEmail.Output.Single().Properties["AtlassianAccountId"].Value);

            // Emails the server's userName filter does not find fall back to one full listing per invocation, not one per row.
            s.Emulator.Stats.Reset();
            var fallback = s.Run("'x1@example.com', 'x2@example.com', 'x3@example.com' | ForEach-Object { [pscustomobject]@{ Email = $_ } } | Get-AtlassianScimUser");
            Assert.Equal(3, fallback.Errors.Count);
            Assert.Equal(3 + (expected.Count + 2) / 3, s.Emulator.Stats.Requests);

            var byId = s.Run("Get-AtlassianScimUser -UserName $n | Get-AtlassianScimUser -Id { $_.Id }", Vars(("n", expected[0])));
            Assert.Equal(expected[0], byId.Output.Single().ToString());

            var missing = s.Run("'nobody@example.com', $n | ForEach-Object { [pscustomobject]@{ UserName = $_ } } | Get-AtlassianScimUser", Vars(("n", expected[1])));
            Assert.Equal(new[] { expected[1] }, missing.Output.Select(o => o.ToString()));
            var err = missing.Errors.Single();
            Assert.Equal("ScimUserNotFound", err.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ObjectNotFound, err.CategoryInfo.Category);
            Assert.Equal("nobody@example.com", err.TargetObject);
        }

        [Fact]
        public async Task Lists_the_synced_groups_with_their_members()
        {
            await using var s = await StartWithScimAsync();
            var store = s.Emulator.Store;
            var hr = store.Groups().Single(g => g.Name == "hr-synced");
            var r = s.Run("Get-AtlassianScimGroup -DisplayName 'hr-*'");
            Assert.False(r.HadErrors, r.ErrorText);
            var g = r.Output.Single();
            Assert.Equal("AtlassianAdmin.Models.AtlassianScimGroup", g.TypeNames[0]);
            Assert.Equal(hr.Id, g.Properties["Id"].Value);
            var members = ((System.Collections.IEnumerable)g.Properties["Members"].Value).Cast<object>().Select(m => (string)PSObject.AsPSObject(m).Properties["DisplayName"].Value);
            Assert.Equal(store.GroupMembers(hr.Id).Select(a => store.FindUser(a).Name).OrderBy(n => n), members.OrderBy(n => n));
            Assert.Equal("hr-synced", s.Run("Get-AtlassianScimGroup -Id $id", Vars(("id", hr.Id))).Output.Single().ToString());
            var none = s.Run("Get-AtlassianScimGroup -DisplayName developers");
            Assert.Empty(none.Output);
            Assert.Equal("ScimGroupNotFound", none.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            var total = s.Run("Get-AtlassianScimGroup -IncludeTotalCount");
            Assert.Equal((ulong)store.Groups().Count(x => x.ExternalSynced), total.Output.First().BaseObject);
        }

        [Fact]
        public async Task A_scim_only_connection_works_and_a_wrong_key_is_refused_without_echoing_it()
        {
            var options = new SandboxOptions { ScimApiKey = ScimKey };
            await using var s = await ConnectedSession.StartAsync(options);
            var dir = s.Emulator.Store.DirectoryId;
            var only = s.Run("Connect-AtlassianOrg -ScimApiKey $scim -ScimDirectoryId $dir -ApiBaseUri $uri -Name idp -PassThru -Verbose; Get-AtlassianScimUser -Connection idp | ForEach-Object UserName",
                Vars(("scim", PsHarness.Secure(ScimKey)), ("dir", dir), ("uri", s.Server.BaseAddress)));
            Assert.False(only.HadErrors, only.ErrorText);
            var c = only.Output[0];
            Assert.Equal(false, c.Properties["HasOrganization"].Value);
            Assert.Equal("ScimKey", c.Properties["AuthenticationType"].Value);
            Assert.Equal(s.Emulator.Store.Users().Single(u => u.ManagementSource == "synced").Email, only.Output[1].BaseObject);
            // Nothing in the connection object or its rendering carries the key.
            var shown = s.Run("Get-AtlassianConnection -Name idp | Format-List * | Out-String; Get-AtlassianConnection -Name idp | ConvertTo-Json -Depth 3");
            Assert.DoesNotContain(ScimKey, shown.AllText());
            Assert.DoesNotContain(ScimKey, only.AllText());
            Assert.Equal("NoOrganizationApiKey", s.Run("Get-AtlassianDirectory -Connection idp").Error.FullyQualifiedErrorId.Split(',')[0]);

            var wrong = s.Run("Connect-AtlassianOrg -ApiKey $key -ScimApiKey $bad -ApiBaseUri $uri -Name wrong",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("bad", PsHarness.Secure("not-the-scim-key-0042")), ("uri", s.Server.BaseAddress)));
            Assert.Equal("InvalidScimApiKey", wrong.Error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.AuthenticationError, wrong.Error.CategoryInfo.Category);
            Assert.DoesNotContain("not-the-scim-key-0042", wrong.AllText());
            Assert.Empty(s.Run("Get-AtlassianConnection -Name wrong -ErrorAction SilentlyContinue").Output);

            var noDir = s.Run("Connect-AtlassianOrg -ApiKey $key -ScimApiKey $scim -ScimDirectoryId nope -ApiBaseUri $uri -Name nodir",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("scim", PsHarness.Secure(ScimKey)), ("uri", s.Server.BaseAddress)));
            Assert.Equal("ScimDirectoryNotFound", noDir.Error.FullyQualifiedErrorId.Split(',')[0]);
        }

        [Fact]
        public async Task A_scim_key_alone_on_an_open_connection_adds_scim_to_it()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { ScimApiKey = ScimKey, UserCount = 5 });
            var before = s.Run("Get-AtlassianConnection").Output.Single().BaseObject;
            var r = s.Run("Connect-AtlassianOrg -ScimApiKey $scim -PassThru -Verbose", Vars(("scim", PsHarness.Secure(ScimKey))));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Same(before, r.Output.Single().BaseObject);
            Assert.Equal(true, r.Output.Single().Properties["HasOrganization"].Value);
            Assert.Equal(s.Emulator.Store.DirectoryId, r.Output.Single().Properties["ScimDirectoryId"].Value);
            Assert.Contains(r.Verbose, v => v.Contains("Added SCIM"));
            Assert.False(s.Run("Get-AtlassianScimGroup; Get-AtlassianDirectory").HadErrors);

            // A wrong key leaves the connection as it was.
            var wrong = s.Run("Connect-AtlassianOrg -ScimApiKey $bad", Vars(("bad", PsHarness.Secure("wrong-scim-key-1234"))));
            Assert.Equal("InvalidScimApiKey", wrong.Error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(true, s.Run("(Get-AtlassianConnection).HasScim").Output.Single().BaseObject);
            Assert.DoesNotContain("wrong-scim-key-1234", wrong.AllText());

            // Alone, with no connection of that name, the directory id is needed.
            var alone = s.Run("Connect-AtlassianOrg -ScimApiKey $scim -Name fresh -ApiBaseUri $uri", Vars(("scim", PsHarness.Secure(ScimKey)), ("uri", s.Server.BaseAddress)));
            Assert.Equal("ScimDirectoryIdRequired", alone.Error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-ScimDirectoryId", alone.Error.Exception.Message);
        }

        [Fact]
        public void The_sandbox_includes_scim()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -Sandbox -SandboxUserCount 30; (Get-AtlassianConnection).HasScim; @(Get-AtlassianScimUser).Count; @(Get-AtlassianScimGroup).Count");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new object[] { true, 1, 1 }, r.Output.Select(o => o.BaseObject).ToArray());
        }
    }
}
