#nullable enable
using System.Collections.Generic;
using System.Text.Json;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>
    /// Reads both Atlassian error shapes: admin <c>{"errors":[{id,status,code,title,detail}]}</c> and
    /// Jira <c>{"errorMessages":[..],"errors":{field:msg}}</c>. Anything else yields no entries.
    /// </summary>
    internal static class ErrorBodyParser
    {
        public static List<AtlassianError> Parse(string? body)
        {
            var result = new List<AtlassianError>();
            if (body == null || string.IsNullOrWhiteSpace(body)) return result;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return result;
                if (root.TryGetProperty("errors", out var errors))
                {
                    if (errors.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var e in errors.EnumerateArray())
                        {
                            if (e.ValueKind != JsonValueKind.Object) continue;
                            result.Add(new AtlassianError { Code = Str(e, "code"), Title = Str(e, "title"), Detail = Str(e, "detail") });
                        }
                    }
                    else if (errors.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var p in errors.EnumerateObject())
                            result.Add(new AtlassianError { Field = p.Name, Detail = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ToString() });
                    }
                }
                if (root.TryGetProperty("errorMessages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                {
                    foreach (var m in messages.EnumerateArray())
                        if (m.ValueKind == JsonValueKind.String) result.Insert(0, new AtlassianError { Detail = m.GetString() });
                }
                // Some endpoints answer {"message": "..."} or {"code":..,"message":..}.
                if (result.Count == 0 && root.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String)
                    result.Add(new AtlassianError { Detail = msg.GetString(), Code = Str(root, "code") });
                // SCIM (RFC 7644 §3.12): {"schemas":[…Error],"status":"404","scimType":…,"detail":"…"}.
                if (result.Count == 0 && root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                    result.Add(new AtlassianError { Detail = detail.GetString(), Code = Str(root, "scimType") });
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page from a proxy, say): the status line speaks for itself.
            }
            return result;
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()) : null;
    }
}
