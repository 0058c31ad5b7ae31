using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Resolution;

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
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> values, string wordToComplete) =>
            Complete(values.Where(v => v != null).Select(v => new CompletionValue(v)), wordToComplete);

        /// <summary>Same, with a tooltip per value.</summary>
        public static IEnumerable<CompletionResult> Complete(IEnumerable<CompletionValue> values, string wordToComplete)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
            var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var cv in values.Where(v => v?.Value != null).OrderBy(v => v.Value, System.StringComparer.OrdinalIgnoreCase))
            {
                var v = cv.Value;
                if (!seen.Add(v) || !pattern.IsMatch(v)) continue;
                var text = v.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#', '[', ']', '*', '?' }) >= 0 ? "'" + v.Replace("'", "''") + "'" : v;
                yield return new CompletionResult(text, v, CompletionResultType.ParameterValue, cv.ToolTip);
            }
        }

        /// <summary>The connection a command line refers to: its -Connection argument (name or object), else the default.</summary>
        public static AtlassianConnection ConnectionFor(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters != null && fakeBoundParameters.Contains("Connection") ? fakeBoundParameters["Connection"] : null;
            if (given is PSObject pso) given = pso.BaseObject;
            switch (given)
            {
                case AtlassianConnection c: return c;
                case AtlassianConnectionPipeBind bind: return bind.Resolve();
                case string name when name.Length > 0: return AtlassianSession.Find(name);
                default: return AtlassianSession.Default;
            }
        }
    }
}
