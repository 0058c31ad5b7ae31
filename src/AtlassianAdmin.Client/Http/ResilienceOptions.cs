#nullable enable
using System;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>Retry and timeout policy of a connection. Defaults suit unattended runbooks; tests shrink the delays.</summary>
    public sealed class ResilienceOptions
    {
        public int MaxRetries { get; set; } = 6;
        /// <summary>
        /// Retries after a connection-level failure (refused, DNS, unreachable, TLS): nothing was sent, so writes may be
        /// retried too, but a dead API should fail in seconds, not after the full backoff.
        /// </summary>
        public int MaxConnectRetries { get; set; } = 1;
        /// <summary>Consecutive connection-level failures (within <see cref="BreakerWindow"/>) that open the connection's breaker.</summary>
        public int BreakerThreshold { get; set; } = 5;
        public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>How long an open breaker fails requests unsent before it lets one probe through.</summary>
        public TimeSpan BreakerCooldown { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>First backoff delay; doubles per attempt, with jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>The longest Retry-After we honour; a longer one is surfaced as an error rather than blocking for hours.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(15);
        /// <summary>The clock of every wait, timeout and rate-limit measurement; tests pass a fake one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }
}
