namespace AtlassianAdmin.Sandbox
{
    /// <summary>Transport/server faults the sandbox can inject.</summary>
    public enum SandboxFault
    {
        /// <summary>429 with the API family's error body and Retry-After; request not processed.</summary>
        TooManyRequests,
        /// <summary>503 with Retry-After; request not processed.</summary>
        ServiceUnavailable,
        /// <summary>502; request not processed.</summary>
        BadGateway,
        /// <summary>Request not processed; HttpRequestException wrapping an IOException ("connection reset").</summary>
        ConnectionReset,
        /// <summary>Hangs <see cref="SandboxOptions.TimeoutFaultDelay"/> then answers 504; request not processed.</summary>
        Timeout,
        /// <summary>200 application/json with a truncated body; request not processed.</summary>
        MalformedJson,
        /// <summary>Request IS processed (state changes), then the connection "resets" before the response arrives.</summary>
        ResponseLost,
    }
}
