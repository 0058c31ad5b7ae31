using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    public class WorkspaceTests
    {
        [Fact]
        public async Task Lists_workspaces_with_aris_and_filters_by_product_name_and_url()
        {
            await using var s = await ConnectedSession.StartAsync();
            var expected = s.Emulator.Store.Workspaces();
            var all = s.Run("Get-AtlassianWorkspace");
            Assert.False(all.HadErrors, all.ErrorText);
            Assert.Equal(expected.Select(w => w.Id).OrderBy(x => x), all.Output.Select(o => (string)o.Properties["Id"].Value).OrderBy(x => x));

            var jira = expected.First(w => w.Id.StartsWith("ari:cloud:jira"));
            var byProduct = s.Run($"Get-AtlassianWorkspace -Product '{jira.TypeKey}'");
            Assert.All(byProduct.Output, o => Assert.Equal(jira.TypeKey, o.Properties["Product"].Value));
            var byUrl = s.Run($"Get-AtlassianWorkspace -Name 'https://{jira.HostUrl}/' -Product '{jira.TypeKey}'");
            Assert.Equal(jira.Id, byUrl.Output.Single().Properties["Id"].Value);
            // Cached per connection: a second listing sends nothing.
            s.Emulator.Stats.Reset();
            s.Run("Get-AtlassianWorkspace -Name '*'");
            Assert.Equal(0, s.Emulator.Stats.Requests);
        }
    }
}
