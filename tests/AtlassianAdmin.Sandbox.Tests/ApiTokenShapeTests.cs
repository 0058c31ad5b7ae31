using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>API token shapes: jira.js apiTokenModel.ts (per user) and the API-access API's ApiTokenSearchResponse (org-wide).</summary>
    public class ApiTokenShapeTests
    {
        [Fact]
        public async Task Per_user_tokens_have_the_apiTokenModel_fields_and_no_value()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("tok.en@acme-sandbox.example", "Tok En").AccountId;
            var created = DateTimeOffset.UtcNow.AddDays(-10);
            var used = c.Store.AddApiToken(id, "ci", created, created.AddDays(1));
            c.Store.AddApiToken(id, "never", created);
            var items = (await c.Get("users/" + id + "/manage/api-tokens")).AssertStatus(200).Json.EnumerateArray().ToList();
            Assert.Equal(2, items.Count);
            var first = items.Single(i => i.GetProperty("id").GetString() == used);
            Assert.Equal(new[] { "createdAt", "expiry", "id", "label", "lastAccess" }, first.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            // lastAccess is optional: absent for a token never used.
            Assert.False(items.Single(i => i.GetProperty("label").GetString() == "never").TryGetProperty("lastAccess", out _));
            Assert.Equal(404, (await c.Delete("users/" + id + "/manage/api-tokens/no-such-token")).Code);
        }

        [Fact]
        public async Task Org_wide_listing_pages_with_owner_details()
        {
            using var c = new SandboxClient(new SandboxOptions { UserCount = 30, DefaultPageSize = 3 });
            var expected = c.Store.Users().Where(u => u.Managed).Sum(u => u.ApiTokenCount);
            Assert.True(expected > 3);
            var seen = 0;
            string cursor = null;
            do
            {
                var page = (await c.Get("admin/api-access/v1/orgs/" + c.Store.OrgId + "/api-tokens" + (cursor == null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)))).AssertStatus(200).Json;
                foreach (var t in page.GetProperty("data").EnumerateArray())
                {
                    seen++;
                    Assert.Equal("ALLOWED", t.GetProperty("status").GetString());
                    var user = t.GetProperty("user");
                    Assert.Equal(c.Store.OrgId, user.GetProperty("orgId").GetString());
                    Assert.True(c.Store.FindUser(user.GetProperty("id").GetString()).Managed);
                    Assert.True(t.TryGetProperty("createdAt", out _) && t.TryGetProperty("expiresAt", out _) && t.TryGetProperty("lastActiveAt", out _));
                }
                var next = page.GetProperty("links").GetProperty("next");
                cursor = next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
            } while (cursor != null);
            Assert.Equal(expected, seen);
        }

        [Fact]
        public async Task Scim_provisioned_accounts_report_externalDirectory_scim_and_refuse_lifecycle_changes()
        {
            using var c = new SandboxClient();
            var id = c.Store.AddUser("synced.user@acme-sandbox.example", "Synced User").AccountId;
            c.Store.SetManagementSource(id, "synced");
            var perms = (await c.Get("users/" + id + "/manage?privileges=lifecycle.enablement,apiToken.delete")).AssertStatus(200).Json;
            Assert.False(perms.GetProperty("lifecycle.enablement").GetProperty("allowed").GetBoolean());
            Assert.Equal("externalDirectory.scim", perms.GetProperty("lifecycle.enablement").GetProperty("reason").GetProperty("key").GetString());
            Assert.True(perms.GetProperty("apiToken.delete").GetProperty("allowed").GetBoolean());
            Assert.False(perms.GetProperty("apiToken.delete").TryGetProperty("reason", out _));
            Assert.Equal(403, (await c.Post("users/" + id + "/manage/lifecycle/disable")).Code);
            Assert.False(c.Store.FindUser(id).Deactivated);
            var user = (await c.Get(c.Dir + "/users/" + id)).AssertStatus(200).Json.GetProperty("data");
            Assert.Equal("synced", user.GetProperty("managementSource").GetString());
        }
    }
}
