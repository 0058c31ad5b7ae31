using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// The one parameter vocabulary: for each concept a cmdlet takes, its parameter name and the aliases it binds from
    /// (CSV columns, other tools' property names). C# attributes cannot take a shared array, so each cmdlet's [Alias]
    /// spells the list out; <c>ParameterVocabularyTests</c> checks every cmdlet's parameters against this table, so a
    /// list cannot drift, and no parameter of another concept may claim one of these names or aliases.
    /// </summary>
    public static class ParameterVocabulary
    {
        public static readonly IReadOnlyDictionary<string, string[]> Aliases = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["AccountId"] = new[] { "account_id", "UserId", "atlassian_id", "aaid" },
            ["Email"] = new[] { "EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail" },
            ["Group"] = new[] { "GroupName", "group_name", "GroupId", "group_id" },
            ["Workspace"] = new[] { "Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id" },
            ["Project"] = new[] { "ProjectKey", "project_key" },
        };
    }
}
