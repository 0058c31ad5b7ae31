using System.Text.Encodings.Web;
using System.Text.Json;

namespace AtlassianAdmin.Sandbox.Http
{
    /// <summary>
    /// One serializer setup for every response. Response shapes are anonymous objects / dictionaries whose member names
    /// are the exact wire names (camelCase for v2 and Jira, snake_case for v1), so no naming policy is applied.
    /// </summary>
    internal static class Json
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };

        public static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body?.GetType() ?? typeof(object), Options);

        /// <summary>Parses a raw JSON fragment back into an element so stored ADF / properties are re-emitted verbatim.</summary>
        public static JsonElement Raw(string json)
        {
            using (var doc = JsonDocument.Parse(json)) return doc.RootElement.Clone();
        }
    }
}
