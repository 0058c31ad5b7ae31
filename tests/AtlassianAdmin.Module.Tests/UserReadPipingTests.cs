using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// What may be piped into the user reads (issue 14): plain strings (email when it has '@', else accountId) on the org
    /// and the site, and groups, which stand for their members and are never read as an accountId.
    /// </summary>
    public class UserReadPipingTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);
        private static List<string> Ids(PsResult r) => r.Output.Select(o => (string)o.Properties["AccountId"].Value).ToList();

        [Fact]
        public async Task Plain_strings_piped_to_Get_AtlassianUser_are_emails_or_account_ids()
        {
            await using var s = await ConnectedSession.StartAsync();
            var users = s.Emulator.Store.Users();
            var lines = new object[] { users[1].Email, " " + users[2].AccountId + " ", users[3].Email.ToUpperInvariant(), "nobody@acme-sandbox.example", "not an id" };
            var r = s.Run("$lines | Get-AtlassianUser", Vars(("lines", lines)));
            Assert.Equal(new[] { users[1].AccountId, users[2].AccountId, users[3].AccountId }, Ids(r));
            Assert.Equal(2, r.Errors.Count);
            Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("UserNotFound") && (string)e.TargetObject == "nobody@acme-sandbox.example");
            Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidAccountId") && (string)e.TargetObject == "not an id");
            Assert.DoesNotContain(r.Errors, e => e.FullyQualifiedErrorId.Contains("InputObjectNotBound"));
        }

        [Fact]
        public async Task Plain_strings_piped_to_Get_AtlassianUser_on_the_site_with_and_without_Site()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var people = JiraSiteTests.JiraUsers(s.Emulator.Store);
            var lines = new object[] { people[0].AccountId, people[1].Email, "nobody@nowhere.example" };
            foreach (var script in new[] { "$lines | Get-AtlassianUser -Site", "$lines | Get-AtlassianUser" })
            {
                var r = s.Run(script, Vars(("lines", lines)));
                Assert.Equal(new[] { people[0].AccountId, people[1].AccountId }, Ids(r));
                Assert.All(r.Output, o => Assert.Equal("AtlassianAdmin.Models.JiraUser", o.BaseObject.GetType().FullName));
                var error = r.Errors.Single();
                Assert.StartsWith("UserNotFound", error.FullyQualifiedErrorId);
                Assert.Equal("nobody@nowhere.example", error.TargetObject);
            }
        }

        [Fact]
        public async Task Rows_piped_with_Site_bind_by_property_name()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var people = JiraSiteTests.JiraUsers(s.Emulator.Store);
            var rows = new[] { PsHarness.Row(("account_id", people[2].AccountId)), PsHarness.Row(("mail", people[3].Email)) };
            var r = s.Run("$rows | Get-AtlassianUser -Site", Vars(("rows", rows)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(new[] { people[2].AccountId, people[3].AccountId }, Ids(r));
        }

        [Fact]
        public async Task A_directory_group_piped_to_Get_AtlassianUser_lists_its_members()
        {
            await using var s = await ConnectedSession.StartAsync();
            var store = s.Emulator.Store;
            var group = store.Groups().First(g => store.GroupMembers(g.Id).Count > 1);
            var r = s.Run("Get-AtlassianGroup -Name $n | Get-AtlassianUser", Vars(("n", group.Name)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(store.GroupMembers(group.Id).OrderBy(x => x), Ids(r).OrderBy(x => x));
            Assert.DoesNotContain(group.Id, Ids(r));
            var first = s.Run("Get-AtlassianGroup -Name $n | Get-AtlassianUser -First 1", Vars(("n", group.Name)));
            Assert.Single(first.Output);
        }

        [Fact]
        public async Task A_site_group_piped_to_Get_AtlassianUser_lists_its_site_members()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var expected = s.Run("Get-AtlassianGroupMember -Site -Group (Get-AtlassianGroup -Site -First 1)");
            Assert.False(expected.HadErrors, expected.ErrorText);
            Assert.NotEmpty(expected.Output);
            foreach (var script in new[] { "Get-AtlassianGroup -Site -First 1 | Get-AtlassianUser -Site", "Get-AtlassianGroup -First 1 | Get-AtlassianUser" })
            {
                var r = s.Run(script);
                Assert.False(r.HadErrors, r.ErrorText);
                Assert.Equal(Ids(expected), Ids(r));
                Assert.All(r.Output, o => Assert.Equal("AtlassianAdmin.Models.JiraUser", o.BaseObject.GetType().FullName));
            }
        }

        [Fact]
        public async Task Rows_before_a_group_are_written_before_its_members()
        {
            await using var s = await ConnectedSession.StartAsync();
            var store = s.Emulator.Store;
            var group = store.Groups().First(g => store.GroupMembers(g.Id).Count > 0);
            var outsider = store.Users().First(u => !store.GroupMembers(group.Id).Contains(u.AccountId));
            var r = s.Run("& { $e; Get-AtlassianGroup -Name $n } | Get-AtlassianUser", Vars(("e", outsider.Email), ("n", group.Name)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(outsider.AccountId, Ids(r)[0]);
            Assert.Equal(store.GroupMembers(group.Id).Count + 1, r.Output.Count);
        }

        [Theory]
        [InlineData("Get-AtlassianUserRole")]
        [InlineData("Get-AtlassianManagedAccount")]
        [InlineData("Get-AtlassianManagedAccountPermission")]
        [InlineData("Get-AtlassianApiToken")]
        public async Task Plain_strings_bind_on_the_other_user_reads(string cmdlet)
        {
            await using var s = await ConnectedSession.StartAsync();
            var users = s.Emulator.Store.Users();
            var r = s.Run($"$lines | {cmdlet} -ErrorAction SilentlyContinue; $Error | ForEach-Object FullyQualifiedErrorId",
                Vars(("lines", new object[] { users[1].Email, users[2].AccountId })));
            Assert.DoesNotContain(r.Output, o => o.BaseObject is string id && (id.Contains("InputObjectNotBound") || id.Contains("UserIdentityMissing")));
        }

        [Fact]
        public async Task Plain_strings_piped_to_Get_AtlassianSiteLicense_are_emails_or_account_ids()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var people = JiraSiteTests.JiraUsers(s.Emulator.Store);
            var r = s.Run("$lines | Get-AtlassianSiteLicense -IncludeUnlicensed", Vars(("lines", new object[] { people[0].Email, people[1].AccountId, "nobody@nowhere.example" })));
            Assert.Equal(new[] { people[0].AccountId, people[1].AccountId }, Ids(r).Distinct());
            var error = r.Errors.Single();
            Assert.StartsWith("UserNotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nobody@nowhere.example", error.TargetObject);
        }

        [Fact]
        public async Task A_group_piped_to_a_per_user_read_is_refused_clearly_and_its_members_work()
        {
            await using var s = await ConnectedSession.StartAsync();
            var store = s.Emulator.Store;
            var group = store.Groups().First(g => store.GroupMembers(g.Id).Count > 0);
            var r = s.Run("Get-AtlassianGroup -Name $n | Get-AtlassianUserRole", Vars(("n", group.Name)));
            var error = r.Errors.Single();
            Assert.StartsWith("UserIdentityMissing", error.FullyQualifiedErrorId);
            Assert.Contains("is a group, not a user", error.Exception.Message);
            var members = s.Run("Get-AtlassianGroup -Name $n | Get-AtlassianUser | Get-AtlassianUserRole", Vars(("n", group.Name)));
            Assert.False(members.HadErrors, members.ErrorText);
            Assert.All(members.Output, o => Assert.Contains((string)o.Properties["AccountId"].Value, store.GroupMembers(group.Id)));
        }
    }

    /// <summary>Get-AtlassianUser's -Site is parameter sets of its own: help and binding offer only what works on the site.</summary>
    public class GetAtlassianUserParameterSetTests
    {
        [Fact]
        public void Site_sets_have_no_org_only_parameters_and_help_syntax_shows_none()
        {
            using var ps = new PsHarness();
            var sets = ps.Run("(Get-Command Get-AtlassianUser).ParameterSets | ForEach-Object { $_.Name + ':' + (($_.Parameters | ForEach-Object Name) -join ',') }")
                .Output.Select(o => o.ToString()).ToList();
            var site = sets.Where(x => x.StartsWith("Site")).ToList();
            Assert.Equal(4, site.Count);
            Assert.All(site, x => Assert.DoesNotContain(",DirectoryId,", "," + x.Split(':')[1] + ","));
            Assert.All(site, x => Assert.DoesNotContain(",IncludeGroups,", "," + x.Split(':')[1] + ","));
            Assert.All(sets.Where(x => !x.StartsWith("Site")), x => Assert.DoesNotContain(",Site,", "," + x.Split(':')[1] + ","));

            // Get-Help's syntax comes from docs/Get-AtlassianUser.md: one block per set, none mixing -Site with org-only parameters.
            var lines = ps.Run("(Get-Help Get-AtlassianUser).syntax.syntaxItem | ForEach-Object { ',' + (($_.parameter | ForEach-Object name) -join ',') + ',' }")
                .Output.Select(o => o.ToString()).ToList();
            Assert.Equal(sets.Count, lines.Count);
            Assert.Equal(4, lines.Count(l => l.Contains(",Site,")));
            Assert.DoesNotContain(lines, l => l.Contains(",Site,") && (l.Contains(",DirectoryId,") || l.Contains(",IncludeGroups,")));
        }

        [Fact]
        public async Task Site_with_an_org_only_parameter_is_a_binding_error_before_any_request()
        {
            await using var s = await ConnectedSession.StartAsync();
            s.Emulator.Stats.Reset();
            var r = s.Run("Get-AtlassianUser -Site -DirectoryId x");
            Assert.True(r.HadErrors);
            Assert.Contains("AmbiguousParameterSet", r.Error.FullyQualifiedErrorId);
            // (Connect's background directory listing may still land after Reset; no user read may.)
            Assert.DoesNotContain(s.Emulator.Stats.ByRoute().Keys, route => route.Contains("/users"));
        }
    }
}
