#nullable enable
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AtlassianAdmin.Client.Paging
{
    /// <summary>Org API list body: <c>{"data":[...],"links":{"self","prev","next"},"meta":{...}}</c>.</summary>
    internal sealed class CursorEnvelope<T>
    {
        public List<T>? Data { get; set; }
        public Links? Links { get; set; }
    }

    /// <summary>Org API single-object body: <c>{"data":{...}}</c>.</summary>
    internal sealed class DataEnvelope<T>
    {
        public T? Data { get; set; }
    }

    internal sealed class Links
    {
        public string? Self { get; set; }
        public string? Prev { get; set; }
        public string? Next { get; set; }
    }

    /// <summary>Jira PageBean: <c>{"startAt","maxResults","total","isLast","values":[...]}</c>.</summary>
    internal sealed class JiraPageBean<T>
    {
        public int StartAt { get; set; }
        public int MaxResults { get; set; }
        public int? Total { get; set; }
        public bool? IsLast { get; set; }
        public List<T>? Values { get; set; }
    }

    /// <summary>JSON:API resource of the v1 org endpoints: <c>{"id","type","attributes":{...}}</c>.</summary>
    internal sealed class JsonApiResource<TAttributes>
    {
        public string? Id { get; set; }
        public string? Type { get; set; }
        public TAttributes? Attributes { get; set; }
    }

    internal sealed class CountResult
    {
        [JsonPropertyName("count")]
        public long Count { get; set; }
    }
}
