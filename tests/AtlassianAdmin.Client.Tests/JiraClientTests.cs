using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>The Jira site client against the emulator: Basic auth, offset paging, site groups, project roles.</summary>
    public class JiraClientTests
    {
        private static (JiraClient jira, SandboxHandler sandbox) InProcess(SandboxOptions options = null)
        {
            var sandbox = new SandboxHandler(options ?? new SandboxOptions());
            var transport = TransportFactory.CreateBasic(new Uri("https://acme.atlassian.net/"), sandbox.Options.JiraEmail,
                TestApi.Secure(sandbox.Options.JiraApiToken), TestApi.FastRetries, sandbox);
            return (new JiraClient(transport) { PageSize = 3 }, sandbox);
        }

        [Fact]
        public async Task Site_groups_list_members_add_remove_create_delete_with_already_a_member_as_success()
        {
            var (jira, sandbox) = InProcess(new SandboxOptions { DefaultPageSize = 3 });
            var store = sandbox.Store;
            var ct = CancellationToken.None;

            var all = jira.ListGroups(null, null, ct).ToList();
            Assert.Equal(store.Groups().Count, all.Count);                  // streamed over several pages of 3
            Assert.Equal(all.Count, all.Select(g => g.GroupId).Distinct().Count());
            var developers = await jira.FindGroupAsync("developers", ct);
            Assert.Equal(store.FindGroupByName("developers").Id, developers.GroupId);
            Assert.Equal("developers", (await jira.FindGroupAsync(developers.GroupId, ct)).Name);
            Assert.Null(await jira.FindGroupAsync("no-such-group", ct));

            var created = await jira.CreateGroupAsync("approvers", ct);
            Assert.Equal("approvers", created.Name);
            Assert.NotNull(store.FindGroupByName("approvers"));
            var user = store.Users().First(u => u.Status == "active" && store.HasJiraAccess(u.AccountId));
            Assert.True(await jira.AddGroupMemberAsync(created.GroupId, user.AccountId, ct));
            Assert.False(await jira.AddGroupMemberAsync(created.GroupId, user.AccountId, ct));   // 400 "already a member" = success
            Assert.Equal(new[] { user.AccountId }, jira.ListGroupMembers(created.GroupId, false, ct).Select(u => u.AccountId));
            Assert.Contains(await jira.GetUserGroupsAsync(user.AccountId, ct), g => g.GroupId == created.GroupId);

            await jira.RemoveGroupMemberAsync(created.GroupId, user.AccountId, ct);
            await jira.RemoveGroupMemberAsync(created.GroupId, user.AccountId, ct);                // not a member: still fine
            Assert.Empty(jira.ListGroupMembers(created.GroupId, false, ct));

            var missing = await Assert.ThrowsAsync<AtlassianApiException>(() => jira.AddGroupMemberAsync(Guid.NewGuid().ToString(), user.AccountId, ct));
            Assert.Equal(404, missing.Status);
            await jira.DeleteGroupAsync(created.GroupId, null, ct);
            Assert.Null(store.FindGroupByName("approvers"));
        }

        [Fact]
        public async Task Users_projects_and_role_actors_over_real_http()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { DefaultPageSize = 2 });
            var o = api.Sandbox.Options;
            using var transport = TransportFactory.CreateBasic(await SiteOf(api), o.JiraEmail, TestApi.Secure(o.JiraApiToken), TestApi.FastRetries);
            var jira = new JiraClient(transport) { PageSize = 2 };
            var ct = CancellationToken.None;
            var store = api.Sandbox.Store;

            Assert.Equal(o.JiraEmail, (await jira.GetMyselfAsync(ct)).Email);
            var everyone = jira.ListUsers(ct).ToList();
            Assert.Equal(store.Users().Count(u => store.HasJiraAccess(u.AccountId)), everyone.Count);
            var someone = everyone.First(u => u.Active && u.Email != null);
            Assert.Equal(someone.AccountId, (await jira.FindUserByEmailAsync(someone.Email.ToUpperInvariant(), ct)).AccountId);
            Assert.Null(await jira.GetUserAsync("no-such-account", ct));

            var projects = jira.SearchProjects(null, null, ct).ToList();
            Assert.Equal(new[] { "ACCESS", "ACME", "OPS", "WEB" }, projects.Select(p => p.Key));
            Assert.NotNull(projects.Single(p => p.Key == "ACME").Lead);
            Assert.Null(projects.Single(p => p.Key == "WEB").Lead);
            Assert.Null(await jira.GetProjectAsync("NOPE", ct));

            var roles = await jira.GetProjectRoleIdsAsync("ACME", ct);
            Assert.Equal(10001, roles["developers"]);
            Assert.Null(await jira.GetProjectRoleIdsAsync("NOPE", ct));
            var candidate = everyone.First(u => !store.ProjectRoleActors("ACME", "Developers").Any(a => a.AccountId == u.AccountId));
            Assert.True(await jira.AddProjectRoleUserAsync("ACME", 10001, candidate.AccountId, ct));
            Assert.False(await jira.AddProjectRoleUserAsync("ACME", 10001, candidate.AccountId, ct));   // 400 "already" = unchanged
            Assert.Contains((await jira.GetProjectRoleAsync("ACME", 10001, ct)).Actors, a => a.AccountId == candidate.AccountId);
            Assert.True(await jira.RemoveProjectRoleUserAsync("ACME", 10001, candidate.AccountId, ct));
            Assert.False(await jira.RemoveProjectRoleUserAsync("ACME", 10001, candidate.AccountId, ct));
            Assert.True(await jira.AddProjectRoleGroupAsync("ACME", 10000, null, "marketing", ct));
            Assert.True(await jira.RemoveProjectRoleGroupAsync("ACME", 10000, store.FindGroupByName("marketing").Id, null, ct));
        }

        [Fact]
        public async Task A_wrong_token_is_a_401_without_the_token_in_the_message()
        {
            var sandbox = new SandboxHandler();
            using var transport = TransportFactory.CreateBasic(new Uri("https://acme.atlassian.net/"), sandbox.Options.JiraEmail, TestApi.Secure("TOKEN-xyz-123"), TestApi.FastRetries, sandbox);
            var e = await Assert.ThrowsAsync<AtlassianApiException>(() => new JiraClient(transport).GetMyselfAsync(CancellationToken.None));
            Assert.Equal(401, e.Status);
            Assert.DoesNotContain("TOKEN-xyz-123", e.ToString());
        }

        private static Task<Uri> SiteOf(TestApi api) => Task.FromResult(api.Transport.BaseUri);
    }
}
