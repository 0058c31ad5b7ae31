using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace AtlassianAdmin.Sandbox.Routing
{
    /// <summary>
    /// Request parameters as name → string values, built from a query string or a JSON body alike, so filters are
    /// parsed once whatever the transport, and can be frozen into a page cursor.
    /// </summary>
    internal sealed class ParamBag
    {
        private readonly Dictionary<string, List<string>> _values = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public static ParamBag FromQuery(string query)
        {
            var bag = new ParamBag();
            if (string.IsNullOrEmpty(query)) return bag;
            foreach (var part in query.TrimStart('?').Split('&'))
            {
                if (part.Length == 0) continue;
                int eq = part.IndexOf('=');
                var name = Decode(eq < 0 ? part : part.Substring(0, eq));
                var value = eq < 0 ? "" : Decode(part.Substring(eq + 1));
                // Arrays arrive as repeated keys; tolerate the "name[]" spelling too.
                if (name.EndsWith("[]", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 2);
                bag.Add(name, value);
            }
            return bag;
        }

        public static ParamBag FromJson(JsonElement obj)
        {
            var bag = new ParamBag();
            if (obj.ValueKind != JsonValueKind.Object) return bag;
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null) continue;
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    bag.Touch(p.Name);
                    foreach (var item in p.Value.EnumerateArray()) bag.Add(p.Name, Text(item));
                }
                else bag.Add(p.Name, Text(p.Value));
            }
            return bag;
        }

        private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();

        private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

        public void Add(string name, string value)
        {
            Touch(name).Add(value);
        }

        private List<string> Touch(string name)
        {
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = new List<string>();
            return list;
        }

        public bool Has(string name) => _values.ContainsKey(name);

        public string Get(string name) => _values.TryGetValue(name, out var l) && l.Count > 0 ? l[0] : null;

        /// <summary>All values of a parameter; comma-separated single values are split (e.g. "expand=groups,productAccess").</summary>
        public IReadOnlyList<string> List(string name)
        {
            if (!_values.TryGetValue(name, out var l)) return new string[0];
            return l.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        }

        public bool TryInt(string name, out int? value)
        {
            value = null;
            var s = Get(name);
            if (s == null || s.Length == 0) return true;
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return false;
            value = v;
            return true;
        }

        public bool TryBool(string name, out bool? value)
        {
            value = null;
            var s = Get(name);
            if (s == null || s.Length == 0) return true;
            if (!bool.TryParse(s, out var v)) return false;
            value = v;
            return true;
        }

        public ParamBag Without(params string[] names)
        {
            var copy = new ParamBag();
            foreach (var kv in _values)
                if (!names.Contains(kv.Key)) copy._values[kv.Key] = kv.Value.ToList();
            return copy;
        }

        public Dictionary<string, List<string>> ToDictionary() => _values.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());

        public static ParamBag FromDictionary(Dictionary<string, List<string>> values)
        {
            var bag = new ParamBag();
            if (values != null)
                foreach (var kv in values) bag._values[kv.Key] = kv.Value?.ToList() ?? new List<string>();
            return bag;
        }
    }
}
