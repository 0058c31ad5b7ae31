using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>Product access report and licence summary, checked against figures computed from the emulator's seeded state.</summary>
    public class ReportTests
    {
        private const string Search = "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search";
        private const string LastActiveDates = "GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates";
        private static readonly HashSet<string> Billable = new HashSet<string> { "atlassian/user", "atlassian/admin", "atlassian/basic", "atlassian/contributor" };

        /// <summary>Expected rows: (accountId, resourceId, roles, billable, lastActive, daysInactive) from the store.</summary>
        private static List<Expected> ExpectedRows(SandboxStore store)
        {
            var workspaces = store.Workspaces().ToDictionary(w => w.Id);
            var today = DateTime.UtcNow.Date;
            var rows = new List<Expected>();
            foreach (var u in store.Users())
                foreach (var byResource in store.EffectiveRoles(u.AccountId).Where(r => workspaces.ContainsKey(r.ResourceId)).GroupBy(r => r.ResourceId))
                {
                    var ws = workspaces[byResource.Key];
                    var roles = byResource.Select(r => r.RoleId).Where(Billable.Contains).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
                    var la = u.LastActive.TryGetValue(ws.ProductKey, out var d) && d.HasValue ? d.Value.UtcDateTime.Date : (DateTime?)null;
                    rows.Add(new Expected
                    {
                        AccountId = u.AccountId, ResourceId = ws.Id, Product = ws.ProductKey, Status = u.Status, Roles = string.Join(", ", roles),
                        Billable = u.Status == "active" && roles.Any(Billable.Contains), LastActive = la,
                        DaysInactive = (int)(today - (la ?? u.AddedToOrg.UtcDateTime.Date)).TotalDays,
                    });
                }
            return rows;
        }

        private static string Key(string accountId, string resourceId) => accountId + "|" + resourceId;
        private static T P<T>(PSObject o, string name) => (T)o.Properties[name].Value;

        [Fact]
        public async Task Report_rows_match_seeded_access_with_role_and_resource_searches_and_no_per_user_calls()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 250, EventsRateLimitPerMinute = 0 });
            var rows = ExpectedRows(s.Emulator.Store);
            var expected = rows.ToDictionary(e => Key(e.AccountId, e.ResourceId));
            s.Emulator.Stats.Reset();
            var r = s.Run("Get-AtlassianProductAccess");
            Assert.False(r.HadErrors, r.ErrorText);
            var routes = s.Emulator.Stats.ByRoute();
            // Per workspace: the access listing (100 per page) plus one listing per seat-taking role (C3).
            var workspaces = s.Emulator.Store.Workspaces();
            long bound = workspaces.Sum(w => (rows.Count(e => e.ResourceId == w.Id) + 99) / 100 + 1 + 4 * ((rows.Count(e => e.ResourceId == w.Id) + 99) / 100 + 1));
            Assert.InRange(routes[Search], workspaces.Count * 5, bound);
            Assert.False(routes.ContainsKey(LastActiveDates));         // lastActiveTimestamp is in the expansion
            Assert.DoesNotContain(routes.Keys, k => k.Contains("role-assignments"));

            Assert.Equal(expected.Count, r.Output.Count);
            foreach (var o in r.Output)
            {
                var e = expected[Key(P<string>(o, "AccountId"), P<string>(o, "ResourceId"))];
                Assert.Equal(e.Product, P<string>(o, "Product"));
                Assert.Equal(e.Status, P<string>(o, "Status"));
                Assert.Equal(e.Roles, P<string>(o, "Roles"));
                Assert.Equal(e.Billable, P<bool>(o, "Billable"));
                Assert.Equal(e.LastActive, P<DateTime?>(o, "LastActive"));
                Assert.Equal(e.DaysInactive, P<int?>(o, "DaysInactive"));
            }
            // Counts per product agree.
            var perProduct = r.Output.GroupBy(o => P<string>(o, "Product")).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(expected.Values.GroupBy(e => e.Product).ToDictionary(g => g.Key, g => g.Count()), perProduct);
            // Flat for Export-Csv: every property is a string, a number, a bool or a date.
            foreach (var prop in r.Output[0].Properties)
            {
                var v = prop.Value;
                Assert.True(v == null || v is string || v is bool || v is int || v is DateTime || v is DateTimeOffset, prop.Name + " is " + v.GetType());
            }
        }

        [Fact]
        public async Task One_pipeline_answers_who_has_jira_and_has_not_used_it_for_90_days()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 120, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var expected = ExpectedRows(store).Where(e => e.ResourceId == store.JiraResourceId && e.DaysInactive >= 90).Select(e => e.AccountId).OrderBy(x => x).ToList();
            Assert.NotEmpty(expected);
            s.Emulator.Stats.Reset();
            var r = s.Run("Get-AtlassianProductAccess -Product jira -InactiveDays 90 | ForEach-Object { $_.AccountId }");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(expected, r.Output.Select(o => (string)o.BaseObject).OrderBy(x => x));
            // Narrowed to the Jira workspace server-side: its access listing plus one listing per seat-taking role.
            var jiraRows = ExpectedRows(store).Count(e => e.ResourceId == store.JiraResourceId);
            Assert.InRange(s.Emulator.Stats.ByRoute()[Search], 5, 5 * ((jiraRows + 99) / 100));

            // A lower threshold finds at least as many; a huge one finds nobody.
            var thirty = s.Run("Get-AtlassianProductAccess -Product Jira -InactiveDays 30").Output.Count;
            Assert.Equal(ExpectedRows(store).Count(e => e.ResourceId == store.JiraResourceId && e.DaysInactive >= 30), thirty);
            Assert.Empty(s.Run("Get-AtlassianProductAccess -Product jira -InactiveDays 99999").Output);
        }

        [Fact]
        public async Task Suspended_users_who_still_hold_product_roles_and_billable_seats_per_product()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 150, EventsRateLimitPerMinute = 0 });
            var rows = ExpectedRows(s.Emulator.Store);
            var suspended = s.Run("Get-AtlassianProductAccess -Status suspended");
            Assert.False(suspended.HadErrors, suspended.ErrorText);
            Assert.Equal(rows.Where(e => e.Status == "suspended").Select(e => Key(e.AccountId, e.ResourceId)).OrderBy(x => x),
                suspended.Output.Select(o => Key(P<string>(o, "AccountId"), P<string>(o, "ResourceId"))).OrderBy(x => x));
            Assert.All(suspended.Output, o => Assert.False(P<bool>(o, "Billable")));   // suspension stops billing

            var billable = s.Run("Get-AtlassianProductAccess -Billable");
            var perProduct = billable.Output.GroupBy(o => P<string>(o, "Product")).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(rows.Where(e => e.Billable).GroupBy(e => e.Product).ToDictionary(g => g.Key, g => g.Count()), perProduct);
            Assert.Equal(rows.Count(e => !e.Billable), s.Run("Get-AtlassianProductAccess -Billable:$false").Output.Count);

            var summary = s.Run("Get-AtlassianLicenseSummary -InactiveDays 60");
            Assert.False(summary.HadErrors, summary.ErrorText);
            foreach (var o in summary.Output)
            {
                var mine = rows.Where(e => e.ResourceId == P<string>(o, "ResourceId")).ToList();
                Assert.Equal(mine.Count, P<int>(o, "Users"));
                Assert.Equal(mine.Count(e => e.Billable), P<int>(o, "Billable"));
                Assert.Equal(mine.Count(e => e.Status == "suspended"), P<int>(o, "Suspended"));
                Assert.Equal(mine.Count(e => e.Billable && e.DaysInactive >= 60), P<int>(o, "Inactive"));
                Assert.Equal(mine.Count(e => e.Billable && e.LastActive == null), P<int>(o, "NeverActive"));
            }
            Assert.Equal(rows.Select(e => e.ResourceId).Distinct().Count(), summary.Output.Count);
        }

        [Fact]
        public async Task A_licence_holder_who_never_used_the_product_is_in_the_inactive_report()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 30, EventsRateLimitPerMinute = 0 });
            var store = s.Emulator.Store;
            var idle = store.AddUser("never.active@acme-sandbox.example", "Never Active");
            store.AssignUserRole(idle.AccountId, store.ConfluenceResourceId, "atlassian/user");   // a seat, and no activity at all

            var r = s.Run("Get-AtlassianProductAccess -Product confluence -InactiveDays 0 -Billable");

            Assert.False(r.HadErrors, r.ErrorText);
            var row = r.Output.Single(o => P<string>(o, "AccountId") == idle.AccountId);
            Assert.Null(P<DateTime?>(row, "LastActive"));
            Assert.Equal("atlassian/user", P<string>(row, "Roles"));
            var summary = s.Run("Get-AtlassianLicenseSummary -Product confluence").Output.Single();
            Assert.Equal(ExpectedRows(store).Count(e => e.ResourceId == store.ConfluenceResourceId && e.Billable && e.LastActive == null), P<int>(summary, "NeverActive"));
            Assert.True(P<int>(summary, "NeverActive") >= 1);
        }

        private sealed class Expected
        {
            public string AccountId, ResourceId, Product, Status, Roles;
            public bool Billable;
            public DateTime? LastActive;
            public int DaysInactive;
        }
    }
}

