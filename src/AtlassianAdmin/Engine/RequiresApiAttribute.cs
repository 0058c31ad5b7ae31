using System;

namespace AtlassianAdmin.Engine
{
    /// <summary>The API a cmdlet works against.</summary>
    public enum AtlassianApi
    {
        /// <summary>The organization admin API (Connect-AtlassianOrg -ApiKey).</summary>
        Organization,
        /// <summary>A Jira site's REST API (Connect-AtlassianOrg -SiteUrl -Credential).</summary>
        Site,
        /// <summary>The user provisioning (SCIM) API (Connect-AtlassianOrg -ScimApiKey).</summary>
        Scim,
        /// <summary>
        /// Either: the Jira site with -Site (the parameter set named <see cref="RequiresApiAttribute.SiteParameterSet"/>),
        /// or when the connection has no organization API key; the organization otherwise.
        /// </summary>
        OrganizationOrSite,
    }

    /// <summary>
    /// Declares, once per cmdlet, which API it needs. <see cref="AtlassianConnectedCmdlet"/> checks it before any work
    /// (a connection without it stops with NoOrganizationApiKey / NoJiraSite / ScimNotConnected), so no method probes for it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class RequiresApiAttribute : Attribute
    {
        /// <summary>The parameter set that works on the Jira site, for <see cref="AtlassianApi.OrganizationOrSite"/>.</summary>
        public const string SiteParameterSet = "Site";

        /// <summary>The default parameter set of an <see cref="AtlassianApi.OrganizationOrSite"/> cmdlet: org groups, users…</summary>
        public const string OrganizationParameterSet = "Organization";

        public RequiresApiAttribute(AtlassianApi api) => Api = api;

        public AtlassianApi Api { get; }
    }
}
