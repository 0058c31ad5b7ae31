using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox
{
    internal enum RoleCheck { Ok, InvalidResource, InvalidRole, NotLicensed }

    // Domain operations. Internal ones assume the caller holds Sync; public setup helpers take it themselves
    // and do not record audit events (they are test fixtures, not admin actions).
    public sealed partial class SandboxStore
    {
        // ---------- public setup helpers for tests ----------

        /// <summary>Adds a user to the org (status: active | suspended | deactivated | for_deletion).</summary>
        public SandboxUser AddUser(string email, string name, string status = "active", string directoryId = null)
        {
            lock (Sync)
            {
                Changed();
                if (AccountsByEmail.ContainsKey(email)) throw new InvalidOperationException("Email already used: " + email);
                var u = CreateAccount(email, name);
                JoinOrg(u, directoryId ?? DirectoryId);
                u.Suspended = status == "suspended";
                u.Deactivated = status == "deactivated";
                u.PendingDeletion = status == "for_deletion";
                return ToSnapshot(u);
            }
        }

        public SandboxGroup AddGroup(string name, bool externalSynced = false, string directoryId = null)
        {
            lock (Sync) { Changed(); return ToSnapshot(CreateGroup(name, null, directoryId ?? DirectoryId, externalSynced)); }
        }

        public void AddMember(string groupId, string accountId)
        {
            lock (Sync) { Changed(); AddMembership(GroupsById[groupId], UsersById[accountId]); }
        }

        /// <summary>Adds another directory (original user-management experience); returns its id.</summary>
        public string AddDirectory(string name)
        {
            lock (Sync)
            {
                Changed();
                var d = new DirectoryRecord { Seq = NextSeq++, Id = NewUuid(), Name = name, Icon = "https://admin.atlassian.com/static/directory.svg" };
                DirectoryList.Add(d);
                return d.Id;
            }
        }

        /// <summary>Gives a managed account an API token (test setup); returns the token id. Token values never exist here.</summary>
        public string AddApiToken(string accountId, string label, DateTimeOffset createdAt, DateTimeOffset? lastAccess = null)
        {
            lock (Sync)
            {
                Changed();
                var t = new ApiTokenRecord { Id = NewUuid(), Label = label, CreatedAt = createdAt, LastAccess = lastAccess, ExpiresAt = createdAt.AddDays(365) };
                UsersById[accountId].ApiTokens.Add(t);
                return t.Id;
            }
        }

        /// <summary>How the account came into the directory: <c>invited</c>, or <c>synced</c> (provisioned by an identity provider over SCIM).</summary>
        public void SetManagementSource(string accountId, string source)
        {
            lock (Sync) { Changed(); UsersById[accountId].ManagementSource = source; }
        }

        /// <summary>When the user joined the org (test setup).</summary>
        public void SetAddedToOrg(string accountId, DateTimeOffset addedToOrg)
        {
            lock (Sync) { Changed(); UsersById[accountId].AddedToOrg = addedToOrg; }
        }

        /// <summary>Sets the last activity of a user on a product key (null = never active); test setup.</summary>
        public void SetLastActive(string accountId, string productKey, DateTimeOffset? lastActive)
        {
            lock (Sync) { Changed(); UsersById[accountId].LastActive[productKey] = lastActive; }
        }

        public void AssignUserRole(string accountId, string resourceId, string roleId)
        {
            lock (Sync) { Changed(); GrantUserRole(UsersById[accountId], resourceId, roleId); }
        }

        public void AssignGroupRole(string groupId, string resourceId, string roleId)
        {
            lock (Sync) { Changed(); GrantGroupRole(GroupsById[groupId], resourceId, roleId); }
        }

        /// <summary>Sets how many users may hold atlassian/user on a workspace (null = unlimited).</summary>
        public void SetSeatLimit(string resourceId, int? seatLimit)
        {
            lock (Sync) { Changed(); Resource(resourceId).SeatLimit = seatLimit; }
        }

        // ---------- accounts ----------

        internal bool IsVerifiedDomain(string email)
        {
            int at = email?.LastIndexOf('@') ?? -1;
            if (at < 0) return false;
            var domain = email.Substring(at + 1);
            return DomainList.Any(d => d.ClaimStatus == "verified" && string.Equals(d.Name, domain, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Creates an account that is not (yet) in the org.</summary>
        internal UserRecord CreateAccount(string email, string name)
        {
            var u = new UserRecord
            {
                AccountId = NewAccountId(),
                Email = email,
                Name = name ?? NameFromEmail(email),
                InOrg = false,
                AddedToOrg = DateTimeOffset.UtcNow,
                Managed = IsVerifiedDomain(email),
            };
            u.Nickname = u.Name.Split(' ')[0].ToLowerInvariant();
            u.Picture = "https://avatar-management.services.atlassian.com/default/48";
            AccountsByEmail[email] = u;
            AccountsById[u.AccountId] = u;
            return u;
        }

        internal static string NameFromEmail(string email)
        {
            var local = email.Split('@')[0];
            return string.Join(" ", local.Split('.', '_', '-').Where(p => p.Length > 0)
                .Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        /// <summary>Puts an account into a directory of the org (appended to the listing order).</summary>
        internal void JoinOrg(UserRecord u, string directoryId)
        {
            u.DirectoryIds.Add(directoryId);
            if (u.InOrg) return;
            u.InOrg = true;
            u.Seq = NextSeq++;
            u.AddedToOrg = u.AddedToOrg == default ? DateTimeOffset.UtcNow : u.AddedToOrg;
            UserList.Add(u);
            UsersById[u.AccountId] = u;
        }

        /// <summary>Removes the user from one directory ("-" = all); leaving the last one drops memberships and roles.</summary>
        internal void RemoveFromDirectory(UserRecord u, string directoryId)
        {
            if (directoryId == "-") u.DirectoryIds.Clear(); else u.DirectoryIds.Remove(directoryId);
            foreach (var gid in u.GroupIds.ToList())
            {
                var g = GroupsById[gid];
                if (!u.DirectoryIds.Contains(g.DirectoryId)) RemoveMembership(g, u);
            }
            if (u.DirectoryIds.Count > 0) return;
            u.DirectRoles.Clear();
            u.Suspended = false;
            u.InOrg = false;
            int i = IndexAfter(UserList, x => x.Seq, u.Seq - 1);
            if (i < UserList.Count && UserList[i] == u) UserList.RemoveAt(i); else UserList.Remove(u);
            UsersById.Remove(u.AccountId);
            RemoveJiraActors(u.AccountId, null);
        }

        // ---------- groups ----------

        internal GroupRecord CreateGroup(string name, string description, string directoryId, bool externalSynced)
        {
            var g = new GroupRecord
            {
                Seq = NextSeq++, Id = NewUuid(), Name = name, Description = description, DirectoryId = directoryId,
                ExternalSynced = externalSynced, ManagedBy = externalSynced ? "external" : "admins",
            };
            GroupList.Add(g);
            GroupsById[g.Id] = g;
            return g;
        }

        internal void DeleteGroup(GroupRecord g)
        {
            foreach (var accountId in g.Members)
                if (UsersById.TryGetValue(accountId, out var u)) u.GroupIds.Remove(g.Id);
            GroupList.Remove(g);
            GroupsById.Remove(g.Id);
            RemoveJiraActors(null, g.Id);
        }

        internal bool AddMembership(GroupRecord g, UserRecord u)
        {
            if (!g.MemberSet.Add(u.AccountId)) return false;
            g.Members.Add(u.AccountId);
            u.GroupIds.Add(g.Id);
            return true;
        }

        internal bool RemoveMembership(GroupRecord g, UserRecord u)
        {
            if (!g.MemberSet.Remove(u.AccountId)) return false;
            g.Members.Remove(u.AccountId);
            u.GroupIds.Remove(g.Id);
            return true;
        }

        // ---------- roles ----------

        internal RoleCheck ValidateRole(string resourceId, string roleId, bool forGroup)
        {
            if (roleId == "atlassian/org-admin" && (string.IsNullOrEmpty(resourceId) || resourceId == OrgResourceId))
                return forGroup ? RoleCheck.InvalidRole : RoleCheck.Ok;
            var r = Resource(resourceId);
            if (r == null) return RoleCheck.InvalidResource;
            if (roleId == null || !r.Roles.Contains(roleId)) return RoleCheck.InvalidRole;
            if (!forGroup && r.GroupOnlyRoles.Contains(roleId)) return RoleCheck.InvalidRole;
            if (!r.Licensed && roleId != "atlassian/admin") return RoleCheck.NotLicensed;
            return RoleCheck.Ok;
        }

        /// <summary>Normalises the org-admin resource (it may be sent without one).</summary>
        internal string RoleResource(string resourceId, string roleId) =>
            roleId == "atlassian/org-admin" && string.IsNullOrEmpty(resourceId) ? OrgResourceId : resourceId;

        /// <summary>True if granting atlassian/user on the resource to these users would exceed its seat limit.</summary>
        internal bool SeatsExceeded(string resourceId, string roleId, IEnumerable<UserRecord> newHolders)
        {
            var r = Resource(resourceId);
            if (r?.SeatLimit == null || roleId != "atlassian/user") return false;
            var added = newHolders.Where(u => !HasRole(u, resourceId, roleId)).Select(u => u.AccountId).Distinct().Count();
            if (added == 0) return false;
            return SeatsUsed(resourceId) + added > r.SeatLimit.Value;
        }

        internal int SeatsUsed(string resourceId) => UserList.Count(u => HasRole(u, resourceId, "atlassian/user"));

        internal bool GrantUserRole(UserRecord u, string resourceId, string roleId)
        {
            var role = new RoleRef(RoleResource(resourceId, roleId), roleId);
            if (u.DirectRoles.Contains(role)) return false;
            u.DirectRoles.Add(role);
            return true;
        }

        internal bool RevokeUserRole(UserRecord u, string resourceId, string roleId) =>
            u.DirectRoles.Remove(new RoleRef(RoleResource(resourceId, roleId), roleId));

        internal bool GrantGroupRole(GroupRecord g, string resourceId, string roleId)
        {
            var role = new RoleRef(resourceId, roleId);
            if (g.Roles.Contains(role)) return false;
            g.Roles.Add(role);
            return true;
        }

        internal bool RevokeGroupRole(GroupRecord g, string resourceId, string roleId) => g.Roles.Remove(new RoleRef(resourceId, roleId));

        // ---------- audit ----------

        /// <summary>Records an audit event performed by the API key owner. Context items are (id, type) pairs.</summary>
        internal EventRecord Record(string action, params (string id, string type)[] context)
        {
            var owner = KeyOwner;
            var e = new EventRecord
            {
                Seq = NextSeq++, Id = NewUuid(), Time = DateTimeOffset.UtcNow, Action = action,
                ActorId = ApiKeyOwnerAccountId, ActorName = owner?.Name ?? "Organization API key",
            };
            e.ProcessedAt = e.Time;
            foreach (var (id, type) in context) e.Context.Add(new KeyValuePair<string, string>(id, type));
            EventList.Add(e);
            return e;
        }
    }
}
