using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Seed;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox
{
    /// <summary>
    /// The emulator's in-memory org + Jira site. Thread-safe through one lock (<see cref="Sync"/>), which route
    /// handlers also hold for a whole request so each request is atomic. Seeded deterministically from the options.
    /// </summary>
    public sealed partial class SandboxStore
    {
        internal readonly object Sync = new object();
        internal readonly Random Ids;   // ids created after seeding are deterministic too

        // Users in the org, ordered by Seq so cursors can resume by binary search.
        internal readonly List<UserRecord> UserList = new List<UserRecord>();
        internal readonly Dictionary<string, UserRecord> UsersById = new Dictionary<string, UserRecord>(StringComparer.Ordinal);
        // Every known account, in the org or not (removed users keep their id when re-invited), by lower-case email.
        internal readonly Dictionary<string, UserRecord> AccountsByEmail = new Dictionary<string, UserRecord>(StringComparer.OrdinalIgnoreCase);
        internal readonly Dictionary<string, UserRecord> AccountsById = new Dictionary<string, UserRecord>(StringComparer.Ordinal);
        internal readonly List<GroupRecord> GroupList = new List<GroupRecord>();
        internal readonly Dictionary<string, GroupRecord> GroupsById = new Dictionary<string, GroupRecord>(StringComparer.Ordinal);
        internal readonly List<ResourceRecord> ResourceList = new List<ResourceRecord>();
        internal readonly List<DirectoryRecord> DirectoryList = new List<DirectoryRecord>();
        internal readonly List<DomainRecord> DomainList = new List<DomainRecord>();
        internal readonly List<EventRecord> EventList = new List<EventRecord>();
        internal long NextSeq = 1;

        internal SandboxStore(SandboxOptions options)
        {
            Options = options ?? new SandboxOptions();
            Ids = new Random(unchecked(Options.Seed * 7919 + 17));
            Now = DateTimeOffset.UtcNow;
            Seeder.Seed(this, Options);
        }

        internal SandboxOptions Options { get; }
        /// <summary>Creation time; seeded dates are relative to this day.</summary>
        internal DateTimeOffset Now { get; }

        public string OrgId { get; internal set; }
        public string OrgName { get; internal set; }
        /// <summary>The primary (seeded) directory.</summary>
        public string DirectoryId { get; internal set; }
        public string ApiKeyOwnerAccountId { get; internal set; }
        /// <summary>The Jira/Confluence cloud site id used in the ARIs.</summary>
        public string SiteId { get; internal set; }
        public string JiraResourceId => "ari:cloud:jira::site/" + SiteId;
        public string ConfluenceResourceId => "ari:cloud:confluence::site/" + SiteId;
        public string ServiceDeskResourceId => "ari:cloud:jira-servicedesk::site/" + SiteId;
        public string PlatformSiteResourceId => "ari:cloud:platform::site/" + SiteId;
        // (unverified) resource id used for the org-level role atlassian/org-admin.
        public string OrgResourceId => "ari:cloud:platform::org/" + OrgId;

        // ---------- queries (snapshots) ----------

        public IReadOnlyList<SandboxUser> Users() { lock (Sync) return UserList.Select(ToSnapshot).ToList(); }

        public SandboxUser FindUser(string accountId)
        {
            lock (Sync) return accountId != null && UsersById.TryGetValue(accountId, out var u) ? ToSnapshot(u) : null;
        }

        public SandboxUser FindUserByEmail(string email)
        {
            lock (Sync) return email != null && AccountsByEmail.TryGetValue(email, out var u) && u.InOrg ? ToSnapshot(u) : null;
        }

        public IReadOnlyList<SandboxGroup> Groups() { lock (Sync) return GroupList.Select(ToSnapshot).ToList(); }

        public SandboxGroup FindGroup(string id)
        {
            lock (Sync) return id != null && GroupsById.TryGetValue(id, out var g) ? ToSnapshot(g) : null;
        }

        public SandboxGroup FindGroupByName(string name)
        {
            lock (Sync) { var g = GroupByName(name); return g == null ? null : ToSnapshot(g); }
        }

        /// <summary>The directory and site have caught up (<see cref="SandboxOptions.JiraCreateGroupNotReadBack"/>, <see cref="CreateGroupAnswer.NoContentNotListedYet"/>): every listing shows every group.</summary>
        public void CatchUpGroupListings()
        {
            lock (Sync) foreach (var g in GroupList) g.NotYetListed = false;
        }

        public IReadOnlyList<string> GroupMembers(string groupId)
        {
            lock (Sync) return GroupsById.TryGetValue(groupId, out var g) ? g.Members.ToList() : new List<string>();
        }

        /// <summary>Direct role assignments of a user.</summary>
        public IReadOnlyList<SandboxRoleAssignment> UserRoles(string accountId)
        {
            lock (Sync)
                return UsersById.TryGetValue(accountId, out var u) ? u.DirectRoles.Select(r => ToSnapshot(r, null)).ToList() : new List<SandboxRoleAssignment>();
        }

        public IReadOnlyList<SandboxRoleAssignment> GroupRoles(string groupId)
        {
            lock (Sync)
                return GroupsById.TryGetValue(groupId, out var g) ? g.Roles.Select(r => ToSnapshot(r, g.Id)).ToList() : new List<SandboxRoleAssignment>();
        }

        /// <summary>Direct ∪ group-granted roles, one entry per (resource, role); GroupId is null when a direct grant exists.</summary>
        public IReadOnlyList<SandboxRoleAssignment> EffectiveRoles(string accountId)
        {
            lock (Sync)
            {
                if (!UsersById.TryGetValue(accountId, out var u)) return new List<SandboxRoleAssignment>();
                var seen = new HashSet<RoleRef>();
                var result = new List<SandboxRoleAssignment>();
                foreach (var (role, groupId) in EffectiveRoleRefs(u))
                    if (seen.Add(role)) result.Add(ToSnapshot(role, groupId));
                return result;
            }
        }

        public IReadOnlyList<SandboxWorkspace> Workspaces()
        {
            lock (Sync)
                return ResourceList.Where(r => r.IsWorkspace).Select(r => new SandboxWorkspace
                {
                    Id = r.Id, Name = r.Name, TypeKey = r.TypeKey, HostUrl = r.HostUrl, ProductKey = r.ProductKey, Status = r.Status,
                    SeatLimit = r.SeatLimit, Licensed = r.Licensed, Roles = r.Roles.OrderBy(x => x).ToList(), GroupOnlyRoles = r.GroupOnlyRoles.ToList(),
                }).ToList();
        }

        /// <summary>Audit events, oldest first.</summary>
        public IReadOnlyList<SandboxEvent> Events()
        {
            lock (Sync)
                return EventList.Select(e => new SandboxEvent
                {
                    Id = e.Id, Time = e.Time, Action = e.Action, ActorId = e.ActorId, Context = e.Context.ToList(),
                }).ToList();
        }

        public IReadOnlyList<SandboxDirectory> Directories()
        {
            lock (Sync) return DirectoryList.Select(d => new SandboxDirectory { Id = d.Id, Name = d.Name }).ToList();
        }

        public IReadOnlyList<SandboxDomain> Domains()
        {
            lock (Sync) return DomainList.Select(d => new SandboxDomain { Id = d.Id, Name = d.Name, ClaimStatus = d.ClaimStatus }).ToList();
        }

        // ---------- internal helpers shared by routes and seeding ----------

        internal string NewUuid()
        {
            var bytes = new byte[16];
            Ids.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 nibble (Guid byte order)
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes).ToString();
        }

        internal string NewAccountId()
        {
            // Atlassian ids come in two shapes: legacy 24-hex and "712020:<uuid>".
            if (Ids.Next(3) == 0)
            {
                var bytes = new byte[12];
                Ids.NextBytes(bytes);
                return string.Concat(bytes.Select(b => b.ToString("x2")));
            }
            return "712020:" + NewUuid();
        }

        internal GroupRecord GroupByName(string name)
        {
            if (name == null) return null;
            foreach (var g in GroupList)
                if (string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)) return g;
            return null;
        }

        internal ResourceRecord Resource(string id)
        {
            if (id == null) return null;
            foreach (var r in ResourceList)
                if (string.Equals(r.Id, id, StringComparison.Ordinal)) return r;
            return null;
        }

        internal UserRecord KeyOwner => UsersById.TryGetValue(ApiKeyOwnerAccountId, out var u) ? u : null;

        internal IEnumerable<(RoleRef role, string groupId)> EffectiveRoleRefs(UserRecord u)
        {
            foreach (var r in u.DirectRoles) yield return (r, null);
            foreach (var gid in u.GroupIds.OrderBy(x => x, StringComparer.Ordinal))
                if (GroupsById.TryGetValue(gid, out var g))
                    foreach (var r in g.Roles) yield return (r, g.Id);
        }

        internal bool HasRole(UserRecord u, string resourceId, string roleId)
        {
            foreach (var (r, _) in EffectiveRoleRefs(u))
                if (r.ResourceId == resourceId && (roleId == null || r.RoleId == roleId)) return true;
            return false;
        }

        internal bool HasAnyRoleOn(UserRecord u, string resourceId) => HasRole(u, resourceId, null);

        /// <summary>Binary search of the first index in an ascending-Seq list with Seq &gt; afterSeq.</summary>
        internal static int IndexAfter<T>(IReadOnlyList<T> list, Func<T, long> key, long afterSeq)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (key(list[mid]) <= afterSeq) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        // ---------- snapshots ----------

        internal SandboxUser ToSnapshot(UserRecord u) => new SandboxUser
        {
            AccountId = u.AccountId, AccountType = u.AccountType, Email = u.Email, Name = u.Name, Nickname = u.Nickname,
            Status = u.Status, AccountStatus = u.AccountStatus, MembershipStatus = u.MembershipStatus, ClaimStatus = u.ClaimStatus,
            Managed = u.Managed, EmailVerified = u.EmailVerified, MfaEnabled = u.MfaEnabled, JobTitle = u.JobTitle, Department = u.Department,
            Zoneinfo = u.Zoneinfo, Locale = u.Locale, AddedToOrg = u.AddedToOrg,
            LastActive = new Dictionary<string, DateTimeOffset?>(u.LastActive),
            LastActiveAny = u.LastActive.Values.Where(v => v.HasValue).Select(v => v.Value).DefaultIfEmpty().Max() is var m && m != default ? m : (DateTimeOffset?)null,
            Deactivated = u.Deactivated, PendingDeletion = u.PendingDeletion,
            DirectoryIds = u.DirectoryIds.OrderBy(x => x).ToList(), GroupIds = u.GroupIds.OrderBy(x => x).ToList(), ApiTokenCount = u.ApiTokens.Count,
            ManagementSource = u.ManagementSource,
        };

        internal SandboxGroup ToSnapshot(GroupRecord g) => new SandboxGroup
        {
            Id = g.Id, Name = g.Name, Description = g.Description, DirectoryId = g.DirectoryId, ExternalSynced = g.ExternalSynced,
            ManagedBy = g.ManagedBy, MemberCount = g.Members.Count,
        };

        internal SandboxRoleAssignment ToSnapshot(RoleRef r, string groupId) => new SandboxRoleAssignment
        {
            ResourceId = r.ResourceId, RoleId = r.RoleId, GroupId = groupId, ResourceOwner = Resource(r.ResourceId)?.Owner,
        };
    }
}
