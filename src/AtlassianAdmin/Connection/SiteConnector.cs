using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Sandbox;

namespace AtlassianAdmin.Connection
{
    /// <summary>
    /// Adds a Jira Cloud site to a connection: Basic auth (account email + API token) over its own pipeline, validated with
    /// <c>GET /rest/api/3/myself</c>. The token stays a SecureString inside the auth handler.
    /// </summary>
    internal static class SiteConnector
    {
        internal static readonly Uri SandboxSiteUrl = new Uri("https://acme-sandbox.atlassian.net/");
        internal const string SandboxRequestProject = "ACCESS";

        public static void Connect(AtlassianConnection connection, Uri siteUrl, PSCredential credential, object primary, CancellationToken ct)
        {
            if (siteUrl == null) throw new ArgumentException("-Credential needs -SiteUrl (https://<site>.atlassian.net).");
            if (credential == null || credential == PSCredential.Empty) throw new ArgumentException("-SiteUrl needs -Credential: user name = your Atlassian account email, password = an API token from id.atlassian.com → Security → API tokens.");
            var email = credential.UserName?.Trim();
            if (string.IsNullOrEmpty(email) || email.IndexOf('@') <= 0)
                throw new ArgumentException($"The credential's user name '{email}' is not an email address. Use your Atlassian account email as the user name and an API token as the password.");
            var site = SiteRoot(siteUrl);
            TransportFactory.RequireSecureUri(site, primary != null);
            Attach(connection, site, email, credential.Password, primary, ct);
            connection.AuthenticationType = connection.Org != null ? "ApiKey+SiteToken" : "SiteToken";
        }

        public static void ConnectSandbox(AtlassianConnection connection, SandboxHandler handler, CancellationToken ct)
        {
            var token = new SecureString();
            foreach (var ch in handler.Options.JiraApiToken) token.AppendChar(ch);
            Attach(connection, SandboxSiteUrl, handler.Options.JiraEmail, token, handler, ct);
            connection.RequestProject = SandboxRequestProject;
        }

        private static void Attach(AtlassianConnection connection, Uri site, string email, SecureString token, object primary, CancellationToken ct)
        {
            var transport = TransportFactory.CreateBasic(site, email, token, primary: primary as System.Net.Http.HttpMessageHandler);
            connection.Owned.Add(transport);
            var jira = new JiraClient(transport);
            var me = jira.GetMyselfAsync(ct).GetAwaiter().GetResult();
            connection.Jira = jira;
            connection.SiteUrl = site;
            connection.SiteAccount = me?.Email ?? email;
        }

        /// <summary>Only the scheme, host and port matter: https://acme.atlassian.net/jira/… → https://acme.atlassian.net/.</summary>
        internal static Uri SiteRoot(Uri url)
        {
            if (!url.IsAbsoluteUri) url = new Uri("https://" + url.OriginalString);
            return new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
        }

        /// <summary>A 401 from the site's /myself: the email/token pair is wrong (the message never contains the token).</summary>
        public static bool IsSiteAuthFailure(Exception ex, out Exception clear)
        {
            clear = null;
            if (!(ex is AtlassianApiException api) || api.Status != 401 || api.RequestPath == null || api.RequestPath.IndexOf("/rest/api/", StringComparison.OrdinalIgnoreCase) < 0) return false;
            clear = new AtlassianApiException("The Jira site rejected the credential (401). Use your Atlassian account email as the user name and an API token (id.atlassian.com → Security → API tokens) as the password — not your password — and check that the token has not expired or been revoked.",
                api.StatusCode, api.Method, api.RequestPath, api.Errors, api.RetryCount);
            return true;
        }
    }
}
