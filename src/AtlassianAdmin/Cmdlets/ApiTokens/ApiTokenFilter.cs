using System;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Cmdlets.ApiTokens
{
    /// <summary>Selects tokens by age: created at least N days ago, and/or unused for N days (never used counts from creation).</summary>
    public sealed class ApiTokenFilter
    {
        public int? OlderThanDays { get; set; }
        public int? UnusedForDays { get; set; }
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public bool Any => OlderThanDays.HasValue || UnusedForDays.HasValue;

        public bool Matches(AtlassianApiToken t)
        {
            if (OlderThanDays.HasValue && !(t.CreatedAt.HasValue && t.CreatedAt.Value <= Now.AddDays(-OlderThanDays.Value))) return false;
            if (UnusedForDays.HasValue)
            {
                var last = t.LastAccess ?? t.CreatedAt;
                if (last.HasValue && last.Value > Now.AddDays(-UnusedForDays.Value)) return false;
            }
            return true;
        }

        public string Describe() =>
            (OlderThanDays.HasValue ? $"created {OlderThanDays} or more days ago" : "") +
            (OlderThanDays.HasValue && UnusedForDays.HasValue ? " and " : "") +
            (UnusedForDays.HasValue ? $"unused for {UnusedForDays} or more days" : "");
    }
}
