#nullable enable
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// Adds the Authorization header. The secret stays a <see cref="SecureString"/> and is decoded per request,
    /// so no plain copy lives on the connection object that users can inspect or serialize.
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly string _scheme;
        private readonly string? _user; // email for Basic; null for Bearer
        private readonly SecureString _secret;

        private AuthenticationHandler(string scheme, string? user, SecureString secret)
        {
            _scheme = scheme;
            _user = user;
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        public static AuthenticationHandler Bearer(SecureString apiKey) => new AuthenticationHandler("Bearer", null, apiKey);
        public static AuthenticationHandler Basic(string email, SecureString apiToken) => new AuthenticationHandler("Basic", email, apiToken);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var secret = Decode(_secret);
            var value = _user == null ? secret : Convert.ToBase64String(Encoding.UTF8.GetBytes(_user + ":" + secret));
            request.Headers.Authorization = new AuthenticationHeaderValue(_scheme, value);
            return base.SendAsync(request, cancellationToken);
        }

        private static string Decode(SecureString s)
        {
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(s);
                return Marshal.PtrToStringUni(ptr);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _secret.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Identifies the module to Atlassian (helps their support and rate-limit diagnostics).</summary>
    internal sealed class UserAgentHandler : DelegatingHandler
    {
        private static readonly ProductInfoHeaderValue Product =
            new ProductInfoHeaderValue("AtlassianAdmin", typeof(UserAgentHandler).Assembly.GetName().Version.ToString(3));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.UserAgent.Clear();
            request.Headers.UserAgent.Add(Product);
            if (request.Headers.Accept.Count == 0)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Keeps a shared primary handler (the in-process sandbox) alive when a pipeline above it is disposed.</summary>
    internal sealed class NonDisposingHandler : DelegatingHandler
    {
        public NonDisposingHandler(HttpMessageHandler inner) : base(inner) { }
        protected override void Dispose(bool disposing) { /* the owner disposes the inner handler */ }
    }
}
