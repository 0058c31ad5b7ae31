using System;

namespace AtlassianAdmin.Models
{
    /// <summary>What happened to one input item of a state-changing cmdlet.</summary>
    public enum ChangeOutcome
    {
        /// <summary>The change was made.</summary>
        Changed,
        /// <summary>Already in the desired state; nothing was sent.</summary>
        Unchanged,
        /// <summary>-WhatIf: the change would be made; nothing was sent.</summary>
        WhatIf,
        /// <summary>The user answered No to -Confirm.</summary>
        Declined,
        /// <summary>The item failed; an error record with the same input was written too.</summary>
        Failed,
        /// <summary>
        /// The run was stopped (Ctrl+C) after this item's write was sent and before its answer came: it may or may not
        /// have been applied. Only in $AtlassianChangeReport (a stopped pipeline takes no more output); re-run the input to settle it.
        /// </summary>
        Interrupted,
    }

    /// <summary>
    /// One result per input item (with -PassThru), flat so that <c>… -PassThru | Export-Csv report.csv</c> is a complete report.
    /// </summary>
    public sealed class AtlassianChangeResult
    {
        /// <summary>Position of the input item in the pipeline (1-based), to match the report to the source rows.</summary>
        public int Index { get; set; }
        public string Action { get; set; }
        /// <summary>Who or what was acted on, as given (email, accountId, name).</summary>
        public string Target { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        /// <summary>Where: directory, group, role on a workspace, project role…</summary>
        public string Resource { get; set; }
        public ChangeOutcome Outcome { get; set; }
        /// <summary>Why it is unchanged, or the error for a failed item.</summary>
        public string Message { get; set; }
        public string ErrorId { get; set; }
        public DateTimeOffset Timestamp { get; set; } = DateTimeOffset.Now;

        public override string ToString() => $"{Action} {Target}{(string.IsNullOrEmpty(Resource) ? "" : " → " + Resource)}: {Outcome}";
    }
}
