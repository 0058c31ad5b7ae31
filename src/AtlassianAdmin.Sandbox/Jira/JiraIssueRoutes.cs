using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>Issues: create/get, entity properties, comments, transitions, assignee, JQL search.</summary>
    internal static class JiraIssueRoutes
    {
        private const string Issue = "/issue/{issueIdOrKey}";

        public static void Register(Router r)
        {
            r.Jira("POST", "/issue", Create);
            r.Jira("GET", Issue, ctx => SandboxResponse.Ok(IssueJson(ctx, JiraLookup.Issue(ctx), ctx.Query.List("properties"))));
            r.Jira("GET", Issue + "/properties", ctx =>
            {
                var i = JiraLookup.Issue(ctx);
                return SandboxResponse.Ok(new { keys = i.Properties.Keys.OrderBy(k => k).Select(k => new { self = PropertyUrl(ctx, i, k), key = k }).ToList() });
            });
            r.Jira("GET", Issue + "/properties/{propertyKey}", ctx =>
            {
                var i = JiraLookup.Issue(ctx);
                if (!i.Properties.TryGetValue(ctx["propertyKey"], out var raw))
                    throw JiraErrors.NotFound("The property with key '" + ctx["propertyKey"] + "' does not exist.");
                return SandboxResponse.Ok(new { key = ctx["propertyKey"], value = Json.Raw(raw) });
            });
            r.Jira("PUT", Issue + "/properties/{propertyKey}", SetProperty);
            r.Jira("DELETE", Issue + "/properties/{propertyKey}", ctx =>
            {
                var i = JiraLookup.Issue(ctx);
                if (!i.Properties.Remove(ctx["propertyKey"])) throw JiraErrors.NotFound("The property with key '" + ctx["propertyKey"] + "' does not exist.");
                return SandboxResponse.NoContent();
            });
            r.Jira("POST", Issue + "/comment", AddComment);
            r.Jira("GET", Issue + "/comment", Comments);
            r.Jira("GET", Issue + "/transitions", ctx =>
            {
                var i = JiraLookup.Issue(ctx);
                return SandboxResponse.Ok(new { expand = "transitions", transitions = Workflow.From(i.StatusName).Select(t => TransitionJson(ctx, t)).ToList() });
            });
            r.Jira("POST", Issue + "/transitions", DoTransition);
            r.Jira("PUT", Issue + "/assignee", Assign);
            r.Jira("GET", "/search/jql", ctx => Search(ctx, ctx.Query));
            r.Jira("POST", "/search/jql", ctx => Search(ctx, ctx.BodyParams()));
        }

        // ---------- create / read ----------

        private static SandboxResponse Create(RequestContext ctx)
        {
            var s = ctx.Store;
            var body = ctx.BodyObject();
            if (!body.TryGetProperty("fields", out var f) || f.ValueKind != JsonValueKind.Object)
                throw JiraErrors.BadRequest("The request must contain a 'fields' object.");
            var errors = new Dictionary<string, string>();

            ProjectRecord project = null;
            if (!f.TryGetProperty("project", out var pj) || pj.ValueKind != JsonValueKind.Object) errors["project"] = "Specify a valid project ID or key";
            else
            {
                project = s.Project(Str(pj, "key") ?? Str(pj, "id"));
                if (project == null) errors["project"] = "Specify a valid project ID or key";
            }

            string issueType = null;
            if (!f.TryGetProperty("issuetype", out var it) || it.ValueKind != JsonValueKind.Object) errors["issuetype"] = "Specify an issue type";
            else
            {
                var id = Str(it, "id");
                var name = Str(it, "name");
                issueType = Workflow.IssueTypes.Where(t => t.id == id || string.Equals(t.name, name, StringComparison.OrdinalIgnoreCase)).Select(t => t.name).FirstOrDefault();
                if (issueType == null) errors["issuetype"] = "Specify a valid issue type";
            }

            var summary = f.TryGetProperty("summary", out var sm) && sm.ValueKind == JsonValueKind.String ? sm.GetString() : null;
            if (string.IsNullOrWhiteSpace(summary)) errors["summary"] = "You must specify a summary of the issue.";
            else if (summary.Length > 255) errors["summary"] = "Summary must be less than 255 characters.";
            else if (summary.IndexOf('\n') >= 0) errors["summary"] = "The summary is invalid because it contains newline characters.";

            string description = null;
            if (f.TryGetProperty("description", out var desc) && desc.ValueKind != JsonValueKind.Null)
            {
                if (!IsAdf(desc)) errors["description"] = "Operation value must be an Atlassian Document (see the Atlassian Document Format).";
                else description = desc.GetRawText();
            }

            string assignee = null;
            if (f.TryGetProperty("assignee", out var asg) && asg.ValueKind == JsonValueKind.Object)
            {
                assignee = Str(asg, "accountId");
                if (assignee != null && !Assignable(s, assignee)) errors["assignee"] = "User '" + assignee + "' cannot be assigned issues.";
            }

            var labels = new List<string>();
            if (f.TryGetProperty("labels", out var lb) && lb.ValueKind != JsonValueKind.Null)
            {
                if (lb.ValueKind != JsonValueKind.Array || lb.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String)) errors["labels"] = "Labels must be an array of strings.";
                else
                {
                    labels = lb.EnumerateArray().Select(x => x.GetString()).ToList();
                    if (labels.Any(l => l.Length == 0 || l.Any(char.IsWhiteSpace))) errors["labels"] = "The label can't contain spaces.";
                }
            }

            // Entity properties set with the issue (IssueUpdateDetails.properties: [{key, value}]), stored atomically with it.
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (body.TryGetProperty("properties", out var props) && props.ValueKind != JsonValueKind.Null)
            {
                if (props.ValueKind != JsonValueKind.Array) throw JiraErrors.BadRequest("'properties' must be an array of {key, value}.");
                foreach (var prop in props.EnumerateArray())
                {
                    var key = prop.ValueKind == JsonValueKind.Object ? Str(prop, "key") : null;
                    if (string.IsNullOrEmpty(key) || key.Length > 255 || !prop.TryGetProperty("value", out var value))
                        throw JiraErrors.BadRequest("Each entity property needs a key (at most 255 characters) and a value.");
                    var raw = value.GetRawText();
                    if (Encoding.UTF8.GetByteCount(raw) > 32768) throw JiraErrors.BadRequest("The property value can't be larger than 32768 bytes.");
                    properties[key] = raw;
                }
            }

            if (errors.Count > 0) throw new SandboxApiException(JiraErrors.FieldErrors(400, errors));

            var now = DateTimeOffset.UtcNow;
            var issue = new IssueRecord
            {
                Seq = s.NextSeq++,
                Id = (s.NextIssueId++).ToString(CultureInfo.InvariantCulture),
                Key = project.Key + "-" + project.NextIssueNumber++,
                ProjectKey = project.Key,
                IssueType = issueType,
                Summary = summary,
                DescriptionJson = description,
                StatusName = Workflow.InitialStatus,
                AssigneeId = assignee,
                ReporterId = ctx.CallerAccountId,
                Labels = labels.Distinct().ToList(),
                Properties = properties,
                Created = now,
                Updated = now,
            };
            s.IssueList.Add(issue);
            return SandboxResponse.Created(new { id = issue.Id, key = issue.Key, self = JiraJson.Api(ctx) + "/issue/" + issue.Id });
        }

        private static bool Assignable(SandboxStore s, string accountId) =>
            s.UsersById.TryGetValue(accountId, out var u) && u.IsActive && s.HasJiraAccess(u);

        private static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        /// <summary>Minimal ADF check: {"type":"doc","version":1,"content":[...]}.</summary>
        private static bool IsAdf(JsonElement e) =>
            e.ValueKind == JsonValueKind.Object
            && Str(e, "type") == "doc"
            && e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1
            && e.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array;

        private static object IssueJson(RequestContext ctx, IssueRecord i, IReadOnlyList<string> properties)
        {
            var s = ctx.Store;
            var api = JiraJson.Api(ctx);
            var p = s.Project(i.ProjectKey);
            object User(string id) => id != null && s.AccountsById.TryGetValue(id, out var u) ? JiraJson.User(ctx, u) : null;
            var type = Workflow.IssueTypes.First(t => t.name == i.IssueType);
            var fields = new Dictionary<string, object>
            {
                ["summary"] = i.Summary,
                ["description"] = i.DescriptionJson == null ? (object)null : Json.Raw(i.DescriptionJson),
                ["status"] = Workflow.StatusJson(api, Workflow.StatusNamed(i.StatusName)),
                ["assignee"] = User(i.AssigneeId),
                ["reporter"] = User(i.ReporterId),
                ["labels"] = i.Labels,
                ["issuetype"] = new { self = api + "/issuetype/" + type.id, id = type.id, name = type.name, subtask = false },
                ["project"] = new { self = api + "/project/" + p.Id, id = p.Id, key = p.Key, name = p.Name },
                ["created"] = JiraJson.Time(i.Created),
                ["updated"] = JiraJson.Time(i.Updated),
                ["comment"] = new { comments = i.Comments.Select(c => CommentJson(ctx, i, c)).ToList(), maxResults = i.Comments.Count, total = i.Comments.Count, startAt = 0 },
            };
            var result = new Dictionary<string, object> { ["expand"] = "renderedFields,names,schema,transitions", ["id"] = i.Id, ["self"] = api + "/issue/" + i.Id, ["key"] = i.Key, ["fields"] = fields };
            if (properties.Count > 0)
                result["properties"] = i.Properties.Where(kv => properties.Contains("*all") || properties.Contains(kv.Key))
                    .ToDictionary(kv => kv.Key, kv => (object)Json.Raw(kv.Value));
            return result;
        }

        // ---------- properties ----------

        private static string PropertyUrl(RequestContext ctx, IssueRecord i, string key) => JiraJson.Api(ctx) + "/issue/" + i.Id + "/properties/" + Uri.EscapeDataString(key);

        private static SandboxResponse SetProperty(RequestContext ctx)
        {
            var i = JiraLookup.Issue(ctx);
            var key = ctx["propertyKey"];
            if (key.Length > 255) throw JiraErrors.BadRequest("The property key can't be longer than 255 characters.");
            var value = ctx.Body ?? throw JiraErrors.BadRequest("The property value must be valid JSON.");
            var raw = value.GetRawText();
            if (Encoding.UTF8.GetByteCount(raw) > 32768) throw JiraErrors.BadRequest("The property value can't be larger than 32768 bytes.");
            bool existed = i.Properties.ContainsKey(key);
            i.Properties[key] = raw;
            i.Updated = DateTimeOffset.UtcNow;
            return existed ? SandboxResponse.Ok(null) : SandboxResponse.Created(null);
        }

        // ---------- comments ----------

        private static object CommentJson(RequestContext ctx, IssueRecord i, CommentRecord c)
        {
            var author = c.AuthorId != null && ctx.Store.AccountsById.TryGetValue(c.AuthorId, out var u) ? JiraJson.User(ctx, u) : null;
            return new
            {
                self = JiraJson.Api(ctx) + "/issue/" + i.Id + "/comment/" + c.Id, id = c.Id, author, body = Json.Raw(c.BodyJson), updateAuthor = author,
                created = JiraJson.Time(c.Created), updated = JiraJson.Time(c.Created), jsdPublic = true,
            };
        }

        private static CommentRecord AddCommentRecord(RequestContext ctx, IssueRecord i, JsonElement body)
        {
            if (!IsAdf(body)) throw JiraErrors.Field("comment", "Comment body must be an Atlassian Document (see the Atlassian Document Format).");
            var c = new CommentRecord
            {
                Id = (ctx.Store.NextCommentId++).ToString(CultureInfo.InvariantCulture), AuthorId = ctx.CallerAccountId, BodyJson = body.GetRawText(), Created = DateTimeOffset.UtcNow,
            };
            i.Comments.Add(c);
            i.Updated = c.Created;
            return c;
        }

        private static SandboxResponse AddComment(RequestContext ctx)
        {
            var i = JiraLookup.Issue(ctx);
            var body = ctx.BodyObject();
            if (!body.TryGetProperty("body", out var adf)) throw JiraErrors.Field("comment", "Comment body can not be empty!");
            return SandboxResponse.Created(CommentJson(ctx, i, AddCommentRecord(ctx, i, adf)));
        }

        private static SandboxResponse Comments(RequestContext ctx)
        {
            var i = JiraLookup.Issue(ctx);
            var (startAt, max) = JiraJson.Paging(ctx, ctx.Query);
            IEnumerable<CommentRecord> all = i.Comments;
            if (ctx.Query.Get("orderBy") == "-created") all = all.Reverse();
            var page = all.Skip(startAt).Take(max).Select(c => CommentJson(ctx, i, c)).ToList();
            return SandboxResponse.Ok(new { startAt, maxResults = max, total = i.Comments.Count, comments = page });
        }

        // ---------- transitions / assignee ----------

        private static object TransitionJson(RequestContext ctx, Workflow.Transition t) => new
        {
            id = t.Id, name = t.Name, to = Workflow.StatusJson(JiraJson.Api(ctx), Workflow.StatusNamed(t.To)),
            hasScreen = false, isGlobal = false, isInitial = false, isAvailable = true, isConditional = false, isLooped = false,
        };

        private static SandboxResponse DoTransition(RequestContext ctx)
        {
            var i = JiraLookup.Issue(ctx);
            var body = ctx.BodyObject();
            string id = null;
            if (body.TryGetProperty("transition", out var t) && t.ValueKind == JsonValueKind.Object)
                id = Str(t, "id") ?? (t.TryGetProperty("id", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : null);
            if (id == null) throw JiraErrors.BadRequest("Missing 'transition' identifier.");
            var transition = Workflow.From(i.StatusName).FirstOrDefault(x => x.Id == id)
                             ?? throw JiraErrors.BadRequest("Transition id '" + id + "' is not valid for this issue.");
            // Validate the optional comment before changing anything.
            var comments = new List<JsonElement>();
            if (body.TryGetProperty("update", out var upd) && upd.ValueKind == JsonValueKind.Object && upd.TryGetProperty("comment", out var ops) && ops.ValueKind == JsonValueKind.Array)
                foreach (var op in ops.EnumerateArray())
                    if (op.TryGetProperty("add", out var add) && add.TryGetProperty("body", out var adf))
                    {
                        if (!IsAdf(adf)) throw JiraErrors.Field("comment", "Comment body must be an Atlassian Document (see the Atlassian Document Format).");
                        comments.Add(adf);
                    }
            i.StatusName = transition.To;
            i.Updated = DateTimeOffset.UtcNow;
            foreach (var c in comments) AddCommentRecord(ctx, i, c);
            return SandboxResponse.NoContent();
        }

        private static SandboxResponse Assign(RequestContext ctx)
        {
            var i = JiraLookup.Issue(ctx);
            var body = ctx.BodyObject();
            string accountId = body.TryGetProperty("accountId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (accountId != null && accountId != "-1" && !Assignable(ctx.Store, accountId))
                throw JiraErrors.Field("assignee", "User '" + accountId + "' cannot be assigned issues.");
            i.AssigneeId = accountId == "-1" ? null : accountId;
            i.Updated = DateTimeOffset.UtcNow;
            return SandboxResponse.NoContent();
        }

        // ---------- search ----------

        private static SandboxResponse Search(RequestContext ctx, ParamBag p)
        {
            var s = ctx.Store;
            var jql = Jql.Parse(p.Get("jql"), s, ctx.CallerAccountId);
            int max = Math.Min(ctx.Int(p, "maxResults") ?? ctx.Options.DefaultPageSize, ctx.Options.MaxPageSize);
            if (max < 1) throw JiraErrors.BadRequest("maxResults must be positive.");
            int offset = 0;
            var token = p.Get("nextPageToken");
            if (!string.IsNullOrEmpty(token) && !TryDecodeToken(token, out offset)) throw JiraErrors.BadRequest("The nextPageToken is invalid.");
            var matches = jql.Order(s.IssueList.Where(jql.Matches)).ToList();
            var page = matches.Skip(offset).Take(max).Select(i => IssueJson(ctx, i, p.List("properties"))).ToList();
            bool isLast = offset + page.Count >= matches.Count;
            // Real Jira sends no reliable isLast here (correction C2): only nextPageToken, absent on the last page.
            var result = new Dictionary<string, object> { ["issues"] = page };
            if (!isLast) result["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + (offset + max)));
            return SandboxResponse.Ok(result);
        }

        private static bool TryDecodeToken(string token, out int offset)
        {
            offset = 0;
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text.Substring(7), out offset) && offset >= 0;
            }
            catch (FormatException) { return false; }
        }
    }
}
