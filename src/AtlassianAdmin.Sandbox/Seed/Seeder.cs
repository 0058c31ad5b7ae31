using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Sandbox.Store;

namespace AtlassianAdmin.Sandbox.Seed
{
    /// <summary>Builds the deterministic starting state: org, domains, directory, workspaces, users, groups, roles, Jira site.</summary>
    internal static class Seeder
    {
        public const string VerifiedDomain = "acme-sandbox.example";
        public const string UnverifiedDomain = "acme-legacy.example";

        public static void Seed(SandboxStore s, SandboxOptions o)
        {
            var rng = new Random(o.Seed);
            var today = new DateTimeOffset(s.Now.UtcDateTime.Date, TimeSpan.Zero);

            s.OrgId = s.NewUuid();
            s.OrgName = "Acme Sandbox";
            s.SiteId = s.NewUuid();
            var dir = new DirectoryRecord { Seq = s.NextSeq++, Id = s.NewUuid(), Name = "Acme Sandbox", Icon = "https://admin.atlassian.com/static/directory.svg" };
            s.DirectoryList.Add(dir);
            s.DirectoryId = dir.Id;
            s.DomainList.Add(new DomainRecord { Seq = s.NextSeq++, Id = s.NewUuid(), Name = VerifiedDomain, ClaimType = "dns", ClaimStatus = "verified" });
            s.DomainList.Add(new DomainRecord { Seq = s.NextSeq++, Id = s.NewUuid(), Name = UnverifiedDomain, ClaimType = "http", ClaimStatus = "unverified" });

            SeedResources(s, today);
            var users = SeedUsers(s, o, rng, today);
            SeedGroups(s, rng, users);
            SeedDirectRoles(s, rng, users);
            JiraSeeder.Seed(s, rng, today);
            SeedEvents(s, rng, today, users);
        }

        private static void SeedResources(SandboxStore s, DateTimeOffset today)
        {
            var host = "acme-sandbox.atlassian.net";
            ResourceRecord Workspace(string owner, string productKey, string productName, string hostUrl, string[] roles, string[] groupOnly) =>
                new ResourceRecord
                {
                    Id = "ari:cloud:" + owner + "::site/" + s.SiteId, Owner = owner, IsWorkspace = true, Name = "acme-sandbox", TypeKey = owner,
                    HostUrl = hostUrl, ProductKey = productKey, ProductName = productName, CreatedAt = today.AddDays(-1500),
                    Roles = new HashSet<string>(roles.Concat(groupOnly)), GroupOnlyRoles = new HashSet<string>(groupOnly),
                };

            s.ResourceList.Add(Workspace("jira", "jira-software", "Jira", host,
                new[] { "atlassian/user", "atlassian/admin", "atlassian/user-access-admin", "atlassian/basic" }, new[] { "atlassian/viewer" }));
            s.ResourceList.Add(Workspace("confluence", "confluence", "Confluence", host + "/wiki",
                new[] { "atlassian/user", "atlassian/admin", "atlassian/user-access-admin", "atlassian/guest" }, new[] { "atlassian/viewer" }));
            s.ResourceList.Add(Workspace("jira-servicedesk", "jira-servicedesk", "Jira Service Management", host,
                new[] { "atlassian/user", "atlassian/admin", "atlassian/user-access-admin", "atlassian/customer", "atlassian/stakeholder" }, new string[0]));
            // An expired trial: admins can still be granted, product access gives ADMIN-UAM-400-4.
            var jpd = Workspace("jira-product-discovery", "jira-product-discovery", "Jira Product Discovery", host,
                new[] { "atlassian/user", "atlassian/admin", "atlassian/contributor" }, new string[0]);
            jpd.Licensed = false;
            s.ResourceList.Add(jpd);
            s.ResourceList.Add(new ResourceRecord
            {
                Id = s.PlatformSiteResourceId, Owner = "platform", Name = "acme-sandbox", ProductKey = "platform", ProductName = "Atlassian platform",
                HostUrl = host, Roles = new HashSet<string> { "atlassian/site-admin" },
            });
            s.ResourceList.Add(new ResourceRecord
            {
                Id = s.OrgResourceId, Owner = "platform", Name = s.OrgName, ProductKey = "platform", ProductName = "Organization",
                Roles = new HashSet<string> { "atlassian/org-admin" },
            });
        }

