using System;
using System.Management.Automation;

namespace AtlassianAdmin.Resolution
{
    /// <summary>Client-side name filtering with PowerShell wildcards, case-insensitive; null matches everything.</summary>
    internal static class NameFilter
    {
        public static Func<string, bool> For(string pattern)
        {
            if (string.IsNullOrEmpty(pattern)) return _ => true;
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            return name => name != null && wildcard.IsMatch(name);
        }
    }
}
