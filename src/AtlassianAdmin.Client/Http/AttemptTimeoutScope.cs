#nullable enable
using System;
using System.Threading;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// A per-attempt timeout for the requests sent inside a scope (flows with async calls), instead of the connection's
    /// <see cref="ResilienceOptions.AttemptTimeout"/>. The change engine wraps its writes in one: a write answers in
    /// seconds or not at all, so waiting the read-sized default for a hung write only holds a slot.
    /// </summary>
    public static class AttemptTimeoutScope
    {
        private static readonly AsyncLocal<TimeSpan?> Current = new AsyncLocal<TimeSpan?>();

        /// <summary>The timeout in force for requests started here; null = the connection's default.</summary>
        public static TimeSpan? Value => Current.Value;

        /// <summary>Uses <paramref name="timeout"/> for requests started until the returned scope is disposed.</summary>
        public static IDisposable Use(TimeSpan timeout)
        {
            var previous = Current.Value;
            Current.Value = timeout;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly TimeSpan? _previous;
            public Restore(TimeSpan? previous) => _previous = previous;
            public void Dispose() => Current.Value = _previous;
        }
    }
}
