using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Connect-AtlassianOrg -VaultName/-SecretName (SecretManagement, no hard dependency) and -FromEnvironment.
    /// A fake Microsoft.PowerShell.SecretManagement script module on PSModulePath stands in for the real one.
    /// </summary>
    public class SecretTests
    {
        private const string VaultKey = "vault-held-org-key-5d1f0c77";

        internal const string FakeSecretManagement = @"
# Fake Microsoft.PowerShell.SecretManagement for tests: one vault 'TestVault'; secrets of every shape Get-Secret returns.
$script:Vaults = @{
    TestVault = @{
        'org-secure' = @('secure', '__KEY__')
        'org-plain'  = @('plain', '__KEY__')
        'org-cred'   = @('cred', '__KEY__')
        'org-bytes'  = @('bytes', '')
    }
}
function Get-SecretVault {
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string[]] $Name)
    foreach ($v in $script:Vaults.Keys) { [pscustomobject]@{ Name = $v; ModuleName = 'Fake.Vault'; IsDefault = $true } }
}
function Get-Secret {
    [CmdletBinding()]
    param([Parameter(Position = 0, Mandatory)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    $v = $script:Vaults[$Vault]
    if ($null -eq $v -or -not $v.ContainsKey($Name)) {
        $e = [System.Management.Automation.ItemNotFoundException]::new('The secret ' + $Name + ' was not found.')
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new($e, 'GetSecretNotFound', 'ObjectNotFound', $Name))
        return
    }
    $kind = $v[$Name][0]; $value = $v[$Name][1]
    $secure = [securestring]::new(); foreach ($c in $value.ToCharArray()) { $secure.AppendChar($c) }
    switch ($kind) {
        'secure' { $secure }
        'plain'  { $value }
        'cred'   { [pscredential]::new('automation', $secure) }
        'bytes'  { , [byte[]] (1, 2, 3) }
    }
}
Export-ModuleMember -Function Get-Secret, Get-SecretVault
";

        /// <summary>A temp folder holding the fake module, put first on PSModulePath (process-wide) until disposed.</summary>
        internal sealed class FakeModulePath : IDisposable
        {
            private readonly string _previous = Environment.GetEnvironmentVariable("PSModulePath");
            public string Root { get; } = Path.Combine(Path.GetTempPath(), "aa-psmodules-" + Guid.NewGuid().ToString("N"));

            public FakeModulePath(bool withSecretManagement, string key = VaultKey)
            {
                Directory.CreateDirectory(Root);
                if (withSecretManagement)
                {
                    var dir = Path.Combine(Root, "Microsoft.PowerShell.SecretManagement");
                    Directory.CreateDirectory(dir);
                    File.WriteAllText(Path.Combine(dir, "Microsoft.PowerShell.SecretManagement.psm1"), FakeSecretManagement.Replace("__KEY__", key));
                }
                // Only this folder (plus $PSHOME/Modules, always searched): a SecretManagement installed on the machine can't interfere.
                Environment.SetEnvironmentVariable("PSModulePath", Root);
            }

            public void Dispose()
            {
                Environment.SetEnvironmentVariable("PSModulePath", _previous);
                try { Directory.Delete(Root, true); } catch (IOException) { }
            }
        }

        private static Dictionary<string, object> Vars(EmulatorServer server) => new Dictionary<string, object> { ["uri"] = server.BaseAddress };

        [Theory]
        [InlineData("org-secure")]
        [InlineData("org-plain")]
        [InlineData("org-cred")]
        public async Task Connects_with_a_key_from_a_SecretManagement_vault(string secretName)
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = VaultKey });
            using var modules = new FakeModulePath(withSecretManagement: true);
            using var ps = new PsHarness();
            var r = ps.Run($"Connect-AtlassianOrg -VaultName TestVault -SecretName {secretName} -ApiBaseUri $uri -PassThru -Verbose -Debug; Get-AtlassianUserCount -Verbose", Vars(server));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(server.Handler.Store.OrgId, r.Output[0].Properties["OrgId"].Value);
            Assert.Equal(40L, r.Output[1].BaseObject);
            Assert.DoesNotContain(VaultKey, r.AllText());
        }

        [Fact]
        public void Without_SecretManagement_the_error_says_so()
        {
            using var modules = new FakeModulePath(withSecretManagement: false);
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -VaultName TestVault -SecretName org-secure");
            Assert.StartsWith("SecretManagementNotInstalled", r.Error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotInstalled, r.Error.CategoryInfo.Category);
            Assert.Contains("Microsoft.PowerShell.SecretManagement", r.Error.Exception.Message);
            Assert.Empty(ps.Run("Get-AtlassianConnection -ListAvailable").Output);
        }

        [Fact]
        public void Unknown_vault_secret_and_unsupported_secret_types_have_their_own_error_ids()
        {
            using var modules = new FakeModulePath(withSecretManagement: true);
            using var ps = new PsHarness();
            var vault = ps.Run("Connect-AtlassianOrg -VaultName NoSuchVault -SecretName org-secure");
            Assert.StartsWith("SecretVaultNotFound", vault.Error.FullyQualifiedErrorId);
            Assert.Contains("TestVault", vault.Error.Exception.Message); // lists the registered vaults
            Assert.Equal("NoSuchVault", vault.Error.TargetObject);

            var secret = ps.Run("Connect-AtlassianOrg -VaultName TestVault -SecretName no-such-secret");
            Assert.StartsWith("SecretNotFound", secret.Error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, secret.Error.CategoryInfo.Category);
            Assert.Equal("no-such-secret", secret.Error.TargetObject);

            var bytes = ps.Run("Connect-AtlassianOrg -VaultName TestVault -SecretName org-bytes");
            Assert.StartsWith("UnsupportedSecretType", bytes.Error.FullyQualifiedErrorId);
            Assert.Empty(ps.Run("Get-AtlassianConnection -ListAvailable").Output);
        }

        [Fact]
        public async Task A_wrong_key_in_the_vault_is_an_InvalidApiKey_error_that_never_shows_the_key()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "the-right-key" });
            using var modules = new FakeModulePath(withSecretManagement: true);
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -VaultName TestVault -SecretName org-plain -ApiBaseUri $uri -Verbose -Debug", Vars(server));
            Assert.StartsWith("InvalidApiKey", r.Error.FullyQualifiedErrorId);
            Assert.DoesNotContain(VaultKey, r.AllText());
        }

        [Fact]
        public async Task FromEnvironment_reads_key_org_and_base_uri()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = VaultKey });
            using var env = new EnvironmentScope(new Dictionary<string, string>
            {
                ["ATLASSIAN_API_KEY"] = VaultKey,
                ["ATLASSIAN_ORG_ID"] = server.Handler.Store.OrgId,
                ["ATLASSIAN_API_BASE_URI"] = server.BaseAddress.ToString(),
            });
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -FromEnvironment -Name runbook -PassThru -Verbose -Debug; (Get-AtlassianUser -First 3 | ForEach-Object { 1 }).Count");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("runbook", r.Output[0].Properties["Name"].Value);
            Assert.Equal(server.Handler.Store.OrgId, r.Output[0].Properties["OrgId"].Value);
            Assert.Equal(server.BaseAddress.ToString().TrimEnd('/'), r.Output[0].Properties["ApiBaseUri"].Value.ToString().TrimEnd('/'));
            Assert.Equal(3, r.Output[1].BaseObject);
            Assert.DoesNotContain(VaultKey, r.AllText());
        }

        [Fact]
        public async Task FromEnvironment_adds_scim_from_its_variables()
        {
            const string scimKey = "env-scim-key-77f1c0";
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = VaultKey, ScimApiKey = scimKey });
            using var env = new EnvironmentScope(new Dictionary<string, string>
            {
                ["ATLASSIAN_API_KEY"] = VaultKey,
                ["ATLASSIAN_ORG_ID"] = null,
                ["ATLASSIAN_API_BASE_URI"] = server.BaseAddress.ToString(),
                ["ATLASSIAN_SCIM_API_KEY"] = scimKey,
                ["ATLASSIAN_SCIM_DIRECTORY_ID"] = server.Handler.Store.DirectoryId,
            });
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -FromEnvironment -Name runbook -Verbose -Debug; (Get-AtlassianConnection runbook).ScimDirectoryId; @(Get-AtlassianScimUser).Count");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new object[] { server.Handler.Store.DirectoryId, 1 }, r.Output.Select(o => o.BaseObject).ToArray());
            Assert.DoesNotContain(scimKey, r.AllText());
        }

        [Fact]
        public void FromEnvironment_without_the_key_names_the_variable()
        {
            using var env = new EnvironmentScope(new Dictionary<string, string> { ["ATLASSIAN_API_KEY"] = null, ["ATLASSIAN_ORG_ID"] = null, ["ATLASSIAN_API_BASE_URI"] = null });
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -FromEnvironment");
            Assert.StartsWith("EnvironmentApiKeyMissing", r.Error.FullyQualifiedErrorId);
            Assert.Contains("ATLASSIAN_API_KEY", r.Error.Exception.Message);

            using var bad = new EnvironmentScope(new Dictionary<string, string> { ["ATLASSIAN_API_KEY"] = "k", ["ATLASSIAN_API_BASE_URI"] = "not a uri" });
            var r2 = ps.Run("Connect-AtlassianOrg -FromEnvironment");
            Assert.StartsWith("InvalidEnvironmentVariable", r2.Error.FullyQualifiedErrorId);
            Assert.Contains("ATLASSIAN_API_BASE_URI", r2.Error.Exception.Message);
        }

        [Fact]
        public void EnvironmentCredentials_reads_the_site_variables_for_site_connections()
        {
            using var env = new EnvironmentScope(new Dictionary<string, string>
            {
                ["ATLASSIAN_SITE_URL"] = "https://acme.atlassian.net",
                ["ATLASSIAN_EMAIL"] = "admin@acme.example",
                ["ATLASSIAN_API_TOKEN"] = "site-token-secret-9931",
            });
            using var ps = new PsHarness();
            var r = ps.Run("$c = [AtlassianAdmin.Secrets.EnvironmentCredentials]::Read(); $c.HasSiteCredential; $c.SiteUrl.Host; $c.SiteCredential.UserName; $c.SiteCredential.GetNetworkCredential().Password.Length");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new object[] { true, "acme.atlassian.net", "admin@acme.example", "site-token-secret-9931".Length }, r.Output.Select(o => o.BaseObject).ToArray());
        }
    }

    /// <summary>Sets process environment variables (null removes) and restores them on dispose.</summary>
    internal sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string> _previous = new Dictionary<string, string>();

        public EnvironmentScope(IDictionary<string, string> values)
        {
            foreach (var kv in values)
            {
                _previous[kv.Key] = Environment.GetEnvironmentVariable(kv.Key);
                Environment.SetEnvironmentVariable(kv.Key, kv.Value);
            }
        }

        public void Dispose()
        {
            foreach (var kv in _previous) Environment.SetEnvironmentVariable(kv.Key, kv.Value);
        }
    }
}
