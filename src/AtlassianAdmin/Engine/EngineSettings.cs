using System;

namespace AtlassianAdmin.Engine
{
    /// <summary>Settings of the change engine (static fields, so tests can set them through InternalHooks).</summary>
    internal static class EngineSettings
    {
        /// <summary>
        /// Per-attempt timeout of a write. Atlassian answers a membership, role or lifecycle write in well under a second;
        /// one that has not answered in 10 s is hung, and waiting the connection's read-sized default (100 s) for it only
        /// holds a write slot. Idempotent writes are then retried; others fail as Timeout (their effect unknown).
        /// </summary>
        internal static TimeSpan WriteAttemptTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Per-attempt timeout of the reads an item's plan makes (lookups, member listings). They are retried, so a hung
        /// read costs this long once instead of the connection's 100 s, while the items behind it go on.
        /// </summary>
        internal static TimeSpan PlanAttemptTimeout = TimeSpan.FromSeconds(15);

        /// <summary>
        /// A write unanswered after 4 × the run's typical write latency (between these bounds) is a straggler: it gives its
        /// -ThrottleLimit slot to the next item while it waits for its answer or its timeout.
        /// </summary>
        internal static TimeSpan StallAfter = TimeSpan.FromSeconds(2);
        internal static TimeSpan MinStallAfter = TimeSpan.FromMilliseconds(250);

        /// <summary>Stragglers allowed at once, per -ThrottleLimit slot.</summary>
        internal static int StragglersPerSlot = 3;
    }
}
