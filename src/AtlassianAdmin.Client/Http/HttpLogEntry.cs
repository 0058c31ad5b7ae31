#nullable enable
using System;
using System.Threading;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>One line of the request log: what was asked and how it went. Never headers, bodies or credentials.</summary>
    public sealed class HttpLogEntry
    {
        public string? Method { get; set; }
        public string? Path { get; set; }
        public int? Status { get; set; }
        public TimeSpan Duration { get; set; }
        public int Attempt { get; set; }
        public string? Note { get; set; }
        /// <summary>Not a request: a pause before one, to stay inside a rate limit (<see cref="Duration"/> is the wait).</summary>
        public bool IsRateLimitWait { get; set; }

        public override string ToString()
        {
            if (IsRateLimitWait) return $"Rate limit: waiting {Duration.TotalSeconds:0.#} s before {Method} {Path}" + (string.IsNullOrEmpty(Note) ? "" : " (" + Note + ")");
            var status = Status.HasValue ? Status.Value.ToString() : "no response";
            var text = $"{Method} {Path} -> {status} in {Duration.TotalMilliseconds:0} ms";
            if (Attempt > 1) text += $" (attempt {Attempt})";
            return string.IsNullOrEmpty(Note) ? text : text + ": " + Note;
        }
    }

    /// <summary>
    /// Where request log lines go. It is ambient (AsyncLocal) so each cmdlet invocation sees only its own requests
    /// although all invocations share the connection's HttpClient.
    /// </summary>
    public static class HttpLog
    {
        private static readonly AsyncLocal<Action<HttpLogEntry>?> Sink = new AsyncLocal<Action<HttpLogEntry>?>();

        public static IDisposable Capture(Action<HttpLogEntry> sink)
        {
            var previous = Sink.Value;
            Sink.Value = sink;
            return new Restore(previous);
        }

        internal static void Write(HttpLogEntry entry) => Sink.Value?.Invoke(entry);

        private sealed class Restore : IDisposable
        {
            private readonly Action<HttpLogEntry>? _previous;
            public Restore(Action<HttpLogEntry>? previous) => _previous = previous;
            public void Dispose() => Sink.Value = _previous;
        }
    }
}
