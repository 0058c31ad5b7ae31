using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AtlassianAdmin.Connection;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Roles;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// Turns a workspace object, ARI, URL or name into a workspace. The org's workspace list is read once per
    /// connection and cached (it changes rarely). A name or URL shared by several products (Jira and Confluence on one
    /// site) needs a product to choose; the error lists the candidates with their ARIs.
    /// </summary>
    internal static class WorkspaceResolver
    {
        private const string CacheKey = "workspaces";

        public static IReadOnlyList<AtlassianWorkspace> All(AtlassianConnection connection, CancellationToken ct, bool refresh = false)
        {
            if (!refresh && connection.Cache.Items.TryGetValue(CacheKey, out var cached)) return (IReadOnlyList<AtlassianWorkspace>)cached;
            var list = connection.Org.ListWorkspaces(connection.OrgId, ct).ToList();
            connection.Cache.Items[CacheKey] = list;
            return list;
        }

        /// <summary>Resolves <paramref name="input"/>; throws <see cref="ItemFailedException"/> (WorkspaceNotFound / AmbiguousWorkspace).</summary>
        public static AtlassianWorkspace Resolve(AtlassianConnection connection, WorkspacePipeBind input, string product, CancellationToken ct)
        {
            if (input?.Workspace != null) return input.Workspace;
            var text = input?.Text;
            if (string.IsNullOrEmpty(text))
                throw new ItemFailedException("WorkspaceMissing", ErrorCategory.InvalidArgument, "No workspace was given. Use -Workspace with a name, URL or ARI from Get-AtlassianWorkspace.");
            var all = All(connection, ct);
            var matches = Match(all, text, product);
            if (matches.Count == 0 && text.StartsWith("ari:", StringComparison.OrdinalIgnoreCase))
            {
                // An ARI the workspaces API does not list (e.g. ari:cloud:jira::site/… for product admin roles) is passed
                // through as given; the API validates it.
                return new AtlassianWorkspace { Id = text, Name = text, Product = ProductOf(text), OrgId = connection.OrgId };
            }
            if (matches.Count == 1) return matches[0];
            // "-Product jira" also matches jira-servicedesk etc. by prefix; an exact product match wins.
            var exact = matches.Where(w => string.Equals(w.Product, product, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count == 1) return exact[0];
            var known = string.Join("; ", all.Select(w => $"{w.Name} ({w.Product}, {w.HostUrl}, {w.Id})"));
            if (matches.Count == 0)
                throw new ItemFailedException("WorkspaceNotFound", ErrorCategory.ObjectNotFound,
                    $"No workspace matches '{text}'{(product != null ? " for product " + product : "")}. Known workspaces: {known}.");
            throw new ItemFailedException("AmbiguousWorkspace", ErrorCategory.InvalidArgument,
                $"'{text}' matches {matches.Count} workspaces: {string.Join("; ", matches.Select(w => $"{w.Product} ({w.Id})"))}. Add -Product or give the ARI.");
        }

        internal static List<AtlassianWorkspace> Match(IEnumerable<AtlassianWorkspace> all, string text, string product)
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

        private static string HostOf(string text)
        {
            if (string.IsNullOrEmpty(text) || text.StartsWith("ari:", StringComparison.OrdinalIgnoreCase)) return null;
            var withScheme = text.Contains("://") ? text : "https://" + text;
            return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Host.Contains(".") ? uri.Host : null;
        }

        private static string ProductOf(string ari)
        {
            // ari:cloud:<product>::site/<id>
            var parts = ari.Split(':');
            return parts.Length > 2 ? parts[2] : null;
        }
    }
}
