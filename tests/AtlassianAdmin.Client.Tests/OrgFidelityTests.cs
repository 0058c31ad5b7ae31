using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Json;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>Org API response shapes as jira.js's generated models give them (corrections C3–C6, C9), over real HTTP.</summary>
    public class OrgFidelityTests
    {
        [Fact]
        public async Task User_role_assignments_map_role_assignment_methods_to_via()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 10 });
            var store = api.Sandbox.Store;
            var u = store.AddUser("roles.person@acme-sandbox.example", "Roles Person");
            var g = store.AddGroup("role-methods");
            store.AssignGroupRole(g.Id, store.ConfluenceResourceId, "atlassian/user");
            store.AddMember(g.Id, u.AccountId);
            store.AssignUserRole(u.AccountId, store.ConfluenceResourceId, "atlassian/user");   // direct and through the group
            store.AssignGroupRole(g.Id, store.JiraResourceId, "atlassian/user");              // through the group only

            var roles = api.Org.ListUserRoleAssignments(api.OrgId, api.DirectoryId, u.AccountId, CancellationToken.None).ToList();

            var conf = roles.Single(r => r.ResourceId == store.ConfluenceResourceId);
            Assert.Equal("Direct", conf.Via);
            Assert.Equal(new[] { "Direct", "Group" }, conf.AssignmentMethods.OrderBy(x => x));
            var jira = roles.Single(r => r.ResourceId == store.JiraResourceId);
            Assert.Equal("Group", jira.Via);
            Assert.Equal("atlassian/user", jira.RoleId);
        }

        [Fact]
        public void Role_assignment_items_read_inferred_and_fall_back_to_the_deprecated_roles_list()
        {
            // Shapes from multiDirectoryUserRoleAssignment.ts: "inferred" has no emulator scenario, and an answer may carry
            // only the deprecated "roles".
            const string json = @"{""resourceId"":""ari:cloud:jira::site/1"",""resourceOwner"":""jira"",
                ""roles"":[""atlassian/user"",""atlassian/admin"",""atlassian/user-access-admin""],
                ""roleAssignments"":[{""role"":""atlassian/user"",""roleAssignmentMethods"":[""inferred""]},
                                     {""role"":""atlassian/admin"",""roleAssignmentMethods"":[""group_direct"",""some_future_method""]}],
                ""directoryId"":null,""userDirectoryStatus"":null}";
            var wire = JsonSerializer.Deserialize<OrgClient.ResourceRoles>(json, JsonDefaults.Options);

            var items = OrgClient.Flatten(wire).ToList();

            Assert.Equal(new[] { "atlassian/user", "atlassian/admin", "atlassian/user-access-admin" }, items.Select(i => i.RoleId));
            Assert.Equal(new[] { "Inferred", "Group", null }, items.Select(i => i.Via));
            Assert.Contains("some_future_method", items[1].AssignmentMethods);
        }

        [Fact]
        public async Task Invitation_results_are_read_from_the_nested_role_and_group_assignment_results()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 10 });
            var store = api.Sandbox.Store;
            var synced = store.Groups().First(g => g.ExternalSynced);
            var jsm = store.ServiceDeskResourceId;
            store.SetSeatLimit(jsm, store.Users().Count(u => store.EffectiveRoles(u.AccountId).Any(r => r.ResourceId == jsm && r.RoleId == "atlassian/user")));
            var request = new AtlassianAdmin.Models.AtlassianInvitationRequest
            {
                Emails = { "nested@acme-sandbox.example" },
                PermissionRules = new System.Collections.Generic.List<AtlassianAdmin.Models.AtlassianPermissionRule>
                {
                    new AtlassianAdmin.Models.AtlassianPermissionRule { Resource = store.JiraResourceId, Role = "atlassian/user" },
                    new AtlassianAdmin.Models.AtlassianPermissionRule { Resource = jsm, Role = "atlassian/user" },
                },
                AdditionalGroups = new System.Collections.Generic.List<string> { synced.Id },
            };

            var result = (await api.Org.InviteAsync(api.OrgId, request, CancellationToken.None)).Single();

            Assert.Equal("nested@acme-sandbox.example", result.Email);
            Assert.Equal(store.FindUserByEmail("nested@acme-sandbox.example").AccountId, result.Id);
            var jira = result.Results.Single(r => r.Type == "role" && r.Resource == store.JiraResourceId);
            Assert.Equal("INVITED", jira.Status);
            Assert.False(jira.IsFailure);
            var full = result.Results.Single(r => r.Type == "role" && r.Resource == jsm);
            Assert.True(full.IsFailure);
            Assert.Contains("License limit", full.StatusReason);
            var group = result.Results.Single(r => r.Type == "group");
            Assert.Equal(synced.Id, group.GroupId);
            Assert.True(group.IsFailure);
            Assert.Contains("identity provider", group.StatusReason);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task Suspend_and_restore_accept_204_and_200_with_a_body(bool withBody)
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 10, LifecycleAnswersWithBody = withBody });
            var store = api.Sandbox.Store;
            var id = store.Users().First(u => u.Status == "active" && u.AccountId != store.ApiKeyOwnerAccountId).AccountId;

            await api.Org.SuspendUserAsync(api.OrgId, api.DirectoryId, id, CancellationToken.None);
            Assert.Equal("suspended", store.FindUser(id).Status);
            await api.Org.RestoreUserAsync(api.OrgId, api.DirectoryId, id, CancellationToken.None);
            Assert.Equal("active", store.FindUser(id).Status);
            // Only the v2 paths were called (the v1 suspend-access/restore-access were removed: C6).
            Assert.DoesNotContain(api.Sandbox.Stats.ByRoute().Keys, k => k.Contains("/v1/"));
        }

        [Fact]
        public async Task Page_two_of_a_filtered_user_or_group_search_stays_filtered_when_the_cursor_carries_no_filters()
        {
            // A server that keeps only the position in POST search cursors (C9): the client must resend the filters.
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 60, SearchCursorIsPositionOnly = true });
            api.Org.PageSize = 5;
            var store = api.Sandbox.Store;
            for (int i = 0; i < 12; i++) store.AddGroup("cursor-team-" + i);
            var ct = CancellationToken.None;

            var active = api.Org.SearchUsers(api.OrgId, api.DirectoryId, new UserQuery { Status = new System.Collections.Generic.List<string> { "suspended" } }, ct).ToList();
            var expected = store.Users().Where(u => u.Status == "suspended").Select(u => u.AccountId).ToList();
            Assert.True(expected.Count > 5, "several pages of suspended users");
            Assert.Equal(expected, active.Select(u => u.AccountId));

            var groups = api.Org.SearchGroups(api.OrgId, api.DirectoryId, new GroupQuery { SearchTerm = "cursor-team" }, ct).ToList();
            Assert.Equal(12, groups.Count);
            Assert.All(groups, g => Assert.StartsWith("cursor-team-", g.Name));
            Assert.True(api.Sandbox.Stats.ByRoute()["POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search"] >= 3);
        }

        [Theory]
        [InlineData(CreateGroupAnswer.DataEnvelope)]
        [InlineData(CreateGroupAnswer.BareGroup)]
        [InlineData(CreateGroupAnswer.NoContent)]
        public async Task Group_create_returns_the_group_whatever_the_unverified_body(CreateGroupAnswer answer)
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 5, CreateGroupAnswer = answer });

            var g = await api.Org.CreateGroupAsync(api.OrgId, api.DirectoryId, "created-" + answer, "why", CancellationToken.None);

            Assert.NotNull(g);
            Assert.Equal(api.Sandbox.Store.FindGroupByName("created-" + answer).Id, g.Id);
            Assert.Equal("created-" + answer, g.Name);
        }

        [Fact]
        public async Task Event_actions_are_read_from_their_unpaged_list()
        {
            await using var api = await TestApi.OverHttpAsync(new SandboxOptions { UserCount = 10 });

            var actions = await api.Org.GetEventActionsAsync(api.OrgId, CancellationToken.None);

            var added = actions.Single(a => a.Id == "user_added_to_group");
            Assert.Equal("Added user to group", added.DisplayName);
            Assert.Equal("Group management", added.GroupDisplayName);
            Assert.Equal(api.OrgId, added.OrgId);
            Assert.Contains(actions, a => a.Id == "user_suspended");
            Assert.Equal(actions.Count, actions.Select(a => a.Id).Distinct().Count());
        }

        [Fact]
        public void An_event_action_with_only_the_list_of_group_names_keeps_them()
        {
            // jira.js eventActionModel: groupDisplayName and groupDisplayNames are both optional; the emulator sends the first.
            const string json = @"{""id"":""policy_updated"",""type"":""event-actions"",
                ""attributes"":{""displayName"":""Updated policy"",""groupDisplayNames"":[""Security"",""Policies""]}}";
            var wire = JsonSerializer.Deserialize<AtlassianAdmin.Client.Paging.JsonApiResource<OrgClient.EventActionAttributes>>(json, JsonDefaults.Options);

            var action = OrgClient.ToEventAction("org-1", wire);

            Assert.Equal("policy_updated", action.Id);
            Assert.Equal("Updated policy", action.DisplayName);
            Assert.Equal("Security; Policies", action.GroupDisplayName);
        }
    }
}