        private static List<UserRecord> SeedUsers(SandboxStore s, SandboxOptions o, Random rng, DateTimeOffset today)
        {
            var users = new List<UserRecord>(Math.Max(1, o.UserCount));
            var usedEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < Math.Max(1, o.UserCount); i++)
            {
                string first, last, email;
                bool external = false;
                if (i == 0)
                {
                    first = "Sandbox"; last = "Admin"; email = "admin@" + VerifiedDomain;
                }
                else
                {
                    first = Names.First[rng.Next(Names.First.Length)];
                    last = Names.Last[rng.Next(Names.Last.Length)];
                    external = rng.NextDouble() < 0.05;
                    var domain = external ? Names.ExternalDomains[rng.Next(Names.ExternalDomains.Length)] : VerifiedDomain;
                    var local = (first + "." + last).ToLowerInvariant();
                    email = local + "@" + domain;
                    for (int n = 2; usedEmails.Contains(email); n++) email = local + n + "@" + domain;
                }
                usedEmails.Add(email);

                var u = s.CreateAccount(email, first + " " + last);
                u.Nickname = i == 0 ? "admin" : first.ToLowerInvariant();
                u.Department = Names.Departments[rng.Next(Names.Departments.Length)];
                u.JobTitle = i == 0 ? "IT Administrator" : Names.Titles[rng.Next(Names.Titles.Length)];
                u.Zoneinfo = Names.Zones[rng.Next(Names.Zones.Length)];
                u.MfaEnabled = i == 0 || rng.NextDouble() < 0.6;
                u.ManagementSource = external ? "invited" : (rng.NextDouble() < 0.5 ? "invited" : "domain_claim");
                u.Organization = "Acme";
                u.Location = u.Zoneinfo.Split('/')[1].Replace('_', ' ');
                s.JoinOrg(u, s.DirectoryId);
                u.AddedToOrg = today.AddDays(-(200 + rng.Next(1300))).AddMinutes(rng.Next(24 * 60));

                double roll = rng.NextDouble();
                if (i > 0 && roll < 0.08) u.Suspended = true;
                else if (i > 0 && !external && roll < 0.11) u.Deactivated = true;

                bool neverActive = i > 0 && rng.NextDouble() < 0.05;
                u.LastActive["jira-software"] = i == 0 ? today : neverActive || rng.NextDouble() < 0.08 ? (DateTimeOffset?)null : Recent(rng, today);
                u.LastActive["confluence"] = neverActive || rng.NextDouble() < 0.2 ? (DateTimeOffset?)null : Recent(rng, today);

                if (u.Managed)
                    for (int t = rng.Next(3); t > 0; t--)
                    {
                        var created = today.AddDays(-rng.Next(300));
                        u.ApiTokens.Add(new ApiTokenRecord
                        {
                            Id = s.NewUuid(), Label = t == 1 ? "automation" : "cli", CreatedAt = created,
                            LastAccess = rng.NextDouble() < 0.7 ? created.AddDays(rng.Next(30)) : (DateTimeOffset?)null, ExpiresAt = created.AddDays(365),
                        });
                    }
                users.Add(u);
            }
            s.ApiKeyOwnerAccountId = users[0].AccountId;
            // One account provisioned by the identity provider (SCIM): its lifecycle belongs to the IdP. The last managed
            // user, so that small sandboxes and the early users other scenarios pick stay plain.
            var scim = users.Count >= 20 ? users.LastOrDefault(x => x.Managed && x.IsActive) : null;
            if (scim != null) scim.ManagementSource = "synced";
            return users;
        }

        private static DateTimeOffset Recent(Random rng, DateTimeOffset today) =>
            today.AddDays(-rng.Next(200)).AddMinutes(rng.Next(24 * 60));

