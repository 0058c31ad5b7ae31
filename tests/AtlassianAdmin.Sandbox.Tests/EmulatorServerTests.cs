using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AtlassianAdmin.Emulator;
using Xunit;

namespace AtlassianAdmin.Sandbox.Tests
{
    public class EmulatorServerTests
    {
        [Fact]
        public async Task Serves_the_handler_over_loopback_http()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions { ApiKey = "k1", DefaultPageSize = 2, RetryAfterSeconds = 2 });
            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            Assert.NotEqual(0, server.BaseAddress.Port);
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "k1");
            var org = server.Handler.Store.OrgId;

            var orgs = await http.GetAsync("admin/v1/orgs");
            Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
            Assert.Equal("application/json; charset=utf-8", orgs.Content.Headers.ContentType.ToString());
            Assert.Contains(org, await orgs.Content.ReadAsStringAsync());

            var search = await http.PostAsync("admin/v2/orgs/" + org + "/directories/-/users/search",
                new StringContent("{\"limit\":1,\"status\":[\"active\"]}", Encoding.UTF8, "application/json"));
            var page = JsonDocument.Parse(await search.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(1, page.GetProperty("data").GetArrayLength());

            var g = await http.PostAsync("admin/v2/orgs/" + org + "/directories/-/groups", new StringContent("{\"name\":\"over-http\"}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, g.StatusCode);
            Assert.NotNull(server.Handler.Store.FindGroupByName("over-http"));

            server.Handler.Faults.InjectNext(SandboxFault.TooManyRequests);
            var limited = await http.GetAsync("admin/v1/orgs");
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter.Delta);

            http.DefaultRequestHeaders.Authorization = null;
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("admin/v1/orgs")).StatusCode);
        }

        [Fact]
        public async Task Connection_faults_drop_the_connection()
        {
            await using var server = await EmulatorServer.StartAsync(new SandboxOptions());
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-api-key");
            var id = server.Handler.Store.Users()[1].AccountId;
            var path = "admin/v2/orgs/" + server.Handler.Store.OrgId + "/directories/-/users/" + id + "/suspend";

            server.Handler.Faults.InjectNext(SandboxFault.ConnectionReset);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(path, null));
            Assert.Equal("active", server.Handler.Store.FindUser(id).MembershipStatus);

            server.Handler.Faults.InjectNext(SandboxFault.ResponseLost);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(path, null));
            Assert.Equal("suspended", server.Handler.Store.FindUser(id).MembershipStatus);
        }
    }
}
