using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>
    /// A small JQL subset: clauses joined by AND, fields project, labels, status, statusCategory, assignee, reporter,
    /// issuetype, key, summary/text (~); operators = != ~ IN, NOT IN, IS [NOT] EMPTY; currentUser(); ORDER BY created|key|updated.
    /// Anything else is a 400, so a client never silently gets unfiltered results.
    /// </summary>
    internal sealed class Jql
    {
        private sealed class Clause
        {
            public string Field, Op;
            public List<string> Values = new List<string>();
        }

        private readonly List<Clause> _clauses = new List<Clause>();
        private string _orderField = "key";
        private bool _orderDesc;

        public static Jql Parse(string text, SandboxStore store, string callerId)
        {
            var jql = new Jql();
            var tokens = Tokenize(text ?? "");
            int i = 0;
            string Peek() => i < tokens.Count ? tokens[i] : null;
            bool IsWord(string t, string word) => t != null && string.Equals(t, word, StringComparison.OrdinalIgnoreCase);
            string Value()
            {
                var t = Peek() ?? throw Error("Expected a value at the end of the query.");
                i++;
                if (t.EndsWith("()", StringComparison.Ordinal))
                {
                    if (string.Equals(t, "currentUser()", StringComparison.OrdinalIgnoreCase)) return callerId;
                    throw Error("Function '" + t + "' is not supported.");
                }
                return t.StartsWith("\u0001", StringComparison.Ordinal) ? t.Substring(1) : t;
            }

            while (i < tokens.Count && !IsWord(Peek(), "ORDER"))
            {
                if (jql._clauses.Count > 0)
                {
                    if (IsWord(Peek(), "OR")) throw Error("OR is not supported by the sandbox JQL.");
                    if (!IsWord(Peek(), "AND")) throw Error("Expected AND but found '" + Peek() + "'.");
                    i++;
                }
                var c = new Clause { Field = NormalizeField(Value()) };
                var op = Peek() ?? throw Error("Expected an operator after '" + c.Field + "'.");
                i++;
                if (IsWord(op, "NOT") && IsWord(Peek(), "IN")) { i++; op = "NOT IN"; }
                else if (IsWord(op, "IS") && IsWord(Peek(), "NOT")) { i++; op = "IS NOT"; }
                c.Op = op.ToUpperInvariant();
                if (c.Op == "IN" || c.Op == "NOT IN")
                {
                    if (Peek() != "(") throw Error("Expected '(' after " + c.Op + ".");
                    i++;
                    while (Peek() != ")")
                    {
                        c.Values.Add(Value());
                        if (Peek() == ",") i++;
                        else if (Peek() != ")") throw Error("Expected ',' or ')' in the list.");
                    }
                    i++;
                }
                else if (c.Op == "IS" || c.Op == "IS NOT")
                {
                    var v = Value();
                    if (!IsWord(v, "EMPTY") && !IsWord(v, "NULL")) throw Error("Only EMPTY/NULL can follow IS.");
                }
                else if (c.Op == "=" || c.Op == "!=" || c.Op == "~") c.Values.Add(Value());
                else throw Error("Operator '" + op + "' is not supported.");
                jql.Validate(c, store);
                jql._clauses.Add(c);
            }
            if (IsWord(Peek(), "ORDER"))
            {
                i++;
                if (!IsWord(Peek(), "BY")) throw Error("Expected BY after ORDER.");
                i++;
                jql._orderField = NormalizeField(Value());
                if (jql._orderField != "created" && jql._orderField != "key" && jql._orderField != "updated")
                    throw Error("Ordering by '" + jql._orderField + "' is not supported.");
                if (IsWord(Peek(), "DESC")) { jql._orderDesc = true; i++; }
                else if (IsWord(Peek(), "ASC")) i++;
            }
            if (i < tokens.Count) throw Error("Unexpected '" + tokens[i] + "'.");
            return jql;
        }

        private static readonly string[] Fields = { "project", "labels", "status", "statuscategory", "assignee", "reporter", "issuetype", "key", "summary", "text", "created", "updated" };

        private static string NormalizeField(string f)
        {
            var n = f.ToLowerInvariant();
            if (n == "type") n = "issuetype";
            if (n == "issuekey" || n == "id") n = "key";
            if (n == "label") n = "labels";
            return n;
        }

        private void Validate(Clause c, SandboxStore store)
        {
            if (!Fields.Contains(c.Field) || c.Field == "created" || c.Field == "updated")
                throw Error("Field '" + c.Field + "' does not exist or you do not have permission to view it.");
            if (c.Op == "~" && c.Field != "summary" && c.Field != "text") throw Error("The operator '~' is not supported by the '" + c.Field + "' field.");
            if (c.Field == "project")
                foreach (var v in c.Values)
                    if (store.Project(v) == null) throw Error("The value '" + v + "' does not exist for the field 'project'.");
            if (c.Field == "status")
                foreach (var v in c.Values)
                    if (Workflow.StatusNamed(v) == null) throw Error("The value '" + v + "' does not exist for the field 'status'.");
        }

        public bool Matches(IssueRecord issue)
        {
            foreach (var c in _clauses)
            {
                var values = FieldValues(issue, c.Field);
                bool result;
                switch (c.Op)
                {
                    case "=": result = values.Any(v => Eq(v, c.Values[0], c.Field)); break;
                    case "!=": result = !values.Any(v => Eq(v, c.Values[0], c.Field)); break;
                    case "IN": result = values.Any(v => c.Values.Any(x => Eq(v, x, c.Field))); break;
                    case "NOT IN": result = !values.Any(v => c.Values.Any(x => Eq(v, x, c.Field))); break;
                    case "IS": result = values.Count == 0; break;
                    case "IS NOT": result = values.Count > 0; break;
                    case "~": result = values.Any(v => v.IndexOf(c.Values[0].Trim('*'), StringComparison.OrdinalIgnoreCase) >= 0); break;
                    default: result = false; break;
                }
                if (!result) return false;
            }
            return true;
        }

        private static bool Eq(string actual, string expected, string field) =>
            field == "labels" ? string.Equals(actual, expected, StringComparison.Ordinal)
                              : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);

        private static List<string> FieldValues(IssueRecord i, string field)
        {
            switch (field)
            {
                case "project": return new List<string> { i.ProjectKey };
                case "labels": return i.Labels;
                case "status": return new List<string> { i.StatusName };
                case "statuscategory":
                    var s = Workflow.StatusNamed(i.StatusName);
                    return new List<string> { s.CategoryKey, s.CategoryName };
                case "assignee": return i.AssigneeId == null ? new List<string>() : new List<string> { i.AssigneeId };
                case "reporter": return i.ReporterId == null ? new List<string>() : new List<string> { i.ReporterId };
                case "issuetype": return new List<string> { i.IssueType };
                case "key": return new List<string> { i.Key, i.Id };
                case "summary": return new List<string> { i.Summary };
                case "text": return new List<string> { i.Summary, i.DescriptionJson ?? "" };
                default: return new List<string>();
            }
        }

        public IEnumerable<IssueRecord> Order(IEnumerable<IssueRecord> issues)
        {
            Func<IssueRecord, IComparable> key;
            if (_orderField == "created") key = x => x.Seq;
            else if (_orderField == "updated") key = x => x.Updated;
            else key = x => x.ProjectKey + ":" + x.Key.Substring(x.Key.IndexOf('-') + 1).PadLeft(10, '0');
            return _orderDesc ? issues.OrderByDescending(key) : issues.OrderBy(key);
        }

        private static SandboxApiException Error(string message) => JiraErrors.BadRequest("Error in the JQL Query: " + message);

        /// <summary>Words, quoted strings (marked with \u0001 so "AND" in quotes stays a value), operators and punctuation.</summary>
        private static List<string> Tokenize(string text)
        {
            var tokens = new List<string>();
            int i = 0;
            while (i < text.Length)
            {
                char ch = text[i];
                if (char.IsWhiteSpace(ch)) { i++; continue; }
                if (ch == '"' || ch == '\'')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != ch)
                    {
                        if (text[i] == '\\' && i + 1 < text.Length) i++;
                        sb.Append(text[i++]);
                    }
                    if (i >= text.Length) throw Error("Unterminated string literal.");
                    i++;
                    tokens.Add("\u0001" + sb);
                    continue;
                }
                if (ch == '(' || ch == ')' || ch == ',') { tokens.Add(ch.ToString()); i++; continue; }
                if (ch == '!' && i + 1 < text.Length && text[i + 1] == '=') { tokens.Add("!="); i += 2; continue; }
                if (ch == '=' || ch == '~') { tokens.Add(ch.ToString()); i++; continue; }
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && "()=,!~\"'".IndexOf(text[i]) < 0) i++;
                var word = text.Substring(start, i - start);
                if (i + 1 < text.Length && text[i] == '(' && text[i + 1] == ')') { word += "()"; i += 2; }
                tokens.Add(word);
            }
            return tokens;
        }
    }
}
