#nullable enable
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// Decides when a request may be sent and learns from its response. The connection's <see cref="RateLimitGate"/> is the
    /// default for every request of an API host; an endpoint with its own, lower limit (the audit log's 10/min) uses its
    /// own gate so its limit neither slows down nor is disturbed by everything else.
    /// </summary>
    public interface IRequestGate
    {
        /// <summary>Waits until a request may be sent; returns a number to pass to <see cref="Completed"/>.</summary>
        Task<long> WaitAsync(CancellationToken cancellationToken);

        /// <summary>The request finished; <paramref name="response"/> is null when none arrived.</summary>
        void Completed(long seq, HttpResponseMessage? response);
    }
}
