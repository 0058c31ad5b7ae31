using System;
using System.Linq;
using System.Management.Automation;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// The org/site split of an <see cref="AtlassianApi.OrganizationOrSite"/> cmdlet is its parameter sets: those whose
    /// name starts with <see cref="RequiresApiAttribute.SiteParameterSet"/> hold what works on the Jira site, so with
    /// -Site PowerShell itself refuses the rest. On a site-only connection the user does not say -Site and the
    /// organization set binds; this check then refuses what that set has and no site set has, once, before any work.
    /// </summary>
    internal static class SiteParameterSet
    {
        /// <summary>True when <paramref name="parameterSet"/> is one of the cmdlet's site sets.</summary>
        public static bool IsSite(string parameterSet) =>
            parameterSet != null && parameterSet.StartsWith(RequiresApiAttribute.SiteParameterSet, StringComparison.Ordinal);

        /// <summary>
        /// Stops (ParameterNotSupportedOnSite) when parameters that no site set has were given on the command line. Values
        /// bound later from piped objects (e.g. the DirectoryId of an org group) are ignored on the site, so org objects still pipe in.
        /// A cmdlet without site sets is not checked.
        /// </summary>
        public static void RejectOrgOnly(PSCmdlet cmdlet, string connectionName)
        {
            var parameters = cmdlet.MyInvocation.MyCommand.Parameters;
            if (!parameters.Values.Any(p => p.ParameterSets.Keys.Any(IsSite))) return;
            var given = cmdlet.MyInvocation.BoundParameters.Keys
                .Where(n => parameters.TryGetValue(n, out var p) && !p.ParameterSets.Keys.Any(s => s == ParameterAttribute.AllParameterSets || IsSite(s)))
                .ToList();
            if (given.Count == 0) return;
            var list = string.Join(", ", given.Select(n => "-" + n));
            throw new TerminatingErrorException(ErrorRecords.From(new ArgumentException(
                    $"{list} {(given.Count == 1 ? "applies" : "apply")} to the organization only, and connection '{connectionName}' has only a Jira site (no org API key), " +
                    $"so this command works on the site, which has no such parameter. Leave {(given.Count == 1 ? "it" : "them")} out, or use a connection with an org API key (Connect-AtlassianOrg -ApiKey)."),
                given[0], "ParameterNotSupportedOnSite", ErrorCategory.InvalidArgument));
        }
    }
}
