using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Sandbox;
using AtlassianAdmin.Secrets;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.Connection
{
    /// <summary>
    /// <para type="synopsis">Connects to an Atlassian organization (org API key) or to the built-in offline sandbox.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "AtlassianOrg", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(AtlassianConnection))]
    public sealed class ConnectAtlassianOrgCommand : AtlassianCmdlet
    {
        private const string ApiKeySet = "ApiKey";
        private const string SandboxSet = "Sandbox";
        private const string VaultSet = "Vault";
        private const string EnvironmentSet = "Environment";
        private const string SiteSet = "Site";
        private const string ApiKeySiteSet = "ApiKeyAndSite";
        private const string ScimSet = "Scim";
        private const string ApiKeyScimSet = "ApiKeyAndScim";
        internal static readonly Uri DefaultApiBaseUri = new Uri("https://api.atlassian.com/");
        internal static readonly Uri SandboxApiBaseUri = new Uri("https://sandbox.atlassian.invalid/");

        /// <summary>Organization API key (admin.atlassian.com → Settings → API keys).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySiteSet)]
        [Parameter(Mandatory = true, ParameterSetName = ApiKeyScimSet)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; }

        /// <summary>SecretManagement vault holding the org API key (with -SecretName).</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string VaultName { get; set; }

        /// <summary>Name of the secret holding the org API key (SecureString, string or PSCredential).</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string SecretName { get; set; }

        /// <summary>Read ATLASSIAN_API_KEY (+ optional ATLASSIAN_ORG_ID, ATLASSIAN_API_BASE_URI) for unattended runs.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
        public SwitchParameter FromEnvironment { get; set; }

        /// <summary>Organization id; optional when the key sees exactly one organization.</summary>
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = ApiKeySiteSet)]
        [Parameter(ParameterSetName = ApiKeyScimSet)]
        [Parameter(ParameterSetName = SandboxSet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidatePattern("^[A-Za-z0-9_:\\-]{1,128}$")]
        public string OrgId { get; set; }

        /// <summary>Base URI of the Atlassian API; point it at the local emulator (http://127.0.0.1:5080) for tests.</summary>
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = ApiKeySiteSet)]
        [Parameter(ParameterSetName = ScimSet)]
        [Parameter(ParameterSetName = ApiKeyScimSet)]
        public Uri ApiBaseUri { get; set; } = DefaultApiBaseUri;

        /// <summary>Connect to the embedded, in-memory emulator: no account, no network.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SandboxSet)]
        public SwitchParameter Sandbox { get; set; }

        /// <summary>Number of seeded users in the sandbox.</summary>
        [Parameter(ParameterSetName = SandboxSet)]
        [ValidateRange(1, 1000000)]
        public int SandboxUserCount { get; set; } = 40;

        /// <summary>Jira Cloud site (https://&lt;site&gt;.atlassian.net); alone, or with -ApiKey in the same connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SiteSet)]
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySiteSet)]
        [ValidateNotNull]
        public Uri SiteUrl { get; set; }

        /// <summary>Site credential: user name = the account's email, password = an API token (id.atlassian.com).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SiteSet)]
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySiteSet)]
        [Credential]
        public PSCredential Credential { get; set; }

        /// <summary>
        /// User provisioning (SCIM) API key of one directory (admin.atlassian.com → Security → Identity providers → user
        /// provisioning); not the org API key. Adds the read-only SCIM cmdlets, next to -ApiKey or alone.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeyScimSet)]
        [Parameter(ParameterSetName = ApiKeySiteSet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScimSet)]
        [ValidateNotNull]
        public SecureString ScimApiKey { get; set; }

        /// <summary>Directory the SCIM key belongs to (the id after /scim/directory/ in its base URL); with an org key, optional when the organization has one directory.</summary>
        [Parameter(ParameterSetName = ApiKeyScimSet)]
        [Parameter(ParameterSetName = ApiKeySiteSet)]
        [Parameter(ParameterSetName = VaultSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = ScimSet)]
        [ValidatePattern("^[A-Za-z0-9_:\\-]{1,128}$")]
        public string ScimDirectoryId { get; set; }

        /// <summary>Key of the Jira project that holds access requests (the sandbox's is ACCESS).</summary>
        [Parameter]
        [ValidatePattern("^[A-Za-z][A-Za-z0-9_]{0,254}$")]
        public string RequestProject { get; set; }

        /// <summary>Name of this connection; several can be open at once. The last one connected becomes the default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "default";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            // -ScimApiKey alone on the name of an open connection adds SCIM to it, as -ApiKey with -SiteUrl combines in one.
            if (ParameterSetName == ScimSet && AtlassianSession.Find(Name) is AtlassianConnection existing && !existing.IsSandbox)
            {
                AddScimTo(existing);
                return;
            }
            var apiKey = Sandbox.IsPresent || ParameterSetName == ScimSet ? null : ResolveApiKey();
            var connection = new AtlassianConnection(Name);
            bool scimStep = false;
            try
            {
                if (Sandbox.IsPresent) ConnectSandbox(connection);
                else if (apiKey != null) ConnectApiKey(connection, apiKey);
                if (connection.Org != null)
                {
                    SelectOrganization(connection);
                    PrefetchDirectories(connection);
                }
                if (!Sandbox.IsPresent && (SiteUrl != null || Credential != null))
                    SiteConnector.Connect(connection, SiteUrl, Credential, null, CancellationToken);
                if (!Sandbox.IsPresent && ScimApiKey != null)
                {
                    scimStep = true;
                    ConnectScim(connection);
                }
                connection.RequestProject = RequestProject ?? connection.RequestProject;
                FlushLog();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                connection.Dispose();
                if (ex is TerminatingErrorException) throw; // already a clear error (e.g. ScimDirectoryIdRequired)
                if (SiteConnector.IsSiteAuthFailure(ex, out var siteError))
                    Terminate(siteError, SiteUrl?.ToString(), "InvalidSiteCredential", ErrorCategory.AuthenticationError);
                if (scimStep) TerminateOnScimRefusal(ex);
                if (ex is AtlassianApiException api && api.Status == 401)
                    Terminate(new AtlassianApiException("The API key was rejected (401). Check that it is an organization API key from admin.atlassian.com → Settings → API keys, that it has not expired, and that you copied all of it. " + api.Message,
                        api.StatusCode, api.Method, api.RequestPath, api.Errors, api.RetryCount), null, "InvalidApiKey", ErrorCategory.AuthenticationError);
                if (ex is OperationCanceledException) throw;
                Terminate(ex, OrgId);
            }

            AtlassianSession.Add(connection);
            var scimNote = connection.HasScim ? $" with SCIM for directory {connection.ScimDirectoryId}" : "";
            WriteVerbose(connection.Org != null
                ? $"Connected '{connection.Name}' to organization '{connection.OrgName}' ({connection.OrgId}){(connection.HasSite ? " and site " + connection.SiteUrl : "")}{scimNote}{(connection.IsSandbox ? " in the offline sandbox" : "")}."
                : connection.HasSite
                    ? $"Connected '{connection.Name}' to Jira site {connection.SiteUrl} as {connection.SiteAccount}{scimNote}."
                    : $"Connected '{connection.Name}' to the user provisioning (SCIM) API of directory {connection.ScimDirectoryId}.");
            if (PassThru) WriteObject(connection);
        }

        /// <summary>The org API key from -ApiKey, a SecretManagement vault, or the environment; clear error ids otherwise.</summary>
        private SecureString ResolveApiKey()
        {
            switch (ParameterSetName)
            {
                case VaultSet:
                    try
                    {
                        return SecretManagementReader.ReadSecureString(VaultName, SecretName);
                    }
                    catch (SecretManagementReader.SecretException ex)
                    {
                        Terminate(ex, ex.ErrorId == "SecretVaultNotFound" ? VaultName : SecretName, ex.ErrorId, ex.Category);
                        return null;
                    }
                case EnvironmentSet:
                    EnvironmentCredentials env = null;
                    try { env = EnvironmentCredentials.Read(); }
                    catch (ArgumentException ex) { Terminate(ex, null, "InvalidEnvironmentVariable", ErrorCategory.InvalidArgument); }
                    if (ScimApiKey == null && env.HasScimApiKey) ScimApiKey = env.ScimApiKey;
                    if (!IsBound(nameof(ScimDirectoryId)) && env.ScimDirectoryId != null) ScimDirectoryId = env.ScimDirectoryId;
                    if (!env.HasOrgApiKey && !env.HasSiteCredential)
                        Terminate(new InvalidOperationException($"-FromEnvironment needs the organization API key in {EnvironmentCredentials.ApiKeyVariable} (optional: {EnvironmentCredentials.OrgIdVariable}, {EnvironmentCredentials.ApiBaseUriVariable}), and/or a Jira site in {EnvironmentCredentials.SiteUrlVariable}, {EnvironmentCredentials.EmailVariable} and {EnvironmentCredentials.ApiTokenVariable}."),
                            EnvironmentCredentials.ApiKeyVariable, "EnvironmentApiKeyMissing", ErrorCategory.AuthenticationError);
                    if (env.HasSiteCredential && SiteUrl == null)
                    {
                        SiteUrl = env.SiteUrl;
                        Credential = env.SiteCredential;
                    }
                    if (!IsBound(nameof(OrgId)) && env.OrgId != null) OrgId = env.OrgId;
                    if (!IsBound(nameof(ApiBaseUri)) && env.ApiBaseUri != null) ApiBaseUri = env.ApiBaseUri;
                    return env.ApiKey;
                default:
                    return ApiKey;
            }
        }

        private void ConnectApiKey(AtlassianConnection connection, SecureString apiKey)
        {
            TransportFactory.RequireSecureUri(ApiBaseUri, inProcess: false);
            var transport = TransportFactory.CreateBearer(ApiBaseUri, apiKey);
            connection.Owned.Add(transport);
            connection.Org = new OrgClient(transport);
            connection.ApiBaseUri = ApiBaseUri;
            connection.AuthenticationType = "ApiKey";
        }

        private void AddScimTo(AtlassianConnection existing)
        {
            if (!IsBound(nameof(ApiBaseUri)) && existing.ApiBaseUri != null) ApiBaseUri = existing.ApiBaseUri;
            try
            {
                ConnectScim(existing);
                FlushLog();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is TerminatingErrorException) && !(ex is OperationCanceledException))
            {
                TerminateOnScimRefusal(ex);
                Terminate(ex, ScimDirectoryId);
            }
            AtlassianSession.Add(existing);
            WriteVerbose($"Added SCIM for directory {existing.ScimDirectoryId} to connection '{existing.Name}'.");
            if (PassThru) WriteObject(existing);
        }

        /// <summary>A 401 or 404 from the SCIM check: say which key or directory id is wrong (never the key itself).</summary>
        private void TerminateOnScimRefusal(Exception ex)
        {
            if (!(ex is AtlassianApiException scimError) || (scimError.Status != 401 && scimError.Status != 404)) return;
            Terminate(new AtlassianApiException(scimError.Status == 401
                    ? "The SCIM API key was rejected (401). Use the user provisioning key of the directory (admin.atlassian.com → Security → Identity providers → user provisioning), not the organization API key, and check that it belongs to directory '" + ScimDirectoryId + "'. " + scimError.Message
                    : "There is no SCIM directory '" + ScimDirectoryId + "' for this key (404). Pass -ScimDirectoryId: the id after /scim/directory/ in the directory's base URL. " + scimError.Message,
                scimError.StatusCode, scimError.Method, scimError.RequestPath, scimError.Errors, scimError.RetryCount),
                ScimDirectoryId, scimError.Status == 401 ? "InvalidScimApiKey" : "ScimDirectoryNotFound",
                scimError.Status == 401 ? ErrorCategory.AuthenticationError : ErrorCategory.ObjectNotFound);
        }

        /// <summary>
        /// Adds the SCIM API over its own pipeline (the directory's key, Bearer), checked with one small read. The directory
        /// is the given one, else the organization's only one.
        /// </summary>
        private void ConnectScim(AtlassianConnection connection)
        {
            if (string.IsNullOrEmpty(ScimDirectoryId))
            {
                var dirs = connection.Org?.ListDirectories(connection.OrgId, CancellationToken).ToList();
                if (dirs == null || dirs.Count != 1)
                    Terminate(new ArgumentException(dirs == null
                            ? "-ScimApiKey without an organization API key needs -ScimDirectoryId (the id after /scim/directory/ in the directory's base URL), or -Name of an open connection with an org key to add SCIM to."
                            : $"The organization has {dirs.Count} directories; say which one the SCIM key belongs to with -ScimDirectoryId: {string.Join(", ", dirs.Select(d => d.DirectoryId + " (" + d.Name + ")"))}."),
                        null, "ScimDirectoryIdRequired", ErrorCategory.InvalidArgument);
                ScimDirectoryId = dirs[0].DirectoryId;
            }
            TransportFactory.RequireSecureUri(ApiBaseUri, inProcess: false);
            var transport = TransportFactory.CreateBearer(ApiBaseUri, ScimApiKey);
            var scim = new AtlassianAdmin.Client.Scim.ScimClient(transport, ScimDirectoryId);
            try { scim.ValidateAsync(CancellationToken).GetAwaiter().GetResult(); }
            catch { transport.Dispose(); throw; }
            connection.Owned.Add(transport);
            connection.Scim = scim;
            if (connection.ApiBaseUri == null) connection.ApiBaseUri = ApiBaseUri;
            if (connection.AuthenticationType == null) connection.AuthenticationType = "ScimKey";
        }

        private static void ConnectSandboxScim(AtlassianConnection connection, SandboxHandler handler)
        {
            var key = new SecureString();
            foreach (var ch in handler.Options.ScimApiKey) key.AppendChar(ch);
            var transport = TransportFactory.CreateBearer(SandboxApiBaseUri, key, primary: handler);
            connection.Owned.Add(transport);
            connection.Scim = new AtlassianAdmin.Client.Scim.ScimClient(transport, handler.Store.DirectoryId);
        }

        private void ConnectSandbox(AtlassianConnection connection)
        {
            var handler = new SandboxHandler(new SandboxOptions { UserCount = SandboxUserCount });
            connection.Owned.Add(handler);
            var key = new SecureString();
            foreach (var ch in handler.Options.ApiKey) key.AppendChar(ch);
            var transport = TransportFactory.CreateBearer(SandboxApiBaseUri, key, primary: handler);
            connection.Owned.Add(transport);
            connection.Org = new OrgClient(transport);
            connection.ApiBaseUri = SandboxApiBaseUri;
            connection.AuthenticationType = "Sandbox";
            connection.IsSandbox = true;
            SiteConnector.ConnectSandbox(connection, handler, CancellationToken);
            ConnectSandboxScim(connection, handler);
        }

        /// <summary>
        /// Nearly every org cmdlet needs the directory list first; reading it in the background while the prompt (or the
        /// script's next line) comes back takes that round trip out of the first call. A failure is ignored here: the
        /// first cmdlet that needs directories lists them again and reports it.
        /// </summary>
        private static void PrefetchDirectories(AtlassianConnection connection)
        {
            var org = connection.Org;
            var orgId = connection.OrgId;
            var loading = System.Threading.Tasks.Task.Run(() =>
                (System.Collections.Generic.IReadOnlyList<AtlassianAdmin.Models.AtlassianDirectory>)org.ListDirectories(orgId, System.Threading.CancellationToken.None).ToList());
            loading.ContinueWith(t => _ = t.Exception, System.Threading.Tasks.TaskContinuationOptions.OnlyOnFaulted);
            connection.Cache.DirectoriesLoading = loading;
        }

        /// <summary>Validates the key with one call (list orgs) and picks the organization.</summary>
        private void SelectOrganization(AtlassianConnection connection)
        {
            var orgs = connection.Org.ListOrganizations(CancellationToken).ToList();
            FlushLog();
            if (!string.IsNullOrEmpty(OrgId))
            {
                var match = orgs.FirstOrDefault(o => string.Equals(o.Id, OrgId, StringComparison.OrdinalIgnoreCase));
                if (match == null)
                    throw new ArgumentException($"The API key has no access to organization '{OrgId}'. It sees: {Describe(orgs)}.");
                connection.OrgId = match.Id;
                connection.OrgName = match.Name;
                return;
            }
            if (orgs.Count == 1)
            {
                connection.OrgId = orgs[0].Id;
                connection.OrgName = orgs[0].Name;
                return;
            }
            throw new ArgumentException(orgs.Count == 0
                ? "The API key does not give access to any organization."
                : $"The API key sees {orgs.Count} organizations; choose one with -OrgId: {Describe(orgs)}.");
        }

        private static string Describe(System.Collections.Generic.IEnumerable<AtlassianAdmin.Models.AtlassianOrganization> orgs) =>
            string.Join(", ", orgs.Select(o => $"{o.Id} ({o.Name})")) is var s && s.Length > 0 ? s : "none";
    }
}
