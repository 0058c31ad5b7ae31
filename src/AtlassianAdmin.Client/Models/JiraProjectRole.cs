using System.Collections.Generic;
using System.Linq;

namespace AtlassianAdmin.Models
{
    /// <summary>A role of one project (Administrators, Developers…) with its actors (users and groups).</summary>
    public sealed class JiraProjectRole
    {
        public string ProjectKey { get; set; }
        public long Id { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public List<JiraRoleActor> Actors { get; set; } = new List<JiraRoleActor>();

        public IEnumerable<JiraRoleActor> Users => Actors.Where(a => a.Type == JiraRoleActor.UserType);
        public IEnumerable<JiraRoleActor> Groups => Actors.Where(a => a.Type == JiraRoleActor.GroupType);
        /// <summary>Actors for display: "Jane Doe, group:developers".</summary>
        public string ActorNames => string.Join(", ", Actors.Select(a => a.ToString()));
        public override string ToString() => $"{ProjectKey} {Name}";
    }

    /// <summary>One actor of a project role: a user (<see cref="AccountId"/>) or a group (<see cref="GroupId"/>/<see cref="GroupName"/>).</summary>
    public sealed class JiraRoleActor
    {
        public const string UserType = "atlassian-user-role-actor";
        public const string GroupType = "atlassian-group-role-actor";

        public long Id { get; set; }
        public string Type { get; set; }
        public string DisplayName { get; set; }
        public string AccountId { get; set; }
        public string GroupId { get; set; }
        public string GroupName { get; set; }
        public bool IsGroup => Type == GroupType;
        /// <summary>This actor is the user <paramref name="accountId"/>, or the group with this id or (when no id is given) name.</summary>
        public bool Is(string accountId, string groupId, string groupName) =>
            accountId != null ? !IsGroup && AccountId == accountId
            : !string.IsNullOrEmpty(groupId) ? IsGroup && string.Equals(GroupId, groupId, System.StringComparison.OrdinalIgnoreCase)
            : IsGroup && string.Equals(GroupName, groupName, System.StringComparison.OrdinalIgnoreCase);
        public override string ToString() => IsGroup ? "group:" + (GroupName ?? GroupId) : DisplayName ?? AccountId;
    }
}
