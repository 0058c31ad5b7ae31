#nullable enable
using System;
using System.Text;

namespace AtlassianAdmin.Client.Http
{
    /// <summary>Builds <c>?a=1&amp;b=2</c>; repeated keys for arrays (<c>status=a&amp;status=b</c>); skips nulls.</summary>
    internal sealed class QueryBuilder
    {
        private readonly StringBuilder _sb = new StringBuilder();

        public QueryBuilder Add(string key, string? value)
        {
            if (value == null) return this;
            _sb.Append(_sb.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            return this;
        }

        public override string ToString() => _sb.ToString();
    }
}
