using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Jira site administration over a site-only connection (email + API token) to the Kestrel emulator.</summary>
    public class JiraSiteTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static string Outcome(PSObject o) => o.Properties["Outcome"].Value.ToString();

        /// <summary>Active Jira users that are neither the admin nor any project's lead.</summary>
        internal static List<SandboxUser> JiraUsers(SandboxStore store) =>
            store.Users().Where(u => u.Status == "active" && store.HasJiraAccess(u.AccountId) && u.AccountId != store.ApiKeyOwnerAccountId
                                     && !store.Projects().Any(p => p.LeadAccountId == u.AccountId)).ToList();

        [Fact]
        public async Task Site_only_connection_reads_users_projects_and_roles()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var conn = s.Run("Get-AtlassianConnection").Output.Single();
            Assert.Equal(false, conn.Properties["HasOrganization"].Value);
            Assert.Equal(true, conn.Properties["HasSite"].Value);
            Assert.Equal("SiteToken", conn.Properties["AuthenticationType"].Value);
            Assert.Equal("ACCESS", conn.Properties["RequestProject"].Value);

            var users = s.Run("Get-AtlassianUser -First 5");
            Assert.False(users.HadErrors, users.ErrorText);
            Assert.Equal(5, users.Output.Count);
            Assert.All(users.Output, u => Assert.Equal("AtlassianAdmin.Models.JiraUser", u.BaseObject.GetType().FullName));
            var someone = JiraUsers(store)[0];
            var byEmail = s.Run("Get-AtlassianUser -Email $e", Vars(("e", someone.Email)));
            Assert.Equal(someone.AccountId, byEmail.Output.Single().Properties["AccountId"].Value);
            var missing = s.Run("Get-AtlassianUser -Email nobody@nowhere.example");
            Assert.StartsWith("UserNotFound", missing.Error.FullyQualifiedErrorId);

            var projects = s.Run("Get-AtlassianProject");
            Assert.False(projects.HadErrors, projects.ErrorText);
            Assert.Equal(new[] { "ACCESS", "ACME", "OPS", "WEB" }, projects.Output.Select(p => (string)p.Properties["Key"].Value));
            var acme = projects.Output.Single(p => (string)p.Properties["Key"].Value == "ACME");
            Assert.Equal(store.Projects().Single(p => p.Key == "ACME").LeadAccountId, acme.Properties["LeadAccountId"].Value);
            Assert.Equal(new[] { "ACCESS", "ACME" }, s.Run("Get-AtlassianProject -Key 'AC*'").Output.Select(p => (string)p.Properties["Key"].Value));
            var web = s.Run("Get-AtlassianProject -Name 'Web*'").Output.Single();
            Assert.Null(web.Properties["Lead"].Value);
            Assert.StartsWith("ProjectNotFound", s.Run("Get-AtlassianProject -Key NOPE").Error.FullyQualifiedErrorId);

            var roles = s.Run("Get-AtlassianProject -Key ACME | Get-AtlassianProjectRole");
            Assert.False(roles.HadErrors, roles.ErrorText);
            Assert.Equal(new[] { "Administrators", "Developers", "Users" }, roles.Output.Select(r => (string)r.Properties["Name"].Value));
            var actors = s.Run("(Get-AtlassianProjectRole ACME Developers).Actors | ForEach-Object { if ($_.IsGroup) { 'group:' + $_.GroupName } else { $_.AccountId } }").Output.Select(o => o.ToString()).ToList();
            Assert.Contains("group:developers", actors);
            Assert.Contains(actors, a => !a.StartsWith("group:"));
            var badRole = s.Run("Get-AtlassianProjectRole ACME -Role Testers");
            Assert.Contains("Valid roles: Administrators, Developers, Users", badRole.Error.Exception.Message);

            var org = s.Run("Get-AtlassianOrganization");
            Assert.StartsWith("NoOrganizationApiKey", org.Error.FullyQualifiedErrorId);
            Assert.Contains("Formats/Jira.Format.ps1xml", string.Join(",", s.Run("(Get-Module AtlassianAdmin).ExportedFormatFiles").Output.Select(o => o.ToString().Replace('\\', '/'))));
        }

        [Fact]
        public async Task A_wrong_site_token_fails_clearly_and_never_shows_the_token()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions());
            using var ps = new PsHarness();
            var cred = new PSCredential(server.Handler.Options.JiraEmail, PsHarness.Secure("WRONG-token-SECRET-987"));
            var r = ps.Run("Connect-AtlassianOrg -SiteUrl $uri -Credential $cred -Verbose", Vars(("uri", server.BaseAddress), ("cred", cred)));
            Assert.Equal(ErrorCategory.AuthenticationError, r.Error.CategoryInfo.Category);
            Assert.StartsWith("InvalidSiteCredential", r.Error.FullyQualifiedErrorId);
            Assert.Contains("API token", r.Error.Exception.Message);
            Assert.DoesNotContain("WRONG-token-SECRET-987", r.AllText());
            Assert.Empty(ps.Run("Get-AtlassianConnection -ListAvailable").Output);

            var http = ps.Run("Connect-AtlassianOrg -SiteUrl http://acme.example.com -Credential $cred", Vars(("cred", cred)));
            Assert.Contains("HTTPS", http.Error.Exception.Message);
        }

        [Fact]
        public async Task Org_key_and_site_credential_share_one_named_connection()
        {
            await using var s = await ConnectedSession.StartAsync();
            var o = s.Emulator.Options;
            var cred = new PSCredential(o.JiraEmail, PsHarness.Secure(o.JiraApiToken));
            var r = s.Run("Connect-AtlassianOrg -Name both -ApiKey $key -ApiBaseUri $uri -SiteUrl $uri -Credential $cred -PassThru",
                Vars(("key", PsHarness.Secure(ConnectedSession.Key)), ("uri", s.Server.BaseAddress), ("cred", cred)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("ApiKey+SiteToken", r.Output.Single().Properties["AuthenticationType"].Value);
            Assert.Equal(o.JiraEmail, r.Output.Single().Properties["SiteAccount"].Value);
            var both = s.Run("Get-AtlassianOrganization -Connection both; Get-AtlassianProject ACME -Connection both; Get-AtlassianUser -Connection both -First 1; Get-AtlassianUser -Site -Connection both -First 1");
            Assert.False(both.HadErrors, both.ErrorText);
            Assert.Equal("AtlassianAdmin.Models.AtlassianUser", both.Output[2].BaseObject.GetType().FullName);
            Assert.Equal("AtlassianAdmin.Models.JiraUser", both.Output[3].BaseObject.GetType().FullName);
            // The org-only default connection says clearly that Jira cmdlets need a site.
            Assert.StartsWith("NoJiraSite", s.Run("Get-AtlassianProject -Connection default").Error.FullyQualifiedErrorId);
        }

        [Fact]
        public async Task Sandbox_connection_includes_its_jira_site()
        {
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -Sandbox -PassThru");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal("https://acme-sandbox.atlassian.net/", r.Output.Single().Properties["SiteUrl"].Value.ToString());
            var p = ps.Run("Get-AtlassianProject ACME; Get-AtlassianUser -Site -First 2; Get-AtlassianUser -First 2");
            Assert.False(p.HadErrors, p.ErrorText);
            Assert.Equal("ACME", p.Output[0].Properties["Key"].Value);
            Assert.Equal("AtlassianAdmin.Models.JiraUser", p.Output[1].BaseObject.GetType().FullName);
            Assert.Equal("AtlassianAdmin.Models.AtlassianUser", p.Output[3].BaseObject.GetType().FullName);
            Assert.Empty(ps.Run("Get-AtlassianAccessRequest").Output);
        }

        [Fact]
        public async Task New_user_creates_once_and_explains_an_account_without_jira_access()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var created = s.Run("New-AtlassianUser -Email new.person@acme-sandbox.example -PassThru");
            Assert.False(created.HadErrors, created.ErrorText);
            Assert.Equal("Changed", Outcome(created.Output.Single()));
            var user = store.FindUserByEmail("new.person@acme-sandbox.example");
            Assert.True(store.HasJiraAccess(user.AccountId));
            Assert.Equal(user.AccountId, created.Output.Single().Properties["AccountId"].Value);
            Assert.Equal("Unchanged", Outcome(s.Run("New-AtlassianUser new.person@acme-sandbox.example -PassThru").Output.Single()));

            var noJira = store.Users().First(u => u.Status == "active" && !store.HasJiraAccess(u.AccountId));
            var r = s.Run("New-AtlassianUser -Email $e -PassThru", Vars(("e", noJira.Email)));
            Assert.StartsWith("UserExistsWithoutAccess", r.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("admin.atlassian.com", r.Errors.Single().Exception.Message);
            Assert.Equal("Failed", Outcome(r.Output.Single()));
            var whatIf = s.Run("New-AtlassianUser -Email other.person@acme-sandbox.example -WhatIf -PassThru");
            Assert.Equal("WhatIf", Outcome(whatIf.Output.Single()));
            Assert.Null(store.FindUserByEmail("other.person@acme-sandbox.example"));
        }
    }
}
