using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Reports;

namespace AtlassianAdmin.Completers
{
    /// <summary>Completes -Action with the audit actions the module knows (the org's full list: GET /v1/orgs/{orgId}/event-actions).</summary>
    public sealed class AuditActionCompleter : IArgumentCompleter
    {
        private static readonly string[] Known =
        {
            "user_invited", "user_suspended", "user_restored", "user_removed_from_directory", "user_added_to_group", "user_removed_from_group",
            "group_created", "group_deleted", "role_granted", "role_revoked", "user_deactivated", "user_reactivated", "user_deleted",
            "user_deletion_cancelled", "user_email_changed", "user_profile_updated", "api_token_revoked",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Known.Where(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, a));
        }
    }

    /// <summary>Completes -Product with the common product names.</summary>
    public sealed class ProductCompleter : IArgumentCompleter
    {
        public System.Collections.Generic.IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var p in ProductAccessReport.KnownProducts)
                if (p.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(p, p, CompletionResultType.ParameterValue, p);
        }
    }
}
