using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>The output conventions of docs/about/conventions.md, checked on every cmdlet by reflection.</summary>
    public class ConventionTests
    {
        /// <summary>
        /// A listing is a Get-, Find- or Export- cmdlet: it reads and writes what it found, possibly many objects. Every
        /// listing takes -First/-Skip (SupportsPaging), except these, which write one object or a fixed summary.
        /// </summary>
        private static readonly Dictionary<string, string> NotListings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GetAtlassianConnectionCommand"] = "the session's own connection objects, no request",
            ["GetAtlassianUserCountCommand"] = "one number",
            ["GetAtlassianGroupCountCommand"] = "one number",
            ["GetAtlassianDirectoryStatisticCommand"] = "a fixed set of counters",
            ["GetAtlassianLicenseSummaryCommand"] = "one aggregate per product",
            ["ExportAtlassianAuditEventCommand"] = "an export with its own budget (-MaxEvents) and checkpoint; -Skip would leave a hole in it",
        };

        private static readonly string[] ListingVerbs = { VerbsCommon.Get, VerbsCommon.Find, VerbsData.Export };

        [Fact]
        public void Every_listing_supports_First_and_Skip()
        {
            var cmdlets = ParameterVocabularyTests.Cmdlets().ToList();
            var listings = cmdlets.Where(t => ListingVerbs.Contains(t.GetCustomAttribute<CmdletAttribute>().VerbName)).ToList();
            Assert.NotEmpty(listings);
            var missing = listings.Where(t => !NotListings.ContainsKey(t.Name) && !t.GetCustomAttribute<CmdletAttribute>().SupportsPaging).Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "Listings without SupportsPaging = true (write with AtlassianCmdlet.WritePaged): " + string.Join(", ", missing));
            // The allowlist names real cmdlets that really do not page (a stale entry would hide nothing, so it must go).
            var stale = NotListings.Keys.Where(n => !listings.Any(t => t.Name == n && !t.GetCustomAttribute<CmdletAttribute>().SupportsPaging)).ToList();
            Assert.True(stale.Count == 0, "Stale NotListings entries: " + string.Join(", ", stale));
        }

        /// <summary>New-* and Request-* write the object they create: an [OutputType] besides the -PassThru AtlassianChangeResult.</summary>
        [Fact]
        public void New_and_Request_cmdlets_declare_the_type_they_create()
        {
            var creators = ParameterVocabularyTests.Cmdlets().Where(t => t.GetCustomAttribute<CmdletAttribute>().VerbName is var v && (v == VerbsCommon.New || v == VerbsLifecycle.Request)).ToList();
            Assert.Contains(creators, t => t.Name == "NewAtlassianInvitationCommand");
            Assert.Contains(creators, t => t.Name == "RequestAtlassianProjectAccessCommand");
            var missing = creators.Where(t => !t.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Any(n => n.Type != null && n.Type.Name != "AtlassianChangeResult"))
                .Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "New-/Request- cmdlets that declare no created type (write it without -PassThru, see docs/about/conventions.md): " + string.Join(", ", missing));
        }

        /// <summary>-PassThru means one AtlassianChangeResult per item on every cmdlet that has it (Connect-AtlassianOrg's returns its connection).</summary>
        [Fact]
        public void PassThru_writes_AtlassianChangeResult()
        {
            var withPassThru = ParameterVocabularyTests.Cmdlets().Where(t => t.GetProperty("PassThru") != null && t.Name != "ConnectAtlassianOrgCommand").ToList();
            Assert.NotEmpty(withPassThru);
            var missing = withPassThru.Where(t => !t.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Any(n => n.Type?.Name == "AtlassianChangeResult")).Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "Cmdlets with -PassThru that do not declare AtlassianChangeResult: " + string.Join(", ", missing));
        }

        [Theory]
        [InlineData("Get-AtlassianProductAccess")]
        [InlineData("Get-AtlassianWorkspace")]
        [InlineData("Get-AtlassianUser | Get-AtlassianUserRole")]
        public async Task First_and_Skip_take_a_slice_of_the_listing(string listing)
        {
            await using var s = await ConnectedSession.StartAsync();
            var all = s.Run(listing);
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.True(all.Output.Count >= 4, listing + " lists " + all.Output.Count);
            var slice = s.Run(listing.Replace(" |", " -First 1000 |") + " -Skip 1 -First 2");
            Assert.False(slice.HadErrors, slice.ErrorText);
            Assert.Equal(all.Output.Skip(1).Take(2).Select(o => o.ToString()), slice.Output.Select(o => o.ToString()));
        }

        [Fact]
        public async Task IncludeTotalCount_on_a_listing_that_cannot_count_says_the_total_is_unknown()
        {
            await using var s = await ConnectedSession.StartAsync();
            var r = s.Run("Get-AtlassianWorkspace -IncludeTotalCount -First 1 | ForEach-Object { if ($_.GetType().Name -eq 'AtlassianWorkspace') { 'workspace' } else { $_.ToString() } }");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(2, r.Output.Count);
            Assert.StartsWith("Unknown total count", r.Output[0].ToString());
            Assert.Equal("workspace", r.Output[1].ToString());
        }
    }
}
