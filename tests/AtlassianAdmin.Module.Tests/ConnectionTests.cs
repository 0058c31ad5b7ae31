using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class ConnectionTests
    {
        [Fact]
        public void Module_imports_from_the_built_folder_and_exports_exactly_the_manifest_cmdlets()
        {
            using var ps = new PsHarness();
            var r = ps.Run("(Get-Module AtlassianAdmin).ExportedCmdlets.Keys");
            Assert.False(r.HadErrors, r.ErrorText);
            var exported = r.Output.Select(o => o.ToString()).OrderBy(x => x).ToList();
            Assert.Contains("Connect-AtlassianOrg", exported);
            Assert.Contains("Get-AtlassianUser", exported);
            var fromAssembly = ps.Run("Get-Command -Module AtlassianAdmin -CommandType Cmdlet | ForEach-Object Name").Output.Select(o => o.ToString()).OrderBy(x => x);
            Assert.Equal(fromAssembly, exported);
        }

        [Fact]
        public void Sandbox_connection_needs_no_key_and_serves_users()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -Sandbox -PassThru");
            Assert.False(r.HadErrors, r.ErrorText);
            var conn = r.Output.Single();
            Assert.Equal("default", conn.Properties["Name"].Value);
            Assert.Equal(true, conn.Properties["IsSandbox"].Value);
            Assert.Equal(true, conn.Properties["IsDefault"].Value);
            var users = ps.Run("Get-AtlassianUser | ForEach-Object { $_.Email }");
            Assert.False(users.HadErrors, users.ErrorText);
            Assert.Equal(40, users.Output.Count);
        }

        [Fact]
        public async Task Connects_over_http_to_the_emulator_and_reads_the_organization()
        {
            await using var s = await ConnectedSession.StartAsync();
            var org = s.Run("Get-AtlassianOrganization");
            Assert.False(org.HadErrors, org.ErrorText);
            Assert.Equal(s.Emulator.Store.OrgId, org.Output.Single().Properties["Id"].Value);
            var dirs = s.Run("Get-AtlassianDirectory");
            Assert.Equal(s.Emulator.Store.DirectoryId, dirs.Output.Single().Properties["DirectoryId"].Value);
            var domains = s.Run("Get-AtlassianDomain -Name '*sandbox*'");
            Assert.False(domains.HadErrors, domains.ErrorText);
            Assert.Contains(domains.Output, d => (string)d.Properties["Name"].Value == "acme-sandbox.example" && (string)d.Properties["ClaimStatus"].Value == "verified");
        }

        [Fact]
        public async Task A_wrong_key_fails_with_a_clear_authentication_error_and_leaves_no_connection()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "right-key" });
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri",
                new Dictionary<string, object> { ["key"] = PsHarness.Secure("wrong-key-SECRET-123"), ["uri"] = server.BaseAddress });
                        Assert.Equal(ErrorCategory.AuthenticationError, r.Error.CategoryInfo.Category);
            Assert.StartsWith("InvalidApiKey", r.Error.FullyQualifiedErrorId);
            Assert.Contains("API key", r.Error.Exception.Message);
            Assert.DoesNotContain("wrong-key-SECRET-123", r.AllText());
            Assert.Empty(ps.Run("Get-AtlassianConnection -ListAvailable").Output);
        }

        [Fact]
        public void Without_a_connection_cmdlets_say_to_run_Connect()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Get-AtlassianUser");
                        Assert.StartsWith("NotConnected", r.Error.FullyQualifiedErrorId);
            Assert.Contains("Connect-AtlassianOrg", r.Error.Exception.Message);
        }

        [Fact]
        public async Task Two_named_connections_are_used_side_by_side()
        {
            await using var a = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "key-a", UserCount = 5, Seed = 11 });
            await using var b = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "key-b", UserCount = 9, Seed = 22 });
            using var ps = new PsHarness();
            var vars = new Dictionary<string, object> { ["ka"] = PsHarness.Secure("key-a"), ["kb"] = PsHarness.Secure("key-b"), ["ua"] = a.BaseAddress, ["ub"] = b.BaseAddress };
            var r = ps.Run(@"
                Connect-AtlassianOrg -Name orgA -ApiKey $ka -ApiBaseUri $ua
                Connect-AtlassianOrg -Name orgB -ApiKey $kb -ApiBaseUri $ub
                $na = (Get-AtlassianUser -Connection orgA | ForEach-Object { 1 }).Count
                $nb = (Get-AtlassianUser -Connection (Get-AtlassianConnection -Name orgB) | ForEach-Object { 1 }).Count
                $nd = (Get-AtlassianUser | ForEach-Object { 1 }).Count
                $na; $nb; $nd; (Get-AtlassianConnection).Name", vars);
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new object[] { 5, 9, 9, "orgB" }, r.Output.Select(o => o.BaseObject).ToArray());

            var unknown = ps.Run("Get-AtlassianUser -Connection nope");
            Assert.StartsWith("ConnectionNotFound", unknown.Error.FullyQualifiedErrorId);
            Assert.Contains("orgA", unknown.Error.Exception.Message);

            var after = ps.Run("Disconnect-AtlassianOrg -Name orgB; (Get-AtlassianConnection).Name");
            Assert.Equal("orgA", after.Output.Single().BaseObject);
        }

        [Fact]
        public async Task Connection_objects_and_verbose_logs_never_show_the_key()
        {
            await using var s = await ConnectedSession.StartAsync();
            var r = s.Run("Get-AtlassianConnection; Get-AtlassianUser -Verbose -First 3; Get-AtlassianUser -AccountId 'missing-1' -Verbose; Get-AtlassianUserCount -Verbose");
            Assert.NotEmpty(r.Verbose);
            Assert.Contains(r.Verbose, v => v.Contains("POST") && v.Contains("/users/search"));
            Assert.DoesNotContain(ConnectedSession.Key, r.AllText());
            var conn = r.Output.First();
            Assert.DoesNotContain(conn.Properties, p => p.Name.Contains("Key") || p.Name.Contains("Token") || p.Name.Contains("Secret"));
        }

        [Fact]
        public async Task Connect_reads_the_directories_in_the_background_and_the_first_call_uses_them()
        {
            await using var s = await ConnectedSession.StartAsync();
            const string route = "GET /admin/v2/orgs/{orgId}/directories";
            long Listings() => s.Emulator.Stats.ByRoute().TryGetValue(route, out var n) ? n : 0;
            // Started by Connect-AtlassianOrg itself: wait for that request (the timeout only guards a hang).
            Assert.True(SpinWaitFor(() => Listings() == 1), "Connect-AtlassianOrg did not start the directory listing");
            var r = s.Run("Get-AtlassianUser -First 1");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Single(r.Output);
            Assert.Equal(1, Listings()); // the first call used it instead of listing again
        }

        private static bool SpinWaitFor(System.Func<bool> condition) =>
            System.Threading.SpinWait.SpinUntil(condition, System.TimeSpan.FromSeconds(60));
    }
}
