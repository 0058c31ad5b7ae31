using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Connection
{
    /// <summary>
    /// Process-wide registry of named connections (like Microsoft.Graph's session): runspaces of the same process,
    /// e.g. ForEach-Object -Parallel, share them. The last connection made is the default.
    /// </summary>
    public static class AtlassianSession
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, AtlassianConnection> ByName = new Dictionary<string, AtlassianConnection>(StringComparer.OrdinalIgnoreCase);

        public static AtlassianConnection Default { get; private set; }

        public static IReadOnlyList<AtlassianConnection> All
        {
            get { lock (Gate) return ByName.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList(); }
        }

        public static AtlassianConnection Find(string name)
        {
            lock (Gate) return ByName.TryGetValue(name, out var c) ? c : null;
        }

        /// <summary>Adds (or replaces, disposing the old one) a connection and makes it the default.</summary>
        public static void Add(AtlassianConnection connection)
        {
            AtlassianConnection old;
            lock (Gate)
            {
                ByName.TryGetValue(connection.Name, out old);
                ByName[connection.Name] = connection;
                Default = connection;
            }
            if (old != null && !ReferenceEquals(old, connection)) old.Dispose();
        }

        public static bool Remove(AtlassianConnection connection)
        {
            lock (Gate)
            {
                if (!ByName.TryGetValue(connection.Name, out var current) || !ReferenceEquals(current, connection)) return false;
                ByName.Remove(connection.Name);
                if (ReferenceEquals(Default, connection))
                    Default = ByName.Values.OrderByDescending(c => c.ConnectedAt).FirstOrDefault();
            }
            connection.Dispose();
            return true;
        }

        /// <summary>Module removal: close everything.</summary>
        public static void Reset()
        {
            List<AtlassianConnection> all;
            lock (Gate)
            {
                all = ByName.Values.ToList();
                ByName.Clear();
                Default = null;
            }
            foreach (var c in all) c.Dispose();
        }
    }
}
