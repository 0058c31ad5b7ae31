using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>Test harness: a SandboxHandler behind an HttpClient with the org key, plus small JSON helpers.</summary>
    internal sealed class SandboxClient : IDisposable
    {
        public SandboxClient(SandboxOptions options = null)
        {
            options = options ?? new SandboxOptions();
            Handler = new SandboxHandler(options);
            Http = new HttpClient(Handler, disposeHandler: false) { BaseAddress = new Uri("https://api.atlassian.com/") };
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        public SandboxHandler Handler { get; }
        public SandboxStore Store => Handler.Store;
        public HttpClient Http { get; }
        public string Org => "admin/v2/orgs/" + Store.OrgId;
        public string Dir => Org + "/directories/" + Store.DirectoryId;
        public string V1 => "admin/v1/orgs/" + Store.OrgId;

        public Task<Reply> Get(string path) => Send(HttpMethod.Get, path, null);
        public Task<Reply> Post(string path, object body = null) => Send(HttpMethod.Post, path, body);
        public Task<Reply> Delete(string path) => Send(HttpMethod.Delete, path, null);
        public Task<Reply> Put(string path, object body) => Send(HttpMethod.Put, path, body);
        public Task<Reply> Patch(string path, object body) => Send(new HttpMethod("PATCH"), path, body);

        public async Task<Reply> Send(HttpMethod method, string path, object body, AuthenticationHeaderValue auth = null)
        {
            using var req = new HttpRequestMessage(method, path);
            if (body is string raw) req.Content = new StringContent(raw, Encoding.UTF8, "application/json");
            else if (body != null) req.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            if (auth != null) req.Headers.Authorization = auth;
            using var resp = await Http.SendAsync(req);
            return await Reply.From(resp);
        }

        /// <summary>Follows links.next through every page of a POST search.</summary>
        public async Task<List<JsonElement>> PostAll(string path, Dictionary<string, object> body)
        {
            var all = new List<JsonElement>();
            var first = await Post(path, body);
            first.AssertStatus(200);
            var page = first;
            while (true)
            {
                all.AddRange(page.Json.GetProperty("data").EnumerateArray());
                var next = page.Json.GetProperty("links").GetProperty("next");
                if (next.ValueKind == JsonValueKind.Null) return all;
                page = await Post(path, new Dictionary<string, object> { ["cursor"] = next.GetString() });
                page.AssertStatus(200);
            }
        }

        public void Dispose()
        {
            Http.Dispose();
            Handler.Dispose();
        }

        public static AuthenticationHeaderValue Basic(string email, string token) =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(email + ":" + token)));
    }

    internal sealed class Reply
    {
        public HttpStatusCode Status;
        public string Body;
        public HttpResponseMessage Message;
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public int Code => (int)Status;

        public static async Task<Reply> From(HttpResponseMessage resp) =>
            new Reply { Status = resp.StatusCode, Body = await resp.Content.ReadAsStringAsync(), Message = resp };

        public string Header(string name) =>
            Message.Headers.TryGetValues(name, out var v) ? v.First() : Message.Content.Headers.TryGetValues(name, out var c) ? c.First() : null;

        public Reply AssertStatus(int expected)
        {
            if (Code != expected) throw new Xunit.Sdk.XunitException("Expected HTTP " + expected + " but got " + Code + ": " + Body);
            return this;
        }

        /// <summary>Asserts the admin error body shape and returns its code.</summary>
        public string ErrorCode(int expectedStatus)
        {
            AssertStatus(expectedStatus);
            var error = Json.GetProperty("errors")[0];
            Xunit.Assert.Equal(expectedStatus.ToString(), error.GetProperty("status").GetString());
            Xunit.Assert.False(string.IsNullOrEmpty(error.GetProperty("id").GetString()));
            Xunit.Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
            Xunit.Assert.True(error.TryGetProperty("detail", out _));
            return error.GetProperty("code").GetString();
        }

        public List<string> Strings(string arrayProperty, string field) =>
            Json.GetProperty(arrayProperty).EnumerateArray().Select(e => e.GetProperty(field).GetString()).ToList();
    }
}
