using System;

namespace AtlassianAdmin.Sandbox
{
    /// <summary>Configuration of one in-memory Atlassian emulator instance.</summary>
    public sealed class SandboxOptions
    {
        /// <summary>Number of seeded org users (the first one is the API key owner / Jira admin).</summary>
        public int UserCount { get; set; } = 40;
        public int Seed { get; set; } = 1;

        /// <summary>Org API key, accepted as "Authorization: Bearer &lt;key&gt;" on /admin and /users/*/manage.</summary>
        public string ApiKey { get; set; } = "sandbox-api-key";

        /// <summary>Basic-auth credentials for /rest/api/3 (the email is the seeded admin's).</summary>
        public string JiraEmail { get; set; } = "admin@acme-sandbox.example";
        public string JiraApiToken { get; set; } = "sandbox-jira-token";

        public int DefaultPageSize { get; set; } = 50;
        /// <summary>Larger "limit" values are clamped to this (the real API documents max 100).</summary>
        public int MaxPageSize { get; set; } = 100;

        /// <summary>Added to every request (cancellable).</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>Token bucket refill rate shared by all requests; 0 = off.</summary>
        public double RateLimitPerSecond { get; set; }
        /// <summary>Bucket capacity; 0 means max(1, (int)RateLimitPerSecond).</summary>
        public int RateLimitBurst { get; set; }

        /// <summary>Separate limit of GET /v1/orgs/{orgId}/events (the real API allows 10/min); 0 = off.</summary>
        public int EventsRateLimitPerMinute { get; set; } = 10;
        /// <summary>Burst of the events limit (bucket capacity); 0 = <see cref="EventsRateLimitPerMinute"/>. Lets tests reach the limit with a few pages.</summary>
        public int EventsRateLimitBurst { get; set; }

        /// <summary>Whether the users search's <c>productAccess</c> expansion carries <c>lastActive</c> (off: clients must read last-active-dates).</summary>
        public bool ProductAccessLastActive { get; set; } = true;

        /// <summary>0..1 fraction of requests that get a random fault from <see cref="FaultKinds"/>.</summary>
        public double FaultRate { get; set; }
        public SandboxFault[] FaultKinds { get; set; } = (SandboxFault[])Enum.GetValues(typeof(SandboxFault));

        /// <summary>Retry-After of injected 429/503 (rate-limit 429s compute the real wait, min 1).</summary>
        public int RetryAfterSeconds { get; set; } = 1;
        /// <summary>How long a Timeout fault hangs before answering 504.</summary>
        public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>Longest path+query accepted; longer requests get a bare 414 URI Too Long, as from Atlassian's edge.</summary>
        public int MaxRequestUriLength { get; set; } = 8192;
        /// <summary>Deterministic fault choice when set.</summary>
        public int? RandomSeedForFaults { get; set; }
    }
}
