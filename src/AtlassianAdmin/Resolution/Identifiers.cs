#nullable enable
using System.Management.Automation;
using System.Text.RegularExpressions;
using AtlassianAdmin.Engine;
namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// The documented forms of the identifiers that go into request paths, checked before anything is sent: a value that
    /// cannot be one (".", "..", "a/b", 10 KB of text) is that row's clear error instead of a request to another endpoint.
    /// </summary>
    internal static class Identifiers
    {
        // Jira project keys: a letter, then letters, digits or '_' (Jira's default pattern; at most 255 in any
        // configuration). Project ids are digits. Matched case-insensitively: people type keys in lower case.
        private static readonly Regex ProjectKeyOrId = new Regex(@"^(?:[A-Za-z][A-Za-z0-9_]{0,254}|[0-9]{1,18})$", RegexOptions.Compiled);
        // Issue keys: PROJECT-123; issue ids: digits.
        private static readonly Regex IssueKeyOrId = new Regex(@"^(?:[A-Za-z][A-Za-z0-9_]{0,254}-[0-9]{1,18}|[0-9]{1,18})$", RegexOptions.Compiled);
        // Group and directory ids are UUIDs on the org API and on Jira; accept any id-like token (no '/', '.', spaces).
        private static readonly Regex IdToken = new Regex(@"^[A-Za-z0-9][A-Za-z0-9_\-:]{0,127}$", RegexOptions.Compiled);

        public static bool IsProjectKey(string? value) => value != null && ProjectKeyOrId.IsMatch(value);
        public static bool IsIssueKey(string? value) => value != null && IssueKeyOrId.IsMatch(value);
        public static bool IsIdToken(string? value) => value != null && IdToken.IsMatch(value);

        /// <summary>ProjectNotFound (ObjectNotFound) for a value that cannot be a project key or id.</summary>
        public static void RequireProjectKey(string? value)
        {
            if (!IsProjectKey(value))
                throw new ItemFailedException("ProjectNotFound", ErrorCategory.ObjectNotFound,
                    $"'{UserInput.Show(value)}' is not a Jira project key (a letter, then letters, digits or '_', e.g. ACME) or project id. Get-AtlassianProject lists the projects.");
        }

        /// <summary>RequestNotFound (ObjectNotFound) for a value that cannot be an issue key or id.</summary>
        public static void RequireIssueKey(string? value)
        {
            if (!IsIssueKey(value))
                throw new ItemFailedException("RequestNotFound", ErrorCategory.ObjectNotFound,
                    $"'{UserInput.Show(value)}' is not an issue key (like ACCESS-12) or issue id. Get-AtlassianAccessRequest lists the requests.");
        }

        /// <summary>GroupNotFound (ObjectNotFound) for a group id that cannot be one.</summary>
        public static void RequireGroupId(string? value)
        {
            if (!IsIdToken(value))
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound,
                    $"'{UserInput.Show(value)}' is not a group id (a UUID such as 3f0b7c2e-…). Get-AtlassianGroup shows the ids.");
        }

        /// <summary>Group names are at most 255 characters (Jira and the org directory).</summary>
        public const int MaxGroupNameLength = 255;

        /// <summary>GroupNotFound (ObjectNotFound) for a group name or id no group can have.</summary>
        public static void RequireGroupName(string? value)
        {
            if (value == null || string.IsNullOrWhiteSpace(value) || value.Length > MaxGroupNameLength || value == "." || value == "..")
                throw new ItemFailedException("GroupNotFound", ErrorCategory.ObjectNotFound,
                    $"'{UserInput.Show(value)}' cannot be a group name or id (1-{MaxGroupNameLength} characters).");
        }

        /// <summary>DirectoryNotFound (ObjectNotFound) for a directory id that cannot be one.</summary>
        public static void RequireDirectoryId(string? value)
        {
            if (!IsIdToken(value))
                throw new ItemFailedException("DirectoryNotFound", ErrorCategory.ObjectNotFound,
                    $"'{UserInput.Show(value)}' is not a directory id (a UUID). Get-AtlassianDirectory lists the directories.");
        }
    }
}
