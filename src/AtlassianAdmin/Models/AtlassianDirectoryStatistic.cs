namespace AtlassianAdmin.Models
{
    /// <summary>One count from the directory's statistics: users per role or account status, groups per type, group totals.</summary>
    public sealed class AtlassianDirectoryStatistic
    {
        /// <summary><c>UsersByRole</c>, <c>UsersByAccountStatus</c>, <c>GroupsByType</c> or <c>Groups</c>.</summary>
        public string Kind { get; set; }
        /// <summary>The role id, account status, group type, or <c>all</c>/<c>synced</c>/<c>managed</c> for group totals.</summary>
        public string Name { get; set; }
        public long? Count { get; set; }
        public string DirectoryId { get; set; }

        public override string ToString() => $"{Kind} {Name}: {Count}";
    }
}
