using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AtlassianAdmin.Connection;

namespace AtlassianAdmin.Completers
{
    /// <summary>Completes connection names from the session registry (no I/O, never blocks the prompt).</summary>
    public sealed class ConnectionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.Complete(AtlassianSession.All.Select(c => c.Name), wordToComplete);
    }

    internal static class CompletionHelper
    {
        /// <summary>Filters by prefix/wildcard and quotes names that contain spaces or special characters.</summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string wordToComplete)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            foreach (var v in values.Where(v => v != null).Distinct().OrderBy(v => v))
            {
                if (!pattern.IsMatch(v)) continue;
                var text = v.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#' }) >= 0 ? "'" + v.Replace("'", "''") + "'" : v;
                yield return new CompletionResult(text, v, CompletionResultType.ParameterValue, v);
            }
        }
    }
}
