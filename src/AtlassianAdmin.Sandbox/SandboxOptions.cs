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

        /// <summary>
        /// User provisioning (SCIM) API key of the sandbox directory, accepted as "Authorization: Bearer &lt;key&gt;" on
        /// /scim/directory/{directoryId}/… only (Atlassian's SCIM key is directory-scoped and distinct from the org key).
        /// </summary>
        public string ScimApiKey { get; set; } = "sandbox-scim-key";
        /// <summary>Most resources one SCIM list page returns, whatever <c>count</c> asks (Atlassian's KB: 100 per request).</summary>
        public int ScimMaxPageSize { get; set; } = 100;

        public int DefaultPageSize { get; set; } = 50;
        /// <summary>Larger "limit" values are clamped to this (the real API documents max 100).</summary>
        public int MaxPageSize { get; set; } = 100;

        /// <summary>
        /// Most users one Jira <c>/users/search</c> or <c>/user/search</c> page returns, whatever <c>maxResults</c> asks
        /// (Jira caps 1000 to 100: JRACLOUD-72003/73290); 0 = <see cref="MaxPageSize"/>.
        /// </summary>
        public int JiraUserPageCap { get; set; }
        /// <summary>
        /// Every Nth Jira user (by creation order) is left out of Jira user pages, as Jira filters accounts out of a page
        /// after taking its range, so pages come back shorter than the range they cover; 0 = none left out.
        /// </summary>
        public int JiraUsersLeftOutEvery { get; set; }

        /// <summary>
        /// Every Nth user (by creation order) keeps their email private: Jira answers without <c>emailAddress</c> and its
        /// user search does not match the email (correction C8); the org directory still shows it. 0 = none.
        /// </summary>
        public int JiraHiddenEmailEvery { get; set; }
        /// Most actors one <c>POST /project/{key}/role/{id}</c> may carry; 0 = no limit. Jira documents none (unverified),
        /// so this only lets tests meet a rejected batch (400).
        /// </summary>
        public int MaxRoleActorsPerRequest { get; set; }

        /// <summary>Added to every request (cancellable).</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>Token bucket refill rate shared by all requests; 0 = off.</summary>
        public double RateLimitPerSecond { get; set; }
        /// <summary>Bucket capacity; 0 means max(1, (int)RateLimitPerSecond).</summary>
        public int RateLimitBurst { get; set; }
        /// <summary>
        /// One bucket per endpoint (method + route template) instead of one for the host, as Atlassian's limits and
        /// X-RateLimit-* headers are per endpoint (api reference C7): a hot endpoint's 429s leave the others alone.
        /// </summary>
        public bool RateLimitPerEndpoint { get; set; }

        /// <summary>Separate limit of GET /v1/orgs/{orgId}/events (the real API allows 10/min); 0 = off.</summary>
        public int EventsRateLimitPerMinute { get; set; } = 10;
        /// <summary>Burst of the events limit (bucket capacity); 0 = <see cref="EventsRateLimitPerMinute"/>. Lets tests reach the limit with a few pages.</summary>
        public int EventsRateLimitBurst { get; set; }

        /// <summary>Serve the v1 endpoints Atlassian removed after 2026-06-30 (C6); off: they answer 404 naming the v2 path.</summary>
        public bool ServeRemovedV1Endpoints { get; set; }
        /// <summary>v2 suspend/restore answer 200 with a JSON body instead of 204 (Atlassian documents neither for sure: C6).</summary>
        public bool LifecycleAnswersWithBody { get; set; }

        /// <summary>
        /// POST <c>users/search</c> and <c>groups/search</c> cursors carry only the position, and the filters of the request
        /// that sends the cursor apply (C9: whether Atlassian keeps filters in these cursors is unverified; on, a client that
        /// sends only the cursor gets unfiltered later pages).
        /// </summary>
        public bool SearchCursorIsPositionOnly { get; set; }

        /// <summary>
        /// The workspaces API lists Jira as <c>ari:cloud:jira-admin::site/{siteId}</c>, as Atlassian issue ID-8887 reports;
        /// role assignments still take (and list) <c>ari:cloud:jira::site/{siteId}</c> and refuse the listed one with
        /// 400 ADMIN-UAM-400-5. Off: the workspaces API lists the assignable ARI.
        /// </summary>
        public bool WorkspacesListJiraAdminAri { get; set; }

        /// <summary>What v2 <c>POST …/groups</c> answers (jira.js types it void; the body is unverified: C10).</summary>
        public CreateGroupAnswer CreateGroupAnswer { get; set; } = CreateGroupAnswer.DataEnvelope;
        /// <summary>
        /// Jira's <c>POST /group</c> answers jira.js's <c>Group</c> model (name, self, users, expand: no <c>groupId</c>) and the
        /// new group is not in <c>/group/bulk</c> yet (a site that has not caught up) until
        /// <see cref="SandboxStore.CatchUpGroupListings"/>. Off: the answer carries <c>groupId</c>, as ../shared/atlassian-api.md documents.
        /// </summary>
        public bool JiraCreateGroupNotReadBack { get; set; }
        /// <summary>
        /// Jira words its "already a member / actor" 400s and "not an actor" 404s without "already" or the role's name
        /// (the wording is unverified: C10), so a client that matches on words misreads them.
        /// </summary>
        public bool JiraTerseErrors { get; set; }

        /// <summary>0..1 fraction of requests that get a random fault from <see cref="FaultKinds"/>.</summary>
        public double FaultRate { get; set; }
        public SandboxFault[] FaultKinds { get; set; } = (SandboxFault[])Enum.GetValues(typeof(SandboxFault));

        /// <summary>Retry-After of injected 429/503 (rate-limit 429s compute the real wait, min 1).</summary>
        public int RetryAfterSeconds { get; set; } = 1;
        /// <summary>How long a Timeout fault hangs before answering 504.</summary>
        public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>The clock of latency, timeout faults and rate-limit buckets; tests pass a fake one to control time.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
        /// <summary>Longest path+query accepted; longer requests get a bare 414 URI Too Long, as from Atlassian's edge.</summary>
        public int MaxRequestUriLength { get; set; } = 8192;
        /// <summary>Deterministic fault choice when set.</summary>
        public int? RandomSeedForFaults { get; set; }
    }

    /// <summary>Answers of v2 group create: <c>201 {"data":group}</c>, <c>201</c> with the bare group, or <c>204</c>.</summary>
    public enum CreateGroupAnswer
    {
        DataEnvelope, BareGroup, NoContent,
        /// <summary>No body, and the group is in no search or count until <see cref="SandboxStore.CatchUpGroupListings"/> (a directory that has not caught up).</summary>
        NoContentNotListedYet,
    }
}
