using System;
using System.Collections.Generic;
using System.Linq;
using AtlassianAdmin.Client.Roles;
using AtlassianAdmin.Models;
using Xunit;

namespace AtlassianAdmin.Client.Tests
{
    /// <summary>The one role-target resolution (users, groups, invitations), with every API quirk it knows.</summary>
    public class RoleTargetTests
    {
        private const string Site = "7a1b";
        private static readonly AtlassianWorkspace JiraListedAsAdmin = new AtlassianWorkspace { Id = "ari:cloud:jira-admin::site/" + Site, Name = "acme", Product = "jira", HostUrl = "acme.atlassian.net" };
        private static readonly AtlassianWorkspace Confluence = new AtlassianWorkspace { Id = "ari:cloud:confluence::site/" + Site, Name = "acme", Product = "confluence", HostUrl = "acme.atlassian.net/wiki" };
        private static readonly AtlassianWorkspace ServiceDesk = new AtlassianWorkspace { Id = "ari:cloud:jira-servicedesk::site/" + Site, Name = "acme", Product = "jira-servicedesk", HostUrl = "acme.atlassian.net" };
        private static readonly AtlassianWorkspace Other = new AtlassianWorkspace { Id = "ari:cloud:confluence::site/99", Name = "other", Product = "confluence", HostUrl = "other.atlassian.net" };
        private static readonly IReadOnlyList<AtlassianWorkspace> All = new[] { JiraListedAsAdmin, Confluence, ServiceDesk, Other };

        private int _listed;
        private IReadOnlyList<AtlassianWorkspace> List() { _listed++; return All; }

        private RoleTarget Resolve(string role, RoleHolder holder, string text, string product = null, AtlassianWorkspace given = null) =>
            RoleTargets.Resolve(role, holder, given, text, product, List, "org-1", "Acme Org");

        private RoleRuleError Refused(string role, RoleHolder holder, string text, string product = null) =>
            Assert.Throws<RoleRuleException>(() => Resolve(role, holder, text, product)).Code;

        [Theory]
        [InlineData(RoleHolder.User)]
        [InlineData(RoleHolder.Group)]
        public void Id_8887_a_listed_jira_admin_ari_is_sent_as_the_jira_ari(RoleHolder holder)
        {
            // By name + product, by the listed ARI, and as a piped workspace object: all three send ari:cloud:jira::.
            Assert.Equal("ari:cloud:jira::site/" + Site, Resolve("atlassian/admin", holder, "acme", "jira").ResourceId);
            Assert.Equal("ari:cloud:jira::site/" + Site, Resolve("atlassian/user", holder, JiraListedAsAdmin.Id).ResourceId);
            var piped = Resolve("atlassian/user", holder, null, given: JiraListedAsAdmin);
            Assert.Equal("ari:cloud:jira::site/" + Site, piped.ResourceId);
            Assert.Equal("acme (jira)", piped.Display);
            Assert.Equal("ari:cloud:jira::site/" + Site, RoleTargets.AssignableId(JiraListedAsAdmin.Id));
            Assert.Equal(Confluence.Id, RoleTargets.AssignableId(Confluence.Id));
        }

        [Theory]
        [InlineData(RoleHolder.User)]
        [InlineData(RoleHolder.Group)]
        public void Site_admin_goes_to_the_platform_ari_of_the_site_whichever_product_is_named(RoleHolder holder)
        {
            // "acme" names three products of one site: no ambiguity for site-admin, they share the site.
            var byName = Resolve(RoleCatalog.SiteAdmin, holder, "acme");
            Assert.Equal("ari:cloud:platform::site/" + Site, byName.ResourceId);
            Assert.Equal("acme (site)", byName.Display);
            Assert.Equal("ari:cloud:platform::site/" + Site, Resolve(RoleCatalog.SiteAdmin, holder, Confluence.Id).ResourceId);
            Assert.Equal("ari:cloud:platform::site/" + Site, Resolve(RoleCatalog.SiteAdmin, holder, null, given: JiraListedAsAdmin).ResourceId);
            Assert.Equal("ari:cloud:platform::site/" + Site, Resolve(RoleCatalog.SiteAdmin, holder, "ari:cloud:platform::site/" + Site).ResourceId);
        }

        [Fact]
        public void Org_admin_has_no_resource_for_users_reads_no_workspaces_and_is_refused_for_groups()
        {
            var target = Resolve(RoleCatalog.OrgAdmin, RoleHolder.User, null);
            Assert.Null(target.ResourceId);
            Assert.Equal("organization Acme Org", target.Display);
            Assert.Equal(0, _listed);
            Assert.Equal(RoleRuleError.InvalidRoleForResource, Refused(RoleCatalog.OrgAdmin, RoleHolder.Group, "acme"));
        }

