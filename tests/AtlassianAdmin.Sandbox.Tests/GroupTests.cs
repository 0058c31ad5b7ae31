using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class GroupTests
    {
        [Fact]
        public async Task Create_returns_201_with_group_then_duplicate_is_409()
        {
            using var c = new SandboxClient();
            var r = (await c.Post(c.Dir + "/groups", new { name = "approvers-jira", description = "Approvers" })).AssertStatus(201);
            var id = r.Json.GetProperty("data").GetProperty("id").GetString();
            Assert.Equal("approvers-jira", c.Store.FindGroup(id).Name);
            Assert.Equal("approvers-jira", (await c.Get(c.Dir + "/groups/" + id)).AssertStatus(200).Json.GetProperty("data").GetProperty("name").GetString());
            Assert.Equal("ADMIN-UAM-409-2", (await c.Post(c.Dir + "/groups", new { name = "Approvers-Jira" })).ErrorCode(409));
            Assert.Contains(c.Store.Events(), e => e.Action == "group_created" && e.Context.Any(x => x.Key == id));
        }

        [Fact]
        public async Task Delete_is_204_then_404_and_members_lose_its_roles()
        {
            using var c = new SandboxClient();
            var u = c.Store.AddUser("only.marketing@acme-sandbox.example", "Only Marketing");
            var marketing = c.Store.FindGroupByName("marketing");
            c.Store.AddMember(marketing.Id, u.AccountId);
            Assert.Contains(c.Store.EffectiveRoles(u.AccountId), x => x.ResourceId == c.Store.ConfluenceResourceId);

            (await c.Delete(c.Dir + "/groups/" + marketing.Id)).AssertStatus(204);
            Assert.Equal("ADMIN-404-10", (await c.Get(c.Dir + "/groups/" + marketing.Id)).ErrorCode(404));
            Assert.Empty(c.Store.EffectiveRoles(u.AccountId));
            Assert.Empty(c.Store.FindUser(u.AccountId).GroupIds);
            Assert.Equal("group_deleted", c.Store.Events().Last().Action);
        }

        [Fact]
        public async Task Synced_group_cannot_be_changed()
        {
            using var c = new SandboxClient();
            var hr = c.Store.FindGroupByName("hr-synced");
            var u = c.Store.Users()[1];
            var r = await c.Post(c.Dir + "/groups/" + hr.Id + "/memberships", new { accountId = u.AccountId });
            Assert.Equal("ADMIN-403-5", r.ErrorCode(403));
            Assert.Contains("identity provider", r.Json.GetProperty("errors")[0].GetProperty("detail").GetString());
            Assert.Equal(403, (await c.Delete(c.Dir + "/groups/" + hr.Id)).Code);
        }

        [Fact]
        public async Task Add_membership_is_idempotent()
        {
            using var c = new SandboxClient();
            var g = c.Store.AddGroup("approvers");
            var u = c.Store.Users()[2];
            (await c.Post(c.Dir + "/groups/" + g.Id + "/memberships", new { accountId = u.AccountId })).AssertStatus(204);
            var events = c.Store.Events().Count;
            (await c.Post(c.Dir + "/groups/" + g.Id + "/memberships", new { accountId = u.AccountId })).AssertStatus(204);
            Assert.Equal(new[] { u.AccountId }, c.Store.GroupMembers(g.Id));
            Assert.Equal(events, c.Store.Events().Count);
            Assert.Contains(c.Store.Events(), e => e.Action == "user_added_to_group" && e.Context.Any(x => x.Key == g.Id) && e.Context.Any(x => x.Key == u.AccountId));
        }

        [Fact]
        public async Task Add_membership_needs_a_user_of_the_directory()
        {
            using var c = new SandboxClient();
            var g = c.Store.AddGroup("approvers");
            Assert.Equal("ADMIN-404-8", (await c.Post(c.Dir + "/groups/" + g.Id + "/memberships", new { accountId = "unknown-account" })).ErrorCode(404));
            var other = c.Store.AddDirectory("Other");
            var outsider = c.Store.AddUser("outsider@acme-sandbox.example", "Out Sider", directoryId: other);
            Assert.Equal("ADMIN-404-8", (await c.Post(c.Dir + "/groups/" + g.Id + "/memberships", new { accountId = outsider.AccountId })).ErrorCode(404));
            Assert.Equal("ADMIN-404-10", (await c.Post(c.Dir + "/groups/nope/memberships", new { accountId = outsider.AccountId })).ErrorCode(404));
        }

        [Fact]
        public async Task Remove_membership_is_204_also_for_non_members()
        {
            using var c = new SandboxClient();
            var dev = c.Store.FindGroupByName("developers");
            var member = c.Store.GroupMembers(dev.Id).Last();
            (await c.Delete(c.Dir + "/groups/" + dev.Id + "/memberships/" + member)).AssertStatus(204);
            Assert.DoesNotContain(member, c.Store.GroupMembers(dev.Id));
            Assert.Equal("user_removed_from_group", c.Store.Events().Last().Action);
            (await c.Delete(c.Dir + "/groups/" + dev.Id + "/memberships/" + member)).AssertStatus(204);
            Assert.Equal("ADMIN-404-8", (await c.Delete(c.Dir + "/groups/" + dev.Id + "/memberships/nobody")).ErrorCode(404));
        }

        [Fact]
        public async Task V1_membership_uses_snake_case_body()
        {
            using var c = new SandboxClient(new SandboxOptions { ServeRemovedV1Endpoints = true });   // removed after 2026-06-30 (C6)
            var g = c.Store.AddGroup("v1-group");
            var u = c.Store.Users()[1];
            (await c.Post(c.V1 + "/directory/groups/" + g.Id + "/memberships", new { account_id = u.AccountId })).AssertStatus(200);
            Assert.Contains(u.AccountId, c.Store.GroupMembers(g.Id));
            (await c.Delete(c.V1 + "/directory/groups/" + g.Id + "/memberships/" + u.AccountId)).AssertStatus(200);
            Assert.Empty(c.Store.GroupMembers(g.Id));
        }

        [Fact]
        public async Task Group_search_filters_and_counts()
        {
            using var c = new SandboxClient(new SandboxOptions { DefaultPageSize = 2 });
            var byName = (await c.Post(c.Dir + "/groups/search", new { groupNames = new[] { "DEVELOPERS" }, expand = new[] { "counts.users" } })).AssertStatus(200).Json.GetProperty("data");
            var dev = byName.EnumerateArray().Single();
            Assert.Equal(c.Store.GroupMembers(c.Store.FindGroupByName("developers").Id).Count, dev.GetProperty("counts").GetProperty("users").GetInt32());
            var term = (await c.Post(c.Dir + "/groups/search", new { searchTerm = "users", limit = 10 })).Json.GetProperty("data");
            Assert.Equal(new[] { "jira-software-users", "confluence-users" }, term.EnumerateArray().Select(g => g.GetProperty("name").GetString()));
            var admin = c.Store.ApiKeyOwnerAccountId;
            var mine = await c.PostAll(c.Dir + "/groups/search", new System.Collections.Generic.Dictionary<string, object> { ["accountIds"] = new[] { admin } });
            Assert.Equal(c.Store.FindUser(admin).GroupIds.OrderBy(x => x), mine.Select(g => g.GetProperty("id").GetString()).OrderBy(x => x));
            var all = await c.PostAll(c.Dir + "/groups/search", new System.Collections.Generic.Dictionary<string, object>());
            Assert.Equal(6, all.Count);
        }
    }
}
