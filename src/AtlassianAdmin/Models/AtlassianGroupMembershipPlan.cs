namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One step of a group membership plan (Compare-AtlassianGroupMembership): add a listed user who is not a member,
    /// remove a member who is not listed (only with -RemoveUnlisted), or keep a listed member. Flat for Export-Csv; piped
    /// into Sync-AtlassianGroupMembership it is applied as it is.
    /// </summary>
    public sealed class AtlassianGroupMembershipPlan : AtlassianAdmin.Sync.IDesiredStateStep
    {
        /// <summary>Add, Remove or Keep.</summary>
        public string Action { get; set; }
        public string Group { get; set; }
        public string GroupId { get; set; }
        public string AccountId { get; set; }
        public string Email { get; set; }
        public string Name { get; set; }
        /// <summary>Why, e.g. "listed, not a member".</summary>
        public string Reason { get; set; }
        /// <summary>The input row (1-based) the step comes from; empty for removals (they come from the group's members).</summary>
        public int? Row { get; set; }
        public string DirectoryId { get; set; }

        string AtlassianAdmin.Sync.IDesiredStateStep.ScopeKey => GroupId;
        string AtlassianAdmin.Sync.IDesiredStateStep.ScopeMembers => $"members of '{Group}'";

        public override string ToString() => $"{Action} {(string.IsNullOrEmpty(Email) ? Name ?? AccountId : Email)} {(Action == "Remove" ? "from" : Action == "Add" ? "to" : "in")} {Group}";
    }
}