        [Fact]
        public void Workspace_errors_are_typed_and_carry_the_candidates()
        {
            Assert.Equal(RoleRuleError.WorkspaceMissing, Refused("atlassian/user", RoleHolder.User, "  "));
            Assert.Equal(0, _listed);

            var ambiguous = Assert.Throws<RoleRuleException>(() => Resolve("atlassian/user", RoleHolder.Group, "acme"));
            Assert.Equal(RoleRuleError.AmbiguousWorkspace, ambiguous.Code);
            Assert.Equal(new[] { JiraListedAsAdmin, Confluence, ServiceDesk }, ambiguous.Candidates);

            // "jira" is a prefix of jira-servicedesk: the exact product wins.
            Assert.Equal("ari:cloud:jira::site/" + Site, Resolve("atlassian/user", RoleHolder.User, "acme.atlassian.net", "jira").ResourceId);
            Assert.Equal(ServiceDesk.Id, Resolve("atlassian/user", RoleHolder.User, "https://acme.atlassian.net/", "jira-servicedesk").ResourceId);

            var missing = Assert.Throws<RoleRuleException>(() => Resolve("atlassian/user", RoleHolder.User, "nowhere"));
            Assert.Equal(RoleRuleError.WorkspaceNotFound, missing.Code);
            Assert.Equal(All, missing.Candidates);
            Assert.Contains(Other.Id, missing.Message);

            // An ARI the list lacks goes through as given: the API validates it.
            Assert.Equal("ari:cloud:jira-software::site/" + Site, Resolve("atlassian/user", RoleHolder.User, "ari:cloud:jira-software::site/" + Site).ResourceId);
        }

        [Theory]
        [InlineData(RoleHolder.User)]
        [InlineData(RoleHolder.Group)]
        public void A_workspace_without_an_id_is_a_typed_refusal_naming_it_not_a_crash(RoleHolder holder)
        {
            // Atlassian may omit a field; an object built by hand or imported from a file may lack Id.
            var noId = new AtlassianWorkspace { Name = "lost", Product = "jira", HostUrl = "lost.atlassian.net" };
            var given = Assert.Throws<RoleRuleException>(() => Resolve("atlassian/user", holder, null, given: noId));
            Assert.Equal(RoleRuleError.WorkspaceWithoutId, given.Code);
            Assert.Contains("'lost' (jira) has no id", given.Message);
            Assert.Equal(new[] { noId }, given.Candidates);
            Assert.Equal(RoleRuleError.WorkspaceWithoutId, Assert.Throws<RoleRuleException>(() => Resolve(RoleCatalog.SiteAdmin, holder, null, given: noId)).Code);

            // Listed without an id and named by its name or host, for a product role and for site-admin.
            IReadOnlyList<AtlassianWorkspace> listed() => new[] { noId, Other };
            foreach (var role in new[] { "atlassian/user", RoleCatalog.SiteAdmin })
                foreach (var text in new[] { "lost", "https://lost.atlassian.net" })
                    Assert.Equal(RoleRuleError.WorkspaceWithoutId,
                        Assert.Throws<RoleRuleException>(() => RoleTargets.Resolve(role, holder, null, text, null, listed, "org-1", "Acme Org")).Code);
            Assert.Equal(RoleRuleError.WorkspaceWithoutId, Assert.Throws<RoleRuleException>(() => RoleTargets.ResourceFor("atlassian/user", noId)).Code);
            Assert.Equal(RoleRuleError.WorkspaceWithoutId, Assert.Throws<RoleRuleException>(() => RoleTargets.AssignableId(null)).Code);
            Assert.Equal(RoleRuleError.WorkspaceWithoutId, Assert.Throws<RoleRuleException>(() => RoleTargets.AssignableId("")).Code);

            // The other workspaces of the list still resolve.
            Assert.Equal(Other.Id, RoleTargets.Resolve("atlassian/user", holder, null, "other", null, listed, "org-1", "Acme Org").ResourceId);
        }

        [Fact]
        public void Roles_normalize_case_and_prefix_and_are_refused_with_typed_codes()
        {
            Assert.Equal("atlassian/user", RoleCatalog.Normalize(" User ", RoleHolder.User));
            Assert.Equal("atlassian/site-admin", RoleCatalog.Normalize("ATLASSIAN/SITE-ADMIN", RoleHolder.Group));
            Assert.Equal("atlassian/viewer", RoleCatalog.Normalize("viewer", RoleHolder.Group));

            Assert.Equal(RoleRuleError.RoleMissing, Assert.Throws<RoleRuleException>(() => RoleCatalog.Normalize(" ", RoleHolder.User)).Code);
            var unknown = Assert.Throws<RoleRuleException>(() => RoleCatalog.Normalize("wizard", RoleHolder.User));
            Assert.Equal(RoleRuleError.UnknownRole, unknown.Code);
            Assert.Contains("atlassian/user-access-admin", unknown.Message);
            Assert.DoesNotContain("atlassian/viewer", unknown.Message);   // the user roles only
            var groupOnly = Assert.Throws<RoleRuleException>(() => RoleCatalog.Normalize("viewer", RoleHolder.User));
            Assert.Equal(RoleRuleError.InvalidRoleForResource, groupOnly.Code);

            Assert.Equal(12, RoleCatalog.All.Count);
            Assert.Equal(RoleCatalog.All.Except(new[] { "atlassian/viewer" }), RoleCatalog.Valid(RoleHolder.User));
        }
    }
}
