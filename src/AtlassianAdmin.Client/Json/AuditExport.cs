using System;
using System.IO;
using System.Text.Json;

namespace AtlassianAdmin.Client.Json
{
    /// <summary>
    /// Where an events-stream export stands, saved after every event written: the cursor of the page being read (null =
    /// the first query, re-sent with the saved from/to), how many events of that page were already written, and the last
    /// event's id. A resumed run re-reads that page and skips what was written, so it neither repeats nor skips events.
    /// Written to a temporary file and moved into place, so a crash leaves the old or the new state, never half of one.
    /// </summary>
    public sealed class AuditCheckpoint
    {
        public int Version { get; set; } = 1;
        public string OrgId { get; set; }
        public string Cursor { get; set; }
        public DateTimeOffset? From { get; set; }
        public DateTimeOffset? To { get; set; }
        /// <summary>Events of the page at <see cref="Cursor"/> already written.</summary>
        public int Skip { get; set; }
        public string LastEventId { get; set; }
        public DateTimeOffset? LastProcessedAt { get; set; }
        public long Exported { get; set; }
        public DateTimeOffset Updated { get; set; }

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

        /// <summary>The saved checkpoint, null when there is none; <see cref="InvalidDataException"/> when the file is not one.</summary>
        public static AuditCheckpoint Load(string path)
        {
            if (!File.Exists(path)) return null;
            var text = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                return JsonSerializer.Deserialize<AuditCheckpoint>(text, Json);
            }
            catch (Exception e) when (e is JsonException || e is NotSupportedException)
            {
                throw new InvalidDataException(e.Message, e);
            }
        }

        public void Save(string path)
        {
            Updated = DateTimeOffset.UtcNow;
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var temp = full + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
            if (File.Exists(full)) File.Replace(temp, full, null);
            else File.Move(temp, full);
        }
    }

    /// <summary>Audit events as NDJSON lines: compact JSON, camelCase, nulls left out (the serializer lives with the client's dependencies).</summary>
    public static class AuditJson
    {
        private static readonly JsonSerializerOptions Line = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        public static string ToLine(AtlassianAdmin.Models.AtlassianAuditEvent e) => JsonSerializer.Serialize(e, Line);
    }
}
