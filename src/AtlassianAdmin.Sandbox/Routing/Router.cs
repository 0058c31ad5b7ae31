using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Http;

namespace AtlassianAdmin.Sandbox.Routing
{
    internal enum ApiFamily { Admin, Jira }

    internal enum AuthKind { Bearer, Basic, Anonymous, Scim }

    internal delegate SandboxResponse RouteHandler(RequestContext ctx);

    internal sealed class Route
    {
        public string Method;
        public string Template;
        public string[] Segments;
        public ApiFamily Family;
        public AuthKind Auth;
        public RouteHandler Handler;
        public string Key => Method + " " + Template;
        public int LiteralCount => Segments.Count(s => !s.StartsWith("{", StringComparison.Ordinal));
    }

    internal enum MatchOutcome { Found, NotFound, MethodNotAllowed }

    /// <summary>Template router on path segments only (host-agnostic). Literal segments beat parameters.</summary>
    internal sealed class Router
    {
        private readonly List<Route> _routes = new List<Route>();

        public IReadOnlyList<Route> Routes => _routes;

        public void Admin(string method, string template, RouteHandler handler) => Add(method, template, ApiFamily.Admin, AuthKind.Bearer, handler);
        public void Jira(string method, string template, RouteHandler handler) => Add(method, "/rest/api/3" + template, ApiFamily.Jira, AuthKind.Basic, handler);
        /// <summary>User provisioning (SCIM 2.0) under <c>/scim/directory/{directoryId}</c>: Bearer with the directory's SCIM key, not the org key.</summary>
        public void Scim(string method, string template, RouteHandler handler) => Add(method, "/scim/directory/{directoryId}" + template, ApiFamily.Admin, AuthKind.Scim, handler);
        public void JiraAnonymous(string method, string template, RouteHandler handler) => Add(method, "/rest/api/3" + template, ApiFamily.Jira, AuthKind.Anonymous, handler);

        private void Add(string method, string template, ApiFamily family, AuthKind auth, RouteHandler handler)
        {
            _routes.Add(new Route
            {
                Method = method, Template = template, Segments = Split(template), Family = family, Auth = auth, Handler = handler,
            });
        }

        /// <summary>The API family a path belongs to (for error bodies of faults and unknown routes).</summary>
        public static ApiFamily FamilyOf(string path) =>
            path.StartsWith("/rest/", StringComparison.OrdinalIgnoreCase) ? ApiFamily.Jira : ApiFamily.Admin;

        /// <summary>Accepts both "/admin/v1/..." and a base address that already ends in /admin ("/v1/...").</summary>
        public static string Normalize(string path)
        {
            if (path.Length > 1) path = path.TrimEnd('/');
            if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v2/", StringComparison.Ordinal)) path = "/admin" + path;
            return path;
        }

        public MatchOutcome Match(string method, string path, out Route route, out Dictionary<string, string> values)
        {
            route = null;
            values = null;
            var segments = Split(path);
            int best = -1;
            var candidates = new List<(Route route, Dictionary<string, string> values)>();
            foreach (var r in _routes)
            {
                var v = TryMatch(r.Segments, segments);
                if (v == null) continue;
                int score = Specificity(r.Segments);
                if (score > best) { best = score; candidates.Clear(); }
                if (score == best) candidates.Add((r, v));
            }
            if (candidates.Count == 0) return MatchOutcome.NotFound;
            foreach (var (r, v) in candidates)
                if (string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    route = r;
                    values = v;
                    return MatchOutcome.Found;
                }
            return MatchOutcome.MethodNotAllowed;
        }

        // Earlier literal segments weigh more, so ".../users/search" beats ".../users/{accountId}".
        private static int Specificity(string[] template)
        {
            int score = 0;
            for (int i = 0; i < template.Length && i < 30; i++)
                if (!template[i].StartsWith("{", StringComparison.Ordinal)) score |= 1 << (29 - i);
            return score;
        }

        private static Dictionary<string, string> TryMatch(string[] template, string[] path)
        {
            if (template.Length != path.Length) return null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < template.Length; i++)
            {
                var t = template[i];
                if (t.StartsWith("{", StringComparison.Ordinal)) values[t.Substring(1, t.Length - 2)] = Uri.UnescapeDataString(path[i]);
                else if (!string.Equals(t, path[i], StringComparison.OrdinalIgnoreCase)) return null;
            }
            return values;
        }

        private static string[] Split(string path) => path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
