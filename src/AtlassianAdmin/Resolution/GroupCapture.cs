#nullable enable
using System.Management.Automation;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// The group of one pipeline record, for the group change cmdlets: a piped group object (org or site) wins, then
    /// -Group (name, id or object, also from CSV columns group, group_name, GroupName, groupId), then a piped string
    /// where strings are groups (not for member changes, where a piped string is the user).
    /// </summary>
    internal static class GroupCapture
    {
        public static GroupPipeBind Capture(PSObject? item, GroupPipeBind? parameter, bool stringsAreGroups)
        {
            if (item?.BaseObject is AtlassianGroup g) return new GroupPipeBind(g);
            if (item?.BaseObject is JiraGroup jg) return new GroupPipeBind(jg);
            if (parameter != null && (parameter.Group != null || parameter.SiteGroup != null || !string.IsNullOrEmpty(parameter.Text))) return parameter;
            if (stringsAreGroups && item?.BaseObject is string s && !string.IsNullOrWhiteSpace(s)) return new GroupPipeBind(s);
            throw new ItemFailedException("GroupMissing", ErrorCategory.InvalidArgument, stringsAreGroups
                ? "No group was given. Use -Group with a group object, name or id, or pipe groups, names or CSV rows with a group, group_name, GroupName or groupId column."
                : "No group was given. Use -Group with a group object, name or id, or pipe CSV rows with a group, group_name, GroupName or groupId column.");
        }

        /// <summary>How a record is named in results and errors: the group's name, else what was given.</summary>
        public static string? Describe(PSObject? item, GroupPipeBind? parameter) =>
            item?.BaseObject is AtlassianGroup g ? g.Name : item?.BaseObject is JiraGroup jg ? jg.Name : parameter?.ToString() ?? item?.BaseObject?.ToString();

        /// <summary>A -DirectoryId value, trimmed; null when empty.</summary>
        public static string? Directory(string? directoryId) => directoryId == null || string.IsNullOrWhiteSpace(directoryId) ? null : directoryId.Trim();
    }
}
