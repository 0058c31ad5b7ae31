using System;
using System.Management.Automation;
using System.Security;

namespace AtlassianAdmin.Secrets
{
    /// <summary>
    /// Credentials for unattended runbooks, read from environment variables (as CI systems and Azure Automation inject
    /// secrets). <c>Connect-AtlassianOrg -FromEnvironment</c> uses the org part; the Jira site part is for site
    /// connections (<c>-SiteUrl -Credential</c>): call <see cref="Read"/> and use <see cref="SiteCredential"/>.
    /// Secrets become <see cref="SecureString"/> at once; values are never echoed in messages.
    /// </summary>
    public sealed class EnvironmentCredentials
    {
        /// <summary>Organization API key (admin.atlassian.com → Settings → API keys). Required by -FromEnvironment.</summary>
        public const string ApiKeyVariable = "ATLASSIAN_API_KEY";
        /// <summary>Organization id; optional when the key sees one organization.</summary>
        public const string OrgIdVariable = "ATLASSIAN_ORG_ID";
        /// <summary>API base URI; optional (default https://api.atlassian.com).</summary>
        public const string ApiBaseUriVariable = "ATLASSIAN_API_BASE_URI";
        /// <summary>Jira site URL, e.g. https://acme.atlassian.net.</summary>
        public const string SiteUrlVariable = "ATLASSIAN_SITE_URL";
        /// <summary>Email of the account that owns the site API token.</summary>
        public const string EmailVariable = "ATLASSIAN_EMAIL";
        /// <summary>Site API token (id.atlassian.com → Security → API tokens).</summary>
        public const string ApiTokenVariable = "ATLASSIAN_API_TOKEN";

        /// <summary>User provisioning (SCIM) API key of one directory; optional, adds the SCIM cmdlets to the connection.</summary>
        public const string ScimApiKeyVariable = "ATLASSIAN_SCIM_API_KEY";
        /// <summary>Directory the SCIM key belongs to; optional when the organization has one directory.</summary>
        public const string ScimDirectoryIdVariable = "ATLASSIAN_SCIM_DIRECTORY_ID";

        public SecureString ApiKey { get; private set; }
        public SecureString ScimApiKey { get; private set; }
        public string ScimDirectoryId { get; private set; }
        public string OrgId { get; private set; }
        public Uri ApiBaseUri { get; private set; }
        public Uri SiteUrl { get; private set; }
        public string Email { get; private set; }
        public SecureString ApiToken { get; private set; }

        public bool HasOrgApiKey => ApiKey != null;
        public bool HasScimApiKey => ScimApiKey != null;
        public bool HasSiteCredential => SiteUrl != null && !string.IsNullOrEmpty(Email) && ApiToken != null;

        /// <summary>The site credential (email + API token) when all three site variables are set, else null.</summary>
        public PSCredential SiteCredential => HasSiteCredential ? new PSCredential(Email, ApiToken) : null;

        /// <summary>Reads the variables (process scope). Empty values count as unset. A malformed URI throws, naming the variable.</summary>
        public static EnvironmentCredentials Read(Func<string, string> getVariable = null)
        {
            getVariable = getVariable ?? Environment.GetEnvironmentVariable;
            string Get(string name)
            {
                var v = getVariable(name);
                return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
            }
            return new EnvironmentCredentials
            {
                ApiKey = Secure(Get(ApiKeyVariable)),
                OrgId = Get(OrgIdVariable),
                ApiBaseUri = AbsoluteUri(Get(ApiBaseUriVariable), ApiBaseUriVariable),
                SiteUrl = AbsoluteUri(Get(SiteUrlVariable), SiteUrlVariable),
                Email = Get(EmailVariable),
                ApiToken = Secure(Get(ApiTokenVariable)),
                ScimApiKey = Secure(Get(ScimApiKeyVariable)),
                ScimDirectoryId = Get(ScimDirectoryIdVariable),
            };
        }

        private static Uri AbsoluteUri(string value, string variable)
        {
            if (value == null) return null;
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)) return uri;
            throw new ArgumentException($"The environment variable {variable} is not an absolute http(s) URI.");
        }

        internal static SecureString Secure(string value)
        {
            if (value == null) return null;
            var s = new SecureString();
            foreach (var c in value) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
