namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One step of a project-role plan (Compare-AtlassianProjectRole): add a listed user or group that is not an actor of
    /// the role, remove an actor that is not listed (only with -RemoveUnlisted), or keep a listed actor. Flat for
    /// Export-Csv; piped into Sync-AtlassianProjectRole it is applied as it is.
    /// </summary>
    public sealed class AtlassianProjectRolePlan : AtlassianAdmin.Sync.IDesiredStateStep
    {
        /// <summary>Add, Remove or Keep.</summary>
        public string Action { get; set; }
        /// <summary>Project key.</summary>
        public string Project { get; set; }
        /// <summary>Role name as the project spells it.</summary>
        public string Role { get; set; }
        /// <summary>User or Group.</summary>
        public string ActorType { get; set; }
        /// <summary>The actor for display: the user's email (else name and accountId) or the group's name.</summary>
        public string Actor => ActorType == "Group"
            ? Group ?? GroupId
            : !string.IsNullOrEmpty(Email) ? Email : string.IsNullOrEmpty(Name) ? AccountId : $"{Name} ({AccountId})";
        public string AccountId { get; set; }
        public string Email { get; set; }
        /// <summary>The user's display name.</summary>
        public string Name { get; set; }
        public string Group { get; set; }
        public string GroupId { get; set; }
        /// <summary>Why, e.g. "listed, not in the role".</summary>
        public string Reason { get; set; }
        /// <summary>The input row (1-based) the step comes from; empty for removals (they come from the role's actors).</summary>
        public int? Row { get; set; }
        public long RoleId { get; set; }

        string AtlassianAdmin.Sync.IDesiredStateStep.ScopeKey => $"{Project}/{RoleId}";
        string AtlassianAdmin.Sync.IDesiredStateStep.ScopeMembers => $"actors of {Project} {Role}";

        public override string ToString() =>
            $"{Action} {(ActorType == "Group" ? "group " : "")}{Actor} {(Action == "Remove" ? "from" : Action == "Add" ? "to" : "in")} {Project} {Role}";
    }

    /// <summary>Which actors of a project role -RemoveUnlisted manages.</summary>
    public enum ProjectRoleActorType
    {
        /// <summary>The kinds the input lists for that role: users if it lists a user, groups if it lists a group.</summary>
        Listed,
        User,
        Group,
        All,
    }
}
