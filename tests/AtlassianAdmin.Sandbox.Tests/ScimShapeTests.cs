using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>User provisioning (SCIM 2.0) read routes: ListResponse shape, startIndex/count paging with the page cap, filters, keys.</summary>
    public class ScimShapeTests
    {
        private static AuthenticationHeaderValue Scim(SandboxOptions o) => new AuthenticationHeaderValue("Bearer", o.ScimApiKey);

        private static Task<Reply> Get(SandboxClient c, string path, AuthenticationHeaderValue auth = null) =>
            c.Send(HttpMethod.Get, "scim/directory/" + c.Store.DirectoryId + "/" + path, null, auth ?? Scim(c.Handler.Options));

        [Fact]
        public async Task Users_list_is_a_ListResponse_of_the_provisioned_users_only()
        {
            using var c = new SandboxClient();
            var synced = c.Store.Users().Where(u => u.ManagementSource == "synced").ToList();
            Assert.Single(synced);
            var page = (await Get(c, "Users")).AssertStatus(200).Json;
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.GetProperty("schemas")[0].GetString());
            Assert.Equal(1, page.GetProperty("totalResults").GetInt32());
            Assert.Equal(1, page.GetProperty("startIndex").GetInt32());
            Assert.Equal(1, page.GetProperty("itemsPerPage").GetInt32());
            var u = page.GetProperty("Resources")[0];
            Assert.Equal(synced[0].Email, u.GetProperty("userName").GetString());
            Assert.NotEqual(synced[0].AccountId, u.GetProperty("id").GetString());
            Assert.Equal(synced[0].AccountId, u.GetProperty("urn:scim:schemas:extension:atlassian-external:1.1").GetProperty("atlassianAccountId").GetString());
            Assert.False(string.IsNullOrEmpty(u.GetProperty("externalId").GetString()));
            Assert.Equal(synced[0].Name, u.GetProperty("name").GetProperty("givenName").GetString() + " " + u.GetProperty("name").GetProperty("familyName").GetString());
            var email = u.GetProperty("emails")[0];
            Assert.Equal(synced[0].Email, email.GetProperty("value").GetString());
            Assert.True(email.GetProperty("primary").GetBoolean());
            Assert.True(u.GetProperty("active").GetBoolean());
            Assert.Equal("User", u.GetProperty("meta").GetProperty("resourceType").GetString());
            Assert.True(DateTimeOffset.TryParse(u.GetProperty("meta").GetProperty("created").GetString(), out _));
            Assert.Equal(synced[0].Department, u.GetProperty("urn:ietf:params:scim:schemas:extension:enterprise:2.1:User").GetProperty("department").GetString());

            var one = (await Get(c, "Users/" + u.GetProperty("id").GetString())).AssertStatus(200).Json;
            Assert.Equal(synced[0].Email, one.GetProperty("userName").GetString());
        }

        [Fact]
        public async Task Users_page_by_startIndex_and_count_and_the_page_is_capped()
        {
            var o = new SandboxOptions { UserCount = 30, ScimMaxPageSize = 4 };
            using var c = new SandboxClient(o);
            foreach (var u in c.Store.Users().Take(9)) c.Store.SetManagementSource(u.AccountId, "synced");
            var expected = c.Store.Users().Count(u => u.ManagementSource == "synced");
            Assert.True(expected >= 9);

            // count=50 asks for more than the cap: the page is short, totalResults tells the rest.
            var first = (await Get(c, "Users?startIndex=1&count=50")).AssertStatus(200).Json;
            Assert.Equal(4, first.GetProperty("itemsPerPage").GetInt32());
            Assert.Equal(expected, first.GetProperty("totalResults").GetInt32());

            var seen = new List<string>();
            for (int start = 1; ; )
            {
                var page = (await Get(c, "Users?startIndex=" + start + "&count=3")).AssertStatus(200).Json;
                Assert.Equal(start, page.GetProperty("startIndex").GetInt32());
                var items = page.GetProperty("Resources").EnumerateArray().Select(x => x.GetProperty("userName").GetString()).ToList();
                if (items.Count == 0) break;
                Assert.True(items.Count <= 3);
                seen.AddRange(items);
                start += items.Count;
            }
            Assert.Equal(expected, seen.Count);
            Assert.Equal(expected, seen.Distinct().Count());
        }

        [Fact]
        public async Task Filters_by_userName_case_insensitively_and_rejects_unknown_filters()
        {
            using var c = new SandboxClient();
            var synced = c.Store.Users().Single(u => u.ManagementSource == "synced");
            var hit = (await Get(c, "Users?filter=" + Uri.EscapeDataString("userName eq \"" + synced.Email.ToUpperInvariant() + "\""))).AssertStatus(200).Json;
            Assert.Equal(1, hit.GetProperty("totalResults").GetInt32());
            var miss = (await Get(c, "Users?filter=" + Uri.EscapeDataString("userName eq \"nobody@example.com\""))).AssertStatus(200).Json;
            Assert.Equal(0, miss.GetProperty("totalResults").GetInt32());
            Assert.Empty(miss.GetProperty("Resources").EnumerateArray());
            var bad = (await Get(c, "Users?filter=" + Uri.EscapeDataString("title co \"x\""))).AssertStatus(400).Json;
            Assert.Equal("invalidFilter", bad.GetProperty("scimType").GetString());
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", bad.GetProperty("schemas")[0].GetString());
        }

        [Fact]
        public async Task Groups_are_the_synced_groups_with_members()
        {
            using var c = new SandboxClient();
            var hr = c.Store.Groups().Single(g => g.Name == "hr-synced");
            var page = (await Get(c, "Groups")).AssertStatus(200).Json;
            var groups = page.GetProperty("Resources").EnumerateArray().ToList();
            Assert.Equal(c.Store.Groups().Count(g => g.ExternalSynced), page.GetProperty("totalResults").GetInt32());
            var g0 = groups.Single(g => g.GetProperty("displayName").GetString() == "hr-synced");
            Assert.Equal(hr.Id, g0.GetProperty("id").GetString());
            var members = g0.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("display").GetString()).OrderBy(n => n).ToList();
            var expected = c.Store.GroupMembers(hr.Id).Select(a => c.Store.FindUser(a).Name).OrderBy(n => n).ToList();
            Assert.Equal(expected, members);
            Assert.Equal("Group", g0.GetProperty("meta").GetProperty("resourceType").GetString());
            Assert.DoesNotContain(groups, g => g.GetProperty("displayName").GetString() == "developers");

            var byName = (await Get(c, "Groups?filter=" + Uri.EscapeDataString("displayName eq \"hr-synced\""))).AssertStatus(200).Json;
            Assert.Equal(1, byName.GetProperty("totalResults").GetInt32());
            Assert.Equal(404, (await Get(c, "Groups/" + Guid.NewGuid())).Code);
            Assert.Equal(404, (await Get(c, "Groups/" + c.Store.Groups().Single(g => g.Name == "developers").Id)).Code);
        }

        [Fact]
        public async Task Only_the_directory_scim_key_opens_the_scim_api()
        {
            var o = new SandboxOptions();
            using var c = new SandboxClient(o);
            var orgKey = await Get(c, "Users", new AuthenticationHeaderValue("Bearer", o.ApiKey));
            Assert.Equal(401, orgKey.Code);
            Assert.Equal("401", orgKey.Json.GetProperty("status").GetString());
            // …and the SCIM key opens nothing else.
            var orgWithScim = await c.Send(HttpMethod.Get, "admin/v1/orgs", null, Scim(o));
            Assert.Equal(401, orgWithScim.Code);
            var otherDir = await c.Send(HttpMethod.Get, "scim/directory/not-a-directory/Users", null, Scim(o));
            Assert.Equal(404, otherDir.Code);
            var spc = (await Get(c, "ServiceProviderConfig")).AssertStatus(200).Json;
            Assert.True(spc.GetProperty("filter").GetProperty("supported").GetBoolean());
            Assert.Equal(o.ScimMaxPageSize, spc.GetProperty("filter").GetProperty("maxResults").GetInt32());
        }
    }
}
