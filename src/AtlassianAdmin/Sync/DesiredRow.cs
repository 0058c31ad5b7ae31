using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
namespace AtlassianAdmin.Sync
{
    /// <summary>
    /// One row of a desired-state file, read strictly: known columns only (others are reported, unless ignored), a
    /// target (group, or project and role) and one user identity (accountId or email). A bad row carries its error and is
    /// reported with the row as TargetObject; the other rows go on.
    /// </summary>
    internal sealed class DesiredRow
    {
        public static readonly string[] AccountIdColumns = { "accountId", "account_id", "UserId", "atlassian_id", "aaid" };
        public static readonly string[] EmailColumns = { "email", "EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail" };

        public int Index { get; set; }
        public PSObject Row { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        /// <summary>Target columns by canonical name (e.g. "group" or "project"/"role"/"group").</summary>
        public Dictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public ItemFailedException Error { get; set; }

        public string Identity => AccountId ?? Email;
        public string Value(string canonical) => Values.TryGetValue(canonical, out var v) ? v : null;

        /// <summary>
        /// Reads a row. <paramref name="columns"/> maps each canonical target column to its accepted names; the user
        /// columns are always accepted. <paramref name="userRequired"/>: every row must name a user.
        /// <paramref name="actorColumns"/>: optional columns that name the subject instead of a user (e.g. a group as a
        /// project-role actor); then a row gives exactly one of a user or one of these.
        /// </summary>
        public static DesiredRow Read(int index, PSObject row, IDictionary<string, string[]> columns, IEnumerable<string> ignore, bool userRequired = true,
            IDictionary<string, string[]> actorColumns = null)
        {
            actorColumns = actorColumns ?? new Dictionary<string, string[]>();
            var r = new DesiredRow { Index = index, Row = row };
            var ignored = new HashSet<string>(ignore ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            var cells = Cells(row);
            if (cells == null)
            {
                r.Error = new ItemFailedException("InvalidRow", ErrorCategory.InvalidData,
                    $"Row {index} is not a row with columns (got '{row?.BaseObject}'). Pipe CSV rows (Import-Csv) or objects with properties.");
                return r;
            }
            var unknown = new List<string>();
            // Only rows (CSV, custom objects, hashtables) have a column set to check; typed objects just provide what they have.
            var strict = row.BaseObject is PSCustomObject || row.BaseObject is IDictionary;
            foreach (var cell in cells)
            {
                var name = cell.Key;
                var value = string.IsNullOrWhiteSpace(cell.Value) ? null : cell.Value.Trim();
                if (AccountIdColumns.Contains(name, StringComparer.OrdinalIgnoreCase)) { r.AccountId = r.AccountId ?? value; continue; }
                if (EmailColumns.Contains(name, StringComparer.OrdinalIgnoreCase)) { r.Email = r.Email ?? value; continue; }
                var target = columns.Concat(actorColumns).FirstOrDefault(c => c.Value.Contains(name, StringComparer.OrdinalIgnoreCase));
                if (target.Key != null) { if (!r.Values.ContainsKey(target.Key) || r.Values[target.Key] == null) r.Values[target.Key] = value; continue; }
                if (strict && !ignored.Contains(name)) unknown.Add(name);
            }
            var subject = actorColumns.Count == 0 ? "email or accountId" : "email, accountId or " + string.Join(" or ", actorColumns.Keys);
            var expected = string.Join(", ", columns.Keys.Concat(new[] { subject }));
            var actor = actorColumns.Keys.FirstOrDefault(k => r.Value(k) != null);
            if (unknown.Count > 0)
                r.Error = new ItemFailedException("UnknownColumn", ErrorCategory.InvalidData,
                    $"Row {index} has unknown column{(unknown.Count == 1 ? "" : "s")} '{string.Join("', '", unknown)}' (expected {expected}). Fix the header, or list extra columns with -IgnoreColumn.");
            else if (columns.Keys.FirstOrDefault(k => r.Value(k) == null) is string missing)
                r.Error = new ItemFailedException(char.ToUpperInvariant(missing[0]) + missing.Substring(1) + "Missing", ErrorCategory.InvalidData,
                    $"Row {index} has no {missing} (expected columns: {expected}).");
            else if (actor != null && (r.AccountId != null || r.Email != null))
                r.Error = new ItemFailedException("AmbiguousActor", ErrorCategory.InvalidData,
                    $"Row {index} names both a user ('{r.Identity}') and a {actor} ('{r.Value(actor)}'). Give one of them per row.");
            else if (r.AccountId == null && r.Email == null && actor == null && userRequired)
                r.Error = new ItemFailedException("UserIdentityMissing", ErrorCategory.InvalidData,
                    $"Row {index} has an empty email and no accountId{(actorColumns.Count == 0 ? "" : " or " + string.Join(" or ", actorColumns.Keys))}.");
            else if (r.AccountId != null && !UserInput.IsValidAccountId(r.AccountId))
                r.Error = new ItemFailedException("InvalidAccountId", ErrorCategory.InvalidData, $"Row {index}: " + UserInput.BadAccountId(r.AccountId).Message);
            else if (r.AccountId == null && r.Email != null && !UserInput.IsPlausibleEmail(r.Email))
                r.Error = new ItemFailedException("InvalidEmail", ErrorCategory.InvalidData, $"Row {index}: " + UserInput.BadEmail(r.Email).Message);
            return r;
        }

        /// <summary>Columns of a CSV row / custom object / hashtable; null for a scalar.</summary>
        private static List<KeyValuePair<string, string>> Cells(PSObject row)
        {
            if (row == null) return null;
            if (row.BaseObject is IDictionary dict)
                return dict.Keys.Cast<object>().Select(k => new KeyValuePair<string, string>(k.ToString(), dict[k]?.ToString())).ToList();
            if (row.BaseObject is string || row.BaseObject.GetType().IsPrimitive) return null;
            // A CSV row / PSCustomObject: its note properties are its columns. A typed object: its properties (known ones are read).
            var props = row.BaseObject is PSCustomObject
                ? row.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty)
                : row.Properties.Where(p => p.IsGettable);
            var cells = new List<KeyValuePair<string, string>>();
            foreach (var p in props)
            {
                object v;
                try { v = p.Value; } catch { continue; }
                if (!(row.BaseObject is PSCustomObject) && !(v is string)) continue; // typed objects: text properties only
                cells.Add(new KeyValuePair<string, string>(p.Name, v?.ToString()));
            }
            return cells;
        }
    }
}
