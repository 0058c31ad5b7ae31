#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AtlassianAdmin.Resolution
{
    /// <summary>Validation of user identifiers before anything is sent.</summary>
    internal static class UserInput
    {
        // From the API reference: accountId is [a-zA-Z0-9_|\-:]{1,128}.
        private static readonly Regex AccountIdPattern = new Regex(@"^[a-zA-Z0-9_|\-:]{1,128}$", RegexOptions.Compiled);

        public static bool IsValidAccountId(string? value) => value != null && AccountIdPattern.IsMatch(value);

        /// <summary>RFC 5321: an address is at most 254 characters (longer ones draw a 414 from a site's user search).</summary>
        public const int MaxEmailLength = 254;

        /// <summary>A value as shown in an error message: long ones cut, with their length.</summary>
        public static string Show(string? value) =>
            value == null ? "" : value.Length <= 80 ? value : value.Substring(0, 60) + $"… ({value.Length} characters)";

        public static bool IsPlausibleEmail(string? value)
        {
            if (value == null || string.IsNullOrWhiteSpace(value) || value.Length > MaxEmailLength) return false;
            var at = value.IndexOf('@');
            return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && value.IndexOf(' ') < 0;
        }

        public static string? FirstNonEmpty(string[]? values)
        {
            if (values == null) return null;
            foreach (var v in values) if (!string.IsNullOrWhiteSpace(v)) return v.Trim();
            return null;
        }

        /// <summary>
        /// The one reading of a user given on input: -AccountId and/or -Email (accountId wins), or a plain string (an email
        /// when it contains '@', otherwise an accountId). Validates before anything is sent; throws
        /// <see cref="AtlassianAdmin.Engine.ItemFailedException"/> with InvalidAccountId / InvalidEmail, and
        /// UserIdentityMissing when <paramref name="required"/> and nothing was given.
        /// </summary>
        public static (string? AccountId, string? Email) Parse(string? accountId, string? email, string? text, bool required = true)
        {
            accountId = Clean(accountId);
            email = Clean(email);
            if (accountId == null && email == null && text != null && !string.IsNullOrWhiteSpace(text))
            {
                if (text.Contains("@")) email = text.Trim(); else accountId = text.Trim();
            }
            if (accountId == null && email == null)
            {
                if (!required) return (null, null);
                throw new AtlassianAdmin.Engine.ItemFailedException("UserIdentityMissing", System.Management.Automation.ErrorCategory.InvalidArgument,
                    "The input has neither an AccountId nor an Email. Give -AccountId or -Email, or pipe objects/CSV rows with one of those columns.");
            }
            if (accountId != null && !IsValidAccountId(accountId))
                throw new AtlassianAdmin.Engine.ItemFailedException("InvalidAccountId", System.Management.Automation.ErrorCategory.InvalidArgument, BadAccountId(accountId).Message);
            if (accountId == null && !IsPlausibleEmail(email))
                throw new AtlassianAdmin.Engine.ItemFailedException("InvalidEmail", System.Management.Automation.ErrorCategory.InvalidArgument, BadEmail(email).Message);
            return (accountId, email);
        }

        /// <summary>
        /// The accountIds and emails one record of a read gives: its -AccountId/-Email values (trimmed, blanks dropped),
        /// or else a piped plain string, read as in <see cref="Parse"/>.
        /// </summary>
        public static (List<string> AccountIds, List<string> Emails) Values(string[]? accountIds, string[]? emails, object? piped)
        {
            var ids = Clean(accountIds);
            var mails = Clean(emails);
            if (ids.Count == 0 && mails.Count == 0 && piped is string text && !string.IsNullOrWhiteSpace(text))
                (text.Contains("@") ? mails : ids).Add(text.Trim());
            return (ids, mails);
        }

        private static List<string> Clean(string[]? values) =>
            (values ?? Array.Empty<string>()).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList();

        private static string? Clean(string? s) => s == null || string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        public static ArgumentException BadAccountId(string? value) =>
            new ArgumentException($"'{Show(value)}' is not a valid Atlassian accountId (1-128 characters of letters, digits, '_', '|', '-' or ':').");

        public static ArgumentException BadEmail(string? value) =>
            new ArgumentException(value != null && value.Length > MaxEmailLength
                ? $"'{Show(value)}' is not a valid email address (at most {MaxEmailLength} characters)."
                : $"'{Show(value)}' is not a valid email address.");
    }
}
