using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
namespace AtlassianAdmin.Sync
{
    /// <summary>
    /// One step of a desired-state plan (Add, Remove or Keep) inside one scope: a group, a project role. The sync
    /// cmdlets count removals per scope against the scope's current size for the removal threshold. Internal and
    /// implemented explicitly, so that PowerShell does not show its members as properties of the (flat) plan objects.
    /// </summary>
    internal interface IDesiredStateStep
    {
        /// <summary>Add, Remove or Keep.</summary>
        string Action { get; }
        /// <summary>A stable key of the scope (a group id; project key and role id).</summary>
        string ScopeKey { get; }
        /// <summary>The scope's members for messages: "members of 'developers'", "actors of ACME Developers".</summary>
        string ScopeMembers { get; }
    }

    /// <summary>What a planner found: the steps, the malformed or unresolvable rows, warnings, and each scope's current size.</summary>
    internal sealed class DesiredStatePlan<TStep>
    {
        public List<TStep> Items { get; } = new List<TStep>();
        /// <summary>Malformed or unresolvable rows, in row order.</summary>
        public List<(DesiredRow Row, ItemFailedException Error)> Errors { get; } = new List<(DesiredRow, ItemFailedException)>();
        public List<string> Warnings { get; } = new List<string>();
        /// <summary>Current member (actor) count per scope key.</summary>
        public Dictionary<string, int> ScopeSizes { get; } = new Dictionary<string, int>();
    }

    /// <summary>Helpers of the planners: collect a lookup's failure instead of throwing, and turn it into a row error.</summary>
    internal static class PlanTasks
    {
        public static async Task<(T, Exception)> Capture<T>(Task<T> task)
        {
            try { return (await task.ConfigureAwait(false), null); }
            catch (Exception e) when (!(e is OperationCanceledException)) { return (default, e); }
        }

        public static ItemFailedException AsItemError(Exception e, int? row = null)
        {
            if (e is ItemFailedException item)
                return row.HasValue ? new ItemFailedException(item.ErrorId, item.Category, $"Row {row}: {item.Message}", item) : item;
            var record = ErrorRecords.From(e, null);
            return new ItemFailedException(record.FullyQualifiedErrorId, record.CategoryInfo.Category, e.Message, e);
        }
    }
}
