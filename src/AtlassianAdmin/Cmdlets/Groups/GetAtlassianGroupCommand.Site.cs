using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Jira;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Groups
{
    /// <summary>
    /// The Jira-site side of Get-AtlassianGroup: used with -Site, or when the connection has no org API key. Reads
    /// <c>GET /group/bulk</c> (and <c>GET /user/groups</c> for a user's groups) and writes <see cref="JiraGroup"/> objects,
    /// whose GroupId/Name bind to -Group of the other group cmdlets.
    /// </summary>
    public sealed partial class GetAtlassianGroupCommand
    {
        /// <summary>Read the connection's Jira site groups instead of org directory groups.</summary>
        [Parameter]
        public SwitchParameter Site { get; set; }

        private bool? _useSite;
        private bool UseSite => _useSite ?? (_useSite = Site.IsPresent || !ActiveConnection.HasOrganization).Value;
        private SiteDirectory _siteDirectory;

        protected override void Begin()
        {
            if (!UseSite) return;
            _ = JiraApi;
            SiteGroupSupport.RejectOrgOnlyParameters(this, nameof(DirectoryId));
            _siteDirectory = new SiteDirectory(ActiveConnection);
        }

        private void ProcessSite()
        {
            var jira = JiraApi;
            switch (ParameterSetName)
            {
                case IdSet:
                    var ids = (GroupId ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    foreach (var bad in ids.Where(i => !Identifiers.IsIdToken(i)).ToList())
                    {
                        WriteItemError(new ItemNotFoundException($"'{UserInput.Show(bad)}' is not a group id (a UUID such as 3f0b7c2e-…)."), bad, "GroupNotFound", ErrorCategory.ObjectNotFound);
                        ids.Remove(bad);
                    }
                    if (ids.Count == 0) return;
                    var found = EmitSite(jira.ListGroups(ids, null, CancellationToken), _ => true);
                    foreach (var id in ids.Where(i => !found.Contains(i)))
                        WriteItemError(new ItemNotFoundException($"The Jira site has no group with id '{UserInput.Show(id)}'."), id, "GroupNotFound", ErrorCategory.ObjectNotFound);
                    break;
                case UserSet:
                    JiraUser user;
                    try
                    {
                        var (accountId, email) = SiteDirectory.ParseUser(AccountId, Email, null);
                        if (accountId == null && email == null)
                        {
                            WriteItemError(new ArgumentException("The input has neither an AccountId nor an Email value."), null, "UserIdentityMissing", ErrorCategory.InvalidArgument);
                            return;
                        }
                        user = Await(_siteDirectory.ResolveUserAsync(accountId, email, CancellationToken));
                    }
                    catch (ItemFailedException e)
                    {
                        WriteItemError(e, (object)Email ?? AccountId, e.ErrorId, e.Category);
                        return;
                    }
                    EmitSite(Await(jira.GetUserGroupsAsync(user.AccountId, CancellationToken)), _ => true);
                    break;
                default:
                    var filter = NameFilter.For(Name);
                    IEnumerable<JiraGroup> groups;
                    if (!string.IsNullOrEmpty(Name) && !WildcardPattern.ContainsWildcardCharacters(Name))
                    {
                        Identifiers.RequireGroupName(Name);
                        groups = jira.ListGroups(null, new[] { Name }, CancellationToken);
                        filter = n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase);
                    }
                    else
                    {
                        if (PagingParameters.IncludeTotalCount && string.IsNullOrEmpty(Name))
                            WriteObject(PagingParameters.NewTotalCount((ulong)Await(jira.CountGroupsAsync(CancellationToken)), 1.0));
                        groups = jira.ListGroups(null, null, CancellationToken);
                    }
                    EmitSite(groups, filter);
                    break;
            }
        }

        private HashSet<string> EmitSite(IEnumerable<JiraGroup> groups, Func<string, bool> filter)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var resolver = SiteGroupResolver.For(ActiveConnection);
            foreach (var g in groups)
            {
                resolver.Remember(g);
                if (!filter(g.Name)) continue;
                seen.Add(g.GroupId);
                if (!WritePaged(g)) break;
            }
            return seen;
        }
    }
}
