#nullable enable
using System.Collections.Generic;

namespace AtlassianAdmin.Client.Org
{
    /// <summary>Body of <c>POST /v2/orgs/{orgId}/directories/{directoryId}/users/search</c> (nulls are not sent).</summary>
    public sealed class UserQuery
    {
        public List<string>? AccountIds { get; set; }
        /// <summary>Exact matches; the API refuses it together with <see cref="SearchTerm"/>.</summary>
        public List<string>? Emails { get; set; }
        public string? SearchTerm { get; set; }
        public List<string>? Status { get; set; }
        public List<string>? AccountStatus { get; set; }
        public List<string>? GroupIds { get; set; }
        public List<string>? RoleIds { get; set; }
        public List<string>? ResourceIds { get; set; }
        public string? ClaimStatus { get; set; }
        /// <summary><c>groups</c>, <c>productAccess</c>, <c>platformRoles</c>, <c>counts.resources</c>.</summary>
        public List<string>? Expand { get; set; }
        public int? Limit { get; set; }
        public string? Cursor { get; set; }

        // C9: the filters are resent with the cursor (unverified whether the server keeps them in the cursor; resending is
        // the safe choice), so page 2 of a filtered search stays filtered.
        internal UserQuery WithCursor(string cursor) => new UserQuery
        {
            Cursor = cursor, Limit = Limit, Expand = Expand, AccountIds = AccountIds, Emails = Emails, SearchTerm = SearchTerm, Status = Status,
            AccountStatus = AccountStatus, GroupIds = GroupIds, RoleIds = RoleIds, ResourceIds = ResourceIds, ClaimStatus = ClaimStatus,
        };
    }
}