namespace AtlassianAdmin.Module.Tests
{
    public class ReportDocsTests
    {
        [Fact]
        public void Every_report_cmdlet_is_exported_and_documents_every_visible_parameter()
        {
            using var ps = new PsHarness();
            var docs = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PsHarness.ModuleManifest)!, "..", "..", "docs");
            foreach (var name in new[] { "Get-AtlassianProductAccess", "Get-AtlassianLicenseSummary", "Get-AtlassianAuditEvent", "Compare-AtlassianGroupMembership", "Sync-AtlassianGroupMembership" })
            {
                var r = ps.Run($"foreach ($p in (Get-Command {name}).Parameters.Values) {{ if (-not ($p.Attributes | Where-Object {{ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }})) {{ $p.Name }} }}");
                Assert.False(r.HadErrors, r.ErrorText);
                var page = System.IO.File.ReadAllText(System.IO.Path.Combine(docs, name + ".md"));
                var common = new HashSet<string>(Cmdlet.CommonParameters);
                foreach (var p in r.Output.Select(o => o.ToString()).Where(p => !common.Contains(p)))
                    Assert.True(page.Contains("### -" + p + "\n"), $"{name}.md does not document -{p}");
                Assert.Contains("## EXAMPLES", page);
                Assert.Contains("## RELATED LINKS", page);
            }
        }

        [Fact]
        public void Report_views_fit_120_columns()
        {
            var file = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PsHarness.ModuleManifest)!, "Formats", "Reports.Format.ps1xml");
            var xml = System.Xml.Linq.XDocument.Load(file);
            foreach (var table in xml.Descendants("TableControl"))
            {
                var widths = table.Descendants("TableColumnHeader").Select(h => (int?)h.Element("Width") ?? 0).ToList();
                Assert.True(widths.Sum() + widths.Count - 1 <= 120, string.Join("+", widths));
            }
        }
    }
}
