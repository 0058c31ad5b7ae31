using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>New-* writes the object it creates; -PassThru writes one AtlassianChangeResult per item instead (docs/about/conventions.md).</summary>
    public class InvitationOutputTests
    {
        private static Dictionary<string, object> Vars(params (string, object)[] kv) => kv.ToDictionary(k => k.Item1, k => k.Item2);

        [Fact]
        public async Task New_AtlassianInvitation_writes_the_invitations_it_created_and_nothing_for_an_existing_user()
        {
            await using var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 10 });
            var store = s.Emulator.Store;
            var existing = store.Users()[1].Email;
            var emails = new[] { "out.one@acme-sandbox.example", existing, "out.two@partner.example" };
            var r = s.Run("$emails | New-AtlassianInvitation -Group developers", Vars(("emails", emails)));
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(2, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("AtlassianAdmin.Models.AtlassianInvitationResult", o.BaseObject.GetType().FullName));
            Assert.Equal(new[] { emails[0], emails[2] }, r.Output.Select(o => (string)o.Properties["Email"].Value));
            Assert.Equal(store.FindUserByEmail(emails[0]).AccountId, r.Output[0].Properties["Id"].Value);

            var whatIf = s.Run("New-AtlassianInvitation -Email out.three@acme-sandbox.example -WhatIf");
            Assert.Empty(whatIf.Output);
            var passThru = s.Run("New-AtlassianInvitation -Email out.four@acme-sandbox.example -PassThru");
            Assert.Equal("AtlassianAdmin.Models.AtlassianChangeResult", passThru.Output.Single().BaseObject.GetType().FullName);
        }
    }

    public class NewAtlassianUserOutputTests
    {
        [Fact]
        public async Task New_AtlassianUser_writes_the_created_user_and_the_existing_one_on_a_rerun()
        {
            await using var s = await ConnectedSession.StartSiteAsync();
            var store = s.Emulator.Store;
            var created = s.Run("New-AtlassianUser -Email made.here@acme-sandbox.example");
            Assert.False(created.HadErrors, created.ErrorText);
            var user = created.Output.Single();
            Assert.Equal("AtlassianAdmin.Models.JiraUser", user.BaseObject.GetType().FullName);
            Assert.Equal(store.FindUserByEmail("made.here@acme-sandbox.example").AccountId, user.Properties["AccountId"].Value);
            var again = s.Run("New-AtlassianUser made.here@acme-sandbox.example");
            Assert.Equal(user.Properties["AccountId"].Value, again.Output.Single().Properties["AccountId"].Value);
            var passThru = s.Run("New-AtlassianUser made.here@acme-sandbox.example -PassThru");
            Assert.Equal("AtlassianAdmin.Models.AtlassianChangeResult", passThru.Output.Single().BaseObject.GetType().FullName);
            Assert.Empty(s.Run("New-AtlassianUser -Email not.made@acme-sandbox.example -WhatIf").Output);
        }
    }
}
