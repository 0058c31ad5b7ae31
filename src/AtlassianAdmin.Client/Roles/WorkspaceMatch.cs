#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Roles
{
    /// <summary>
    /// Finds a workspace of the org's list by ARI, name or URL. A name or URL shared by several products (Jira and
    /// Confluence on one site) needs a product to choose. Pure: the caller reads (and caches) the list.
    /// </summary>
    public static class WorkspaceMatch
    {
        /// <summary>Every workspace whose ARI, name or host is <paramref name="text"/>, narrowed to <paramref name="product"/> (a prefix: jira matches jira-servicedesk).</summary>
        public static List<AtlassianWorkspace> Match(IEnumerable<AtlassianWorkspace> all, string text, string? product)
        {
            var host = HostOf(text);
            var candidates = all.Where(w =>
                string.Equals(w.Id, text, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(w.Name, text, StringComparison.OrdinalIgnoreCase) ||
                (host != null && string.Equals(HostOf(w.HostUrl), host, StringComparison.OrdinalIgnoreCase)));
            if (!string.IsNullOrEmpty(product))
                candidates = candidates.Where(w => string.Equals(w.Product, product, StringComparison.OrdinalIgnoreCase)
                    || (w.Product ?? "").StartsWith(product + "-", StringComparison.OrdinalIgnoreCase));
            return candidates.ToList();
        }

        /// <summary>
        /// The one workspace <paramref name="text"/> names. An ARI the list does not hold (e.g. ari:cloud:jira::site/… for
        /// product admin roles) is passed through as given: the API validates it. Throws <see cref="RoleRuleException"/>
        /// (WorkspaceNotFound with the org's workspaces, AmbiguousWorkspace with the matches).
        /// </summary>
        public static AtlassianWorkspace Find(IReadOnlyList<AtlassianWorkspace> all, string text, string? product, string? orgId)
        {
            var matches = Match(all, text, product);
            if (matches.Count == 0 && IsAri(text))
                return new AtlassianWorkspace { Id = text, Name = text, Product = ProductOf(text), OrgId = orgId };
            if (matches.Count == 1) return matches[0];
            // "jira" also matches jira-servicedesk etc. by prefix; an exact product match wins.
            var exact = matches.Where(w => string.Equals(w.Product, product, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count == 1) return exact[0];
            if (matches.Count == 0)
                throw new RoleRuleException(RoleRuleError.WorkspaceNotFound,
                    $"No workspace matches '{text}'{(product != null ? " for product " + product : "")}. Known workspaces: {string.Join("; ", all.Select(w => $"{w.Name} ({w.Product}, {w.HostUrl}, {w.Id})"))}.",
                    all);
            throw new RoleRuleException(RoleRuleError.AmbiguousWorkspace,
                $"'{text}' matches {matches.Count} workspaces: {string.Join("; ", matches.Select(w => $"{w.Product} ({w.Id})"))}.", matches);
        }

        public static bool IsAri(string? text) => text != null && text.StartsWith("ari:", StringComparison.OrdinalIgnoreCase);

        private static string? HostOf(string? text)
        {
            if (text == null || string.IsNullOrEmpty(text) || IsAri(text)) return null;
            var withScheme = text.Contains("://") ? text : "https://" + text;
            return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Host.Contains(".") ? uri.Host : null;
        }

        // ari:cloud:<product>::site/<id>
        private static string? ProductOf(string ari)
        {
            var parts = ari.Split(':');
            return parts.Length > 2 ? parts[2] : null;
        }
    }
}
