using System;
using System.Text.RegularExpressions;

namespace AtlassianAdmin.Base
{
    /// <summary>Validation of user identifiers before anything is sent.</summary>
    internal static class UserInput
    {
        // From the API reference: accountId is [a-zA-Z0-9_|\-:]{1,128}.
        private static readonly Regex AccountIdPattern = new Regex(@"^[a-zA-Z0-9_|\-:]{1,128}$", RegexOptions.Compiled);

        public static bool IsValidAccountId(string value) => value != null && AccountIdPattern.IsMatch(value);

        public static bool IsPlausibleEmail(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return false;
            var at = value.IndexOf('@');
            return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && value.IndexOf(' ') < 0;
        }

        public static string FirstNonEmpty(string[] values)
        {
            if (values == null) return null;
            foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v.Trim();
            return null;
        }

        public static ArgumentException BadAccountId(string value) =>
            new ArgumentException($"'{value}' is not a valid Atlassian accountId (1-128 characters of letters, digits, '_', '|', '-' or ':').");

        public static ArgumentException BadEmail(string value) =>
            new ArgumentException($"'{value}' is not a valid email address.");
    }
}
