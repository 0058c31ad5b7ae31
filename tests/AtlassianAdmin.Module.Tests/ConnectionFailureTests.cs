using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>A dead API (server stopped, port closed) ends a run with one clear error instead of failing every row slowly.</summary>
    public class ConnectionFailureTests
    {
        [Fact]
        public async Task A_bulk_write_against_a_stopped_server_stops_with_one_ConnectionFailed_error_that_counts_what_was_not_attempted()
        {
            const int rowCount = 5000;
            var s = await ConnectedSession.StartAsync(new SandboxOptions { UserCount = 50 });
            try
            {
                var rows = Enumerable.Range(1, rowCount).Select(i => PsHarness.Row(("group", "developers"), ("email", $"user{i}@acme-sandbox.example"))).ToList();
                await s.Server.DisposeAsync(); // the API is gone: every connection is refused

                var r = s.Run("$rows | Add-AtlassianGroupMember -PassThru", new Dictionary<string, object> { ["rows"] = rows });
                var stop = r.Terminating?.ErrorRecord ?? r.Errors.Last();
                Assert.Equal("ConnectionFailed,AtlassianAdmin.Cmdlets.Groups.AddAtlassianGroupMemberCommand".Split(',')[0], stop.FullyQualifiedErrorId.Split(',')[0]);
                Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, stop.CategoryInfo.Category);
                Assert.Contains("were not attempted", stop.Exception.Message);
                Assert.Contains("run the same input again", stop.Exception.Message);
                var notAttempted = int.Parse(System.Text.RegularExpressions.Regex.Match(stop.Exception.Message, @"so (\d+) item\(s\)").Groups[1].Value);
                // Only the first few rows (those in flight when the breaker opened) failed one by one; the rest were never tried.
                var perRow = r.Errors.Count(e => e != stop);
                Assert.True(perRow <= 64, $"{perRow} rows failed one by one before the run stopped: " + string.Join(" | ", r.Errors.Take(3).Select(e => e.FullyQualifiedErrorId + " " + e.Exception.GetType().Name + "/" + e.Exception.InnerException?.GetType().Name + ": " + e.Exception.Message)) + " LAST " + stop.Exception.Message);
                Assert.InRange(notAttempted, 1, rowCount);
                Assert.True(perRow + notAttempted <= rowCount);
                Assert.Equal(perRow, r.Output.Count);           // -PassThru: one Failed result per row that was tried
                Assert.All(r.Output, o => Assert.Equal("Failed", o.Properties["Outcome"].Value.ToString()));
            }
            finally
            {
                s.Ps.Dispose();
            }
        }

        [Fact]
        public void Connect_to_a_closed_port_fails_after_two_attempts_with_a_connection_error()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var ps = new PsHarness();
            var r = ps.Run("Connect-AtlassianOrg -ApiKey $key -ApiBaseUri $uri", new Dictionary<string, object>
            {
                ["key"] = PsHarness.Secure("any-key"), ["uri"] = new System.Uri($"http://127.0.0.1:{port}/"),
            });
            Assert.True(r.HadErrors);
            Assert.StartsWith("ConnectionFailed", r.Error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, r.Error.CategoryInfo.Category);
            Assert.Contains("connection refused", r.Error.Exception.Message);
            Assert.Contains("after 1 retry", r.Error.Exception.Message); // not the 6 retries of an ambiguous failure
        }
    }
}
