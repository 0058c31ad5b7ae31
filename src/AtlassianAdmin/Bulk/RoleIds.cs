using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AtlassianAdmin.Completers;

namespace AtlassianAdmin.Bulk
{
    /// <summary>The role ids the Organization API knows (reference §4.6); "user" is accepted for "atlassian/user".</summary>
    internal static class RoleIds
    {
        public static readonly IReadOnlyList<string> Known = new[]
        {
            "atlassian/user", "atlassian/admin", "atlassian/guest", "atlassian/customer", "atlassian/user-access-admin",
            "atlassian/contributor", "atlassian/basic", "atlassian/stakeholder", "atlassian/viewer",
            "atlassian/org-admin", "atlassian/site-admin", "atlassian/ai-access",
        };

        /// <summary>The canonical role id, or null when unknown.</summary>
        public static string Normalize(string role)
        {
            if (string.IsNullOrWhiteSpace(role)) return null;
            var r = role.Trim();
            if (!r.Contains("/")) r = "atlassian/" + r;
            return Known.FirstOrDefault(k => string.Equals(k, r, StringComparison.OrdinalIgnoreCase));
        }

        public static string Validate(string role)
        {
            var id = Normalize(role);
            if (id != null) return id;
            throw new ItemFailedException(string.IsNullOrWhiteSpace(role) ? "RoleMissing" : "InvalidRole", ErrorCategory.InvalidArgument,
                (string.IsNullOrWhiteSpace(role) ? "No role was given." : $"'{role}' is not a known Atlassian role id.") +
                $" Known roles: {string.Join(", ", Known)}.");
        }
    }

    /// <summary>Completes the known role ids (static list, no I/O).</summary>
    public sealed class RoleIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(RoleIds.Known, wordToComplete).ToList();
    }
}
