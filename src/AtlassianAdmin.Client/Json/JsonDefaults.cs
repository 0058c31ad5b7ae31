using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtlassianAdmin.Client.Json
{
    /// <summary>Serializer settings shared by every call: camelCase (v2 and Jira), tolerant of unknown/missing fields.</summary>
    internal static class JsonDefaults
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
    }
}
