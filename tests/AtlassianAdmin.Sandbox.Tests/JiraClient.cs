using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace AtlassianAdmin.Sandbox.Tests
{
    /// <summary>Jira-flavoured helpers on top of <see cref="SandboxClient"/>: Basic auth and /rest/api/3 paths.</summary>
    internal sealed class JiraClient : System.IDisposable
    {
        public JiraClient(SandboxOptions options = null)
        {
            Inner = new SandboxClient(options);
            var o = Inner.Handler.Options;
            Auth = SandboxClient.Basic(o.JiraEmail, o.JiraApiToken);
        }

        public SandboxClient Inner { get; }
        public SandboxStore Store => Inner.Store;
        public SandboxHandler Handler => Inner.Handler;
        public AuthenticationHeaderValue Auth { get; set; }

        public Task<Reply> Get(string path) => Inner.Send(HttpMethod.Get, "rest/api/3/" + path, null, Auth);
        public Task<Reply> Post(string path, object body) => Inner.Send(HttpMethod.Post, "rest/api/3/" + path, body, Auth);
        public Task<Reply> Put(string path, object body) => Inner.Send(HttpMethod.Put, "rest/api/3/" + path, body, Auth);
        public Task<Reply> Delete(string path) => Inner.Send(HttpMethod.Delete, "rest/api/3/" + path, null, Auth);

        public static object Adf(string text) => new
        {
            type = "doc", version = 1,
            content = new[] { new { type = "paragraph", content = new[] { new { type = "text", text } } } },
        };

        public void Dispose() => Inner.Dispose();
    }
}
