#nullable enable
using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// The circuit breaker of one connection's API host. A dead API (server stopped, port closed, DNS gone, TLS broken)
    /// answers every request with the same connection-level failure; retrying each of 5,000 rows against it took hours.
    /// After <see cref="ResilienceOptions.BreakerThreshold"/> consecutive connection-level failures within
    /// <see cref="ResilienceOptions.BreakerWindow"/> the breaker opens: requests fail at once, unsent, with
    /// <see cref="AtlassianApiException.IsCircuitOpen"/> set, so a bulk run can stop with one clear error. After
    /// <see cref="ResilienceOptions.BreakerCooldown"/> one request is let through as a probe; any answer from the server
    /// (whatever its status) closes the breaker again.
    /// </summary>
    public sealed class ConnectionBreaker
    {
        private readonly object _sync = new object();
        private readonly TimeProvider _time;
        private readonly int _threshold;
        private readonly TimeSpan _window, _cooldown;
        private int _consecutive;
        private DateTimeOffset _firstFailure;
        private DateTimeOffset? _openedAt;
        private bool _probing;

        public ConnectionBreaker(ResilienceOptions options)
        {
            _time = options.TimeProvider ?? TimeProvider.System;
            _threshold = Math.Max(1, options.BreakerThreshold);
            _window = options.BreakerWindow;
            _cooldown = options.BreakerCooldown;
        }

        /// <summary>True while requests fail fast without being sent.</summary>
        public bool IsOpen { get { lock (_sync) return _openedAt.HasValue; } }
        /// <summary>Consecutive connection-level failures so far.</summary>
        public int ConsecutiveFailures { get { lock (_sync) return _consecutive; } }
        /// <summary>What the last connection-level failure was ("Connection refused"), for messages.</summary>
        public string? LastFailure { get; private set; }

        /// <summary>Whether a request may be sent now (false: fail it unsent). Lets one probe through after the cool-down.</summary>
        internal bool Allow()
        {
            lock (_sync)
            {
                if (!_openedAt.HasValue) return true;
                if (_probing || _time.GetUtcNow() - _openedAt.Value < _cooldown) return false;
                _probing = true;
                return true;
            }
        }

        /// <summary>The server answered (any status): the connection works.</summary>
        internal void Succeeded()
        {
            lock (_sync)
            {
                _consecutive = 0;
                _openedAt = null;
                _probing = false;
            }
        }

        /// <summary>A request failed; only connection-level failures count.</summary>
        internal void Failed(Exception ex)
        {
            var reason = ConnectionFailure(ex);
            lock (_sync)
            {
                if (reason == null)
                {
                    _probing = false;
                    return;
                }
                LastFailure = reason;
                var now = _time.GetUtcNow();
                if (_consecutive == 0 || now - _firstFailure > _window)
                {
                    _consecutive = 0;
                    _firstFailure = now;
                }
                _consecutive++;
                if (_probing || _consecutive >= _threshold) _openedAt = now;
                _probing = false;
            }
        }

        /// <summary>
        /// Why the request never reached the server (refused, unresolvable, unreachable, TLS handshake), or null when the
        /// failure is of another kind. These failures are not ambiguous: nothing was sent, so even a write may be retried.
        /// </summary>
        internal static string? ConnectionFailure(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException se)
                {
                    switch (se.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused: return "connection refused";
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain: return "host name not found";
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.HostDown:
                        case SocketError.NetworkDown:
                        case SocketError.AddressNotAvailable: return "host unreachable";
                    }
                }
                if (e is AuthenticationException) return "TLS handshake failed";
            }
            return null;
        }
    }

    /// <summary>Thrown by the resilience handler instead of sending while the connection's breaker is open.</summary>
    internal sealed class CircuitOpenException : HttpRequestException
    {
        public CircuitOpenException(string host, int failures, string? lastFailure)
            : base($"Not sent: {host} failed the last {failures} connection attempts ({lastFailure}), so the connection stopped trying.")
        {
            Failures = failures;
            LastFailure = lastFailure;
        }

        public int Failures { get; }
        public string? LastFailure { get; }
    }
}
