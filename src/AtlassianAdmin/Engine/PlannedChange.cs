using System;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// What a state-changing cmdlet intends to do for one input item, decided after reading the current state.
    /// <see cref="UnchangedReason"/> set = already in the desired state (idempotent success, nothing sent).
    /// </summary>
    public sealed class PlannedChange
    {
        /// <summary>Short verb phrase for results and -WhatIf, e.g. "Suspend user".</summary>
        public string Action { get; set; }
        /// <summary>Display of the target for ShouldProcess and results.</summary>
        public string Target { get; set; }
        public string Resource { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string UnchangedReason { get; set; }
        /// <summary>Set = declined before the item was reached (e.g. a sync plan's removals answered No as a whole): outcome Declined, nothing sent.</summary>
        public string DeclinedReason { get; set; }
        /// <summary>Extra text for the confirmation prompt (e.g. "12 members will lose access").</summary>
        public string Warning { get; set; }
        /// <summary>The write. Returns false when the server reports it had nothing to do (then the outcome is Unchanged).</summary>
        public Func<CancellationToken, Task<bool>> Apply { get; set; }
        /// <summary>Set by the engine when the write was handed to the client (for the report after Ctrl+C).</summary>
        public volatile bool Sent;
        /// <summary>The write joins a batch (one request for many items) that limits its own concurrency.</summary>
        public bool Batched { get; set; }

        public static PlannedChange Unchanged(string action, string target, string resource, string reason) =>
            new PlannedChange { Action = action, Target = target, Resource = resource, UnchangedReason = reason };
    }

    /// <summary>An item-level failure with a stable error id and category, raised from async planning code.</summary>
    public sealed class ItemFailedException : Exception
    {
        public ItemFailedException(string errorId, System.Management.Automation.ErrorCategory category, string message, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }
        public System.Management.Automation.ErrorCategory Category { get; }
    }
}
