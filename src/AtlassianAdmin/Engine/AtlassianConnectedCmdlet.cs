using System;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Client.Jira;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Completers;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// A cmdlet that talks to Atlassian: takes <c>-Connection</c> (object or name) and falls back to the default one;
    /// without any, it stops with a clear "run Connect-AtlassianOrg first" error.
    /// </summary>
    public abstract class AtlassianConnectedCmdlet : AtlassianCmdlet
    {
        [Parameter]
        [ArgumentCompleter(typeof(ConnectionNameCompleter))]
        public AtlassianConnectionPipeBind Connection { get; set; }

        private AtlassianConnection _connection;
        private bool? _onSite;

        /// <summary>The API this cmdlet declares with <see cref="RequiresApiAttribute"/>.</summary>
        internal AtlassianApi RequiredApi =>
            (GetType().GetCustomAttributes(typeof(RequiresApiAttribute), false) is RequiresApiAttribute[] a && a.Length == 1 ? a[0]
                : throw new InvalidOperationException(GetType().Name + " does not declare [RequiresApi]")).Api;

        /// <summary>
        /// True when this invocation works on the Jira site: the cmdlet needs the site, or it takes either and the -Site
        /// parameter set is in use or the connection has no organization API key.
        /// </summary>
        protected bool OnSite => _onSite ?? (_onSite = RequiredApi == AtlassianApi.Site || RequiredApi == AtlassianApi.OrganizationOrSite
            && (SiteParameterSet.IsSite(ParameterSetName) || IsBound("Site") || !ActiveConnection.HasOrganization)).Value;

        /// <summary>The declared API is checked once, before any work, with the error that says how to connect.</summary>
        internal override void CheckPrerequisites()
        {
            switch (RequiredApi)
            {
                case AtlassianApi.Organization: _ = OrgApi; break;
                case AtlassianApi.Site: _ = JiraApi; break;
                case AtlassianApi.Scim: _ = ScimApi; break;
                case AtlassianApi.OrganizationOrSite:
                    if (!OnSite) { _ = OrgApi; break; }
                    _ = JiraApi;
                    SiteParameterSet.RejectOrgOnly(this, ActiveConnection.Name);
                    break;
            }
        }

        protected internal AtlassianConnection ActiveConnection => _connection ?? (_connection = ResolveConnection());

        private AtlassianConnection ResolveConnection()
        {
            if (Connection != null)
            {
                var named = Connection.Resolve();
                if (named != null) return named;
                var known = string.Join(", ", AtlassianSession.All.Select(c => "'" + c.Name + "'"));
                Terminate(new ArgumentException($"There is no Atlassian connection named '{Connection}'. " +
                    (known.Length > 0 ? "Known connections: " + known + "." : "Run Connect-AtlassianOrg -Name '" + Connection + "' first.")),
                    Connection.ToString(), "ConnectionNotFound", ErrorCategory.ObjectNotFound);
            }
            var current = AtlassianSession.Default;
            if (current == null)
                Terminate(new InvalidOperationException("You are not connected to Atlassian. Run Connect-AtlassianOrg first (for example: Connect-AtlassianOrg -ApiKey $key, or Connect-AtlassianOrg -Sandbox to try the module offline)."),
                    null, "NotConnected", ErrorCategory.ConnectionError);
            return current;
        }

        /// <summary>The org API of the connection; stops with a clear error when the connection has only a Jira site.</summary>
        protected internal OrgClient OrgApi
        {
            get
            {
                var c = ActiveConnection;
                if (c.Org == null)
                    Terminate(new InvalidOperationException($"Connection '{c.Name}' has no organization API key; this command needs one. Run Connect-AtlassianOrg -ApiKey <key> (create a key at admin.atlassian.com → Settings → API keys)."),
                        c.Name, "NoOrganizationApiKey", ErrorCategory.InvalidOperation);
                return c.Org;
            }
        }

        /// <summary>The Jira site API of the connection; stops with a clear error when the connection has no site credential.</summary>
        protected JiraClient JiraApi
        {
            get
            {
                var c = ActiveConnection;
                if (c.Jira == null)
                    Terminate(new InvalidOperationException($"Connection '{c.Name}' has no Jira site; this command needs one. Run Connect-AtlassianOrg -SiteUrl https://<site>.atlassian.net -Credential (Get-Credential) (user name = your account email, password = an API token from id.atlassian.com), optionally with -ApiKey in the same connection."),
                        c.Name, "NoJiraSite", ErrorCategory.InvalidOperation);
                return c.Jira;
            }
        }

        /// <summary>The user provisioning (SCIM) API of the connection; stops with a clear error when it has no SCIM key.</summary>
        protected AtlassianAdmin.Client.Scim.ScimClient ScimApi
        {
            get
            {
                var c = ActiveConnection;
                if (c.Scim == null)
                    Terminate(new InvalidOperationException($"Connection '{c.Name}' has no user provisioning (SCIM) API key; this command needs one. Run Connect-AtlassianOrg with -ScimApiKey <SecureString> (and -ScimDirectoryId <id> when the organization has several directories), next to -ApiKey or alone; -FromEnvironment reads ATLASSIAN_SCIM_API_KEY. Create the key at admin.atlassian.com → Security → Identity providers → your directory → user provisioning; it is not the organization API key."),
                        c.Name, "ScimNotConnected", ErrorCategory.InvalidOperation);
                return c.Scim;
            }
        }

        protected internal string OrgId => ActiveConnection.OrgId;

        /// <summary>
        /// The listing Connect-AtlassianOrg started in the background, so the first org cmdlet does not wait a round trip
        /// for it; null when there is none or it failed (then the caller lists, and reports any error itself).
        /// </summary>
        private System.Collections.Generic.IReadOnlyList<AtlassianAdmin.Models.AtlassianDirectory> PrefetchedDirectories()
        {
            var loading = ActiveConnection.Cache.DirectoriesLoading;
            if (loading == null) return null;
            ActiveConnection.Cache.DirectoriesLoading = null;
            // Ctrl+C must not wait for a request this invocation did not start.
            var stop = new System.Threading.Tasks.TaskCompletionSource<bool>();
            using (CancellationToken.Register(() => stop.TrySetResult(true)))
                Await(System.Threading.Tasks.Task.WhenAny(loading, stop.Task));
            CancellationToken.ThrowIfCancellationRequested();
            return loading.Status == System.Threading.Tasks.TaskStatus.RanToCompletion ? loading.Result : null;
        }

        /// <summary>
        /// The directory to act in: the given one, or the org's only directory. With several directories and none given,
        /// the error lists their ids.
        /// </summary>
        protected internal string ResolveDirectoryId(string given, bool allowAll = false)
        {
            if (!string.IsNullOrEmpty(given))
            {
                Identifiers.RequireDirectoryId(given); // "." or "a/b" would reach another endpoint
                return given;
            }
            var dirs = ActiveConnection.Cache.Directories;
            if (dirs == null)
            {
                dirs = PrefetchedDirectories() ?? OrgApi.ListDirectories(OrgId, CancellationToken).ToList();
                ActiveConnection.Cache.Directories = dirs;
            }
            if (dirs.Count == 1) return dirs[0].DirectoryId;
            if (allowAll) return "-";
            var ids = string.Join(", ", dirs.Select(d => $"{d.DirectoryId} ({d.Name})"));
            Terminate(new ArgumentException(dirs.Count == 0
                    ? "The organization has no directory this key can manage."
                    : $"The organization has {dirs.Count} directories; choose one with -DirectoryId: {ids}."),
                null, "DirectoryIdRequired", ErrorCategory.InvalidArgument);
            return null;
        }
    }
}