        private static void SeedGroups(SandboxStore s, Random rng, List<UserRecord> users)
        {
            var jira = s.CreateGroup("jira-software-users", "Default Jira users", s.DirectoryId, false);
            var confluence = s.CreateGroup("confluence-users", "Default Confluence users", s.DirectoryId, false);
            var siteAdmins = s.CreateGroup("site-admins", "Site administrators", s.DirectoryId, false);
            var developers = s.CreateGroup("developers", "Engineering team", s.DirectoryId, false);
            var marketing = s.CreateGroup("marketing", "Marketing team", s.DirectoryId, false);
            var hr = s.CreateGroup("hr-synced", "Synced from the HR identity provider", s.DirectoryId, true);
            siteAdmins.ManagedBy = "admins";

            s.GrantGroupRole(jira, s.JiraResourceId, "atlassian/user");
            s.GrantGroupRole(confluence, s.ConfluenceResourceId, "atlassian/user");
            s.GrantGroupRole(siteAdmins, s.PlatformSiteResourceId, "atlassian/site-admin");
            s.GrantGroupRole(siteAdmins, s.JiraResourceId, "atlassian/admin");
            s.GrantGroupRole(siteAdmins, s.ConfluenceResourceId, "atlassian/admin");
            s.GrantGroupRole(developers, s.JiraResourceId, "atlassian/user");   // overlaps jira-software-users on purpose
            s.GrantGroupRole(marketing, s.ConfluenceResourceId, "atlassian/user");
            s.GrantGroupRole(hr, s.ConfluenceResourceId, "atlassian/viewer");

            for (int i = 0; i < users.Count; i++)
            {
                var u = users[i];
                if (i == 0)
                {
                    foreach (var g in new[] { jira, confluence, siteAdmins, developers }) s.AddMembership(g, u);
                    continue;
                }
                if (i == 1) s.AddMembership(siteAdmins, u);
                if (rng.NextDouble() < 0.85) s.AddMembership(jira, u);
                if (rng.NextDouble() < 0.70) s.AddMembership(confluence, u);
                if (u.Department == "Engineering" || rng.NextDouble() < 0.15) s.AddMembership(developers, u);
                if (u.Department == "Marketing" || rng.NextDouble() < 0.05) s.AddMembership(marketing, u);
                if (u.Managed && rng.NextDouble() < 0.2) s.AddMembership(hr, u);
            }
        }

        private static void SeedDirectRoles(SandboxStore s, Random rng, List<UserRecord> users)
        {
            s.GrantUserRole(users[0], s.OrgResourceId, "atlassian/org-admin");
            s.GrantUserRole(users[0], s.ServiceDeskResourceId, "atlassian/admin");
            for (int i = 1; i < users.Count; i++)
            {
                double roll = rng.NextDouble();
                if (roll < 0.05) s.GrantUserRole(users[i], s.ServiceDeskResourceId, "atlassian/user");       // agents
                else if (roll < 0.08) s.GrantUserRole(users[i], s.JiraResourceId, "atlassian/user");         // direct Jira grant
                else if (roll < 0.10) s.GrantUserRole(users[i], s.ConfluenceResourceId, "atlassian/guest");
            }
            foreach (var u in users.Where(u => s.HasRole(u, s.ServiceDeskResourceId, "atlassian/user")))
                u.LastActive["jira-servicedesk"] = u.LastActive.TryGetValue("jira-software", out var d) ? d : null;
            // JSM is a paid tier with a small agent licence: two free seats left.
            s.Resource(s.ServiceDeskResourceId).SeatLimit = s.SeatsUsed(s.ServiceDeskResourceId) + 2;
        }

        private static void SeedEvents(SandboxStore s, Random rng, DateTimeOffset today, List<UserRecord> users)
        {
            // A little history so the audit log is not empty; live mutations append after these.
            var actions = new[] { "user_added_to_group", "group_created", "user_invited", "role_granted", "user_suspended" };
            var groups = s.GroupList;
            for (int i = 0; i < 12; i++)
            {
                var action = actions[i % actions.Length];
                var u = users[rng.Next(users.Count)];
                var g = groups[rng.Next(groups.Count)];
                var e = s.Record(action, action == "group_created" ? (g.Id, "groups") : (u.AccountId, "users"));
                if (action == "user_added_to_group") e.Context.Add(new KeyValuePair<string, string>(g.Id, "groups"));
                e.Time = today.AddDays(-30 + i * 2).AddMinutes(rng.Next(600));
                e.ProcessedAt = e.Time;
            }
        }
    }
}
