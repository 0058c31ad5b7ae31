#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Http;
using AtlassianAdmin.Client.Json;
using AtlassianAdmin.Client.Paging;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Jira
{
    /// <summary>An issue as the access-request code needs it: status, people, labels and raw entity properties.</summary>
    public sealed class JiraIssue
    {
        public string? Id { get; set; }
        public string? Key { get; set; }
        public string? Summary { get; set; }
        public string? StatusName { get; set; }
        /// <summary><c>new</c>, <c>indeterminate</c> or <c>done</c>.</summary>
        public string? StatusCategory { get; set; }
        public JiraUser? Assignee { get; set; }
        public JiraUser? Reporter { get; set; }
        public DateTimeOffset? Created { get; set; }
        public List<string> Labels { get; set; } = new List<string>();
        /// <summary>Entity property key → raw JSON value (only the properties asked for).</summary>
        public Dictionary<string, string> Properties { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        public override string? ToString() => Key;
    }

    /// <summary>A workflow transition available from the issue's current status.</summary>
    public sealed class JiraTransition
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? ToStatus { get; set; }
        public string? ToStatusCategory { get; set; }
    }

    /// <summary>Issues: create (ADF description, entity properties set in the same request), read, JQL, comments, transitions.</summary>
    public sealed partial class JiraClient
    {
        private const string IssueFields = "summary,status,assignee,reporter,created,labels";

        /// <summary>
        /// <c>POST /issue</c>. <paramref name="properties"/> (key → any JSON-serializable value) are stored with the issue in
        /// the same request, so an issue never exists without its data. Returns the new key.
        /// </summary>
        public async Task<JiraIssue> CreateIssueAsync(string projectKey, string issueType, string summary, IReadOnlyList<string>? descriptionParagraphs,
            string? assigneeAccountId, IEnumerable<string>? labels, IReadOnlyDictionary<string, object>? properties, CancellationToken ct)
        {
            var fields = new Dictionary<string, object>
            {
                ["project"] = new Dictionary<string, object> { ["key"] = projectKey },
                ["issuetype"] = new Dictionary<string, object> { ["name"] = issueType },
                ["summary"] = summary,
            };
            if (descriptionParagraphs != null && descriptionParagraphs.Count > 0) fields["description"] = Adf(descriptionParagraphs);
            if (assigneeAccountId != null && assigneeAccountId.Length > 0) fields["assignee"] = new Dictionary<string, object> { ["accountId"] = assigneeAccountId };
            if (labels != null) fields["labels"] = labels.ToArray();
            var body = new Dictionary<string, object> { ["fields"] = fields };
            if (properties != null && properties.Count > 0)
                body["properties"] = properties.Select(kv => new Dictionary<string, object> { ["key"] = kv.Key, ["value"] = kv.Value }).ToArray();
            var created = await _api.SendAsync<CreatedWire>(HttpMethod.Post, Api + "issue", body, idempotent: false, ct).ConfigureAwait(false);
            return new JiraIssue { Id = created?.Id, Key = created?.Key, Summary = summary };
        }

        /// <summary><c>GET /issue/{key}</c> with the access-request fields and the given entity properties; null on 404.</summary>
        public async Task<JiraIssue?> GetIssueAsync(string issueIdOrKey, IEnumerable<string>? properties, CancellationToken ct)
        {
            var q = new QueryBuilder().Add("fields", IssueFields);
            var props = string.Join(",", properties ?? Enumerable.Empty<string>());
            if (props.Length > 0) q.Add("properties", props);
            try
            {
                return ToIssue(await _api.GetAsync<IssueWire>(Api + "issue/" + E(issueIdOrKey) + q, ct).ConfigureAwait(false));
            }
            catch (AtlassianApiException e) when (e.Status == 404)
            {
                return null;
            }
        }

        /// <summary><c>PUT /issue/{key}/properties/{property}</c>.</summary>
        public Task SetIssuePropertyAsync(string issueIdOrKey, string propertyKey, object value, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Put, Api + "issue/" + E(issueIdOrKey) + "/properties/" + E(propertyKey), value, idempotent: true, ct);

        /// <summary>
        /// Enhanced JQL search (<c>GET /search/jql</c>), streamed. Pages while <c>nextPageToken</c> is present (C2:
        /// <c>isLast</c> is optional and not sent reliably; jira.js <c>searchAndReconcileResults.ts</c>: the token is null
        /// on the last page). A token equal to the one just sent ends the listing rather than looping.
        /// </summary>
        public IEnumerable<JiraIssue> SearchIssues(string jql, IEnumerable<string>? properties, CancellationToken ct)
        {
            var props = string.Join(",", properties ?? Enumerable.Empty<string>());
            return PageStream.Stream<JiraIssue>(async (token, t) =>
            {
                var q = new QueryBuilder().Add("jql", jql).Add("fields", IssueFields).Add("maxResults", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Add("properties", props.Length > 0 ? props : null).Add("nextPageToken", token);
                var page = await _api.GetAsync<SearchWire>(Api + "search/jql" + q, t).ConfigureAwait(false);
                var issues = (page?.Issues ?? new List<IssueWire>()).Select(ToIssue).OfType<JiraIssue>().ToList();
                var given = page?.NextPageToken;
                var next = given == null || given.Length == 0 || given == token ? null : given;
                return new Page<JiraIssue>(issues, next);
            }, ct);
        }

        /// <summary><c>POST /issue/{key}/comment</c> with the paragraphs as an ADF document.</summary>
        public Task AddCommentAsync(string issueIdOrKey, IReadOnlyList<string> paragraphs, CancellationToken ct) =>
            _api.SendAsync(HttpMethod.Post, Api + "issue/" + E(issueIdOrKey) + "/comment", new Dictionary<string, object> { ["body"] = Adf(paragraphs) }, idempotent: false, ct);

        /// <summary><c>GET /issue/{key}/transitions</c>: the transitions valid from the current status.</summary>
        public async Task<IReadOnlyList<JiraTransition>> GetTransitionsAsync(string issueIdOrKey, CancellationToken ct)
        {
            var w = await _api.GetAsync<TransitionsWire>(Api + "issue/" + E(issueIdOrKey) + "/transitions", ct).ConfigureAwait(false);
            return (w?.Transitions ?? new List<TransitionWire>()).Select(t => new JiraTransition
            {
                Id = t.Id, Name = t.Name, ToStatus = t.To?.Name, ToStatusCategory = t.To?.StatusCategory?.Key,
            }).ToList();
        }

        /// <summary><c>POST /issue/{key}/transitions</c>, with an optional comment added in the same request.</summary>
        public Task TransitionIssueAsync(string issueIdOrKey, string transitionId, IReadOnlyList<string>? commentParagraphs, CancellationToken ct)
        {
            var body = new Dictionary<string, object> { ["transition"] = new Dictionary<string, object> { ["id"] = transitionId } };
            if (commentParagraphs != null && commentParagraphs.Count > 0)
                body["update"] = new Dictionary<string, object>
                {
                    ["comment"] = new[] { new Dictionary<string, object> { ["add"] = new Dictionary<string, object> { ["body"] = Adf(commentParagraphs) } } },
                };
            return _api.SendAsync(HttpMethod.Post, Api + "issue/" + E(issueIdOrKey) + "/transitions", body, idempotent: false, ct);
        }

        /// <summary>Reads a raw JSON property value as <typeparamref name="T"/>; default when absent or unreadable.</summary>
        public static T? ReadProperty<T>(JiraIssue? issue, string key) where T : class
        {
            if (issue?.Properties == null || !issue.Properties.TryGetValue(key, out var raw) || string.IsNullOrEmpty(raw)) return null;
            try { return JsonSerializer.Deserialize<T>(raw, JsonDefaults.Options); }
            catch (JsonException) { return null; }
        }

        /// <summary>An Atlassian Document Format document of plain-text paragraphs.</summary>
        public static object Adf(IEnumerable<string> paragraphs) => new Dictionary<string, object>
        {
            ["type"] = "doc",
            ["version"] = 1,
            ["content"] = paragraphs.Where(p => !string.IsNullOrEmpty(p)).Select(p => new Dictionary<string, object>
            {
                ["type"] = "paragraph",
                ["content"] = new[] { new Dictionary<string, object> { ["type"] = "text", ["text"] = p } },
            }).ToArray(),
        };

        private JiraIssue? ToIssue(IssueWire? w)
        {
            if (w == null) return null;
            var issue = new JiraIssue
            {
                Id = w.Id, Key = w.Key, Summary = w.Fields?.Summary, StatusName = w.Fields?.Status?.Name, StatusCategory = w.Fields?.Status?.StatusCategory?.Key,
                Assignee = ToUser(w.Fields?.Assignee),
                Reporter = ToUser(w.Fields?.Reporter),
                Created = ParseTime(w.Fields?.Created),
                Labels = w.Fields?.Labels ?? new List<string>(),
            };
            if (w.Properties != null)
                foreach (var kv in w.Properties) issue.Properties[kv.Key] = kv.Value.GetRawText();
            return issue;
        }

        private static DateTimeOffset? ParseTime(string? s)
        {
            if (s == null || s.Length == 0) return null;
            // Jira: 2025-05-01T10:00:00.000+0000 (no colon in the offset).
            if (s.Length > 5 && (s[s.Length - 5] == '+' || s[s.Length - 5] == '-')) s = s.Substring(0, s.Length - 2) + ":" + s.Substring(s.Length - 2);
            return DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? t : (DateTimeOffset?)null;
        }

        internal sealed class CreatedWire
        {
            public string? Id { get; set; }
            public string? Key { get; set; }
        }

        internal sealed class SearchWire
        {
            public List<IssueWire>? Issues { get; set; }
            public bool? IsLast { get; set; }
            public string? NextPageToken { get; set; }
        }

        internal sealed class IssueWire
        {
            public string? Id { get; set; }
            public string? Key { get; set; }
            public FieldsWire? Fields { get; set; }
            public Dictionary<string, JsonElement>? Properties { get; set; }
        }

        internal sealed class FieldsWire
        {
            public string? Summary { get; set; }
            public StatusWire? Status { get; set; }
            public UserWire? Assignee { get; set; }
            public UserWire? Reporter { get; set; }
            public string? Created { get; set; }
            public List<string>? Labels { get; set; }
        }

        internal sealed class StatusWire
        {
            public string? Name { get; set; }
            public CategoryWire? StatusCategory { get; set; }
        }

        internal sealed class CategoryWire
        {
            public string? Key { get; set; }
        }

        internal sealed class TransitionsWire
        {
            public List<TransitionWire>? Transitions { get; set; }
        }

        internal sealed class TransitionWire
        {
            public string? Id { get; set; }
            public string? Name { get; set; }
            public StatusWire? To { get; set; }
        }
    }
}
