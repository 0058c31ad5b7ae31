using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Sandbox.Jira
{
    /// <summary>
    /// The one workflow of the sandbox site, shaped for access requests:
    /// To Do (new) → Approve → Approved, Deny → Denied (both indeterminate); Done (done) from any of them.
    /// </summary>
    internal static class Workflow
    {
        public sealed class Status
        {
            public string Id, Name, CategoryKey, CategoryName, Color;
            public int CategoryId;
        }

        public sealed class Transition
        {
            public string Id, Name, To;
            public string[] From;
        }

        public static readonly Status[] Statuses =
        {
            new Status { Id = "10000", Name = "To Do", CategoryKey = "new", CategoryId = 2, CategoryName = "To Do", Color = "blue-gray" },
            new Status { Id = "10001", Name = "Approved", CategoryKey = "indeterminate", CategoryId = 4, CategoryName = "In Progress", Color = "yellow" },
            new Status { Id = "10002", Name = "Denied", CategoryKey = "indeterminate", CategoryId = 4, CategoryName = "In Progress", Color = "yellow" },
            new Status { Id = "10003", Name = "Done", CategoryKey = "done", CategoryId = 3, CategoryName = "Done", Color = "green" },
        };

        public static readonly Transition[] Transitions =
        {
            new Transition { Id = "11", Name = "Approve", To = "Approved", From = new[] { "To Do" } },
            new Transition { Id = "21", Name = "Deny", To = "Denied", From = new[] { "To Do" } },
            new Transition { Id = "31", Name = "Done", To = "Done", From = new[] { "To Do", "Approved", "Denied" } },
        };

        public static readonly (string id, string name)[] IssueTypes = { ("10001", "Task"), ("10002", "Story"), ("10003", "Bug"), ("10004", "Service Request") };

        public const string InitialStatus = "To Do";

        public static Status StatusNamed(string name) => Statuses.FirstOrDefault(s => string.Equals(s.Name, name, System.StringComparison.OrdinalIgnoreCase));

        public static IEnumerable<Transition> From(string status) => Transitions.Where(t => t.From.Contains(status));

        public static object StatusJson(string api, Status s) => new
        {
            self = api + "/status/" + s.Id,
            name = s.Name,
            id = s.Id,
            statusCategory = new { self = api + "/statuscategory/" + s.CategoryId, id = s.CategoryId, key = s.CategoryKey, colorName = s.Color, name = s.CategoryName },
        };
    }
}
