using System;
using System.Globalization;
using System.Threading.Tasks;
using AtlassianAdmin.Sandbox;

namespace AtlassianAdmin.Emulator
{
    /// <summary>
    /// dotnet run --project src/AtlassianAdmin.Emulator -- --urls http://127.0.0.1:5080 --users 1000 --api-key KEY
    ///   [--seed N] [--page-size N] [--latency-ms N] [--rate-limit N] [--burst N] [--rate-limit-per-endpoint] [--fault-rate F] [--fault-kinds K,K] [--fault-seed N] [--timeout-fault-ms N]
    ///   [--events-rate-limit N] [--jira-email E --jira-token T]
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string url = "http://127.0.0.1:5080";   // loopback only unless told otherwise
            var options = new SandboxOptions();
            try
            {
                for (int i = 0; i < args.Length; i++)
                {
                    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("Missing value for " + args[i]);
                    switch (args[i])
                    {
                        case "--urls": url = Next(); break;
                        case "--users": options.UserCount = Int(Next()); break;
                        case "--api-key": options.ApiKey = Next(); break;
                        case "--seed": options.Seed = Int(Next()); break;
                        case "--page-size": options.DefaultPageSize = Int(Next()); break;
                        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Int(Next())); break;
                        case "--rate-limit": options.RateLimitPerSecond = Double(Next()); break;
                        case "--burst": options.RateLimitBurst = Int(Next()); break;
                        case "--rate-limit-per-endpoint": options.RateLimitPerEndpoint = true; break;
                        case "--fault-rate": options.FaultRate = Double(Next()); break;
                        case "--fault-kinds": options.FaultKinds = Array.ConvertAll(Next().Split(','), k => (SandboxFault)Enum.Parse(typeof(SandboxFault), k.Trim(), true)); break;
                        case "--fault-seed": options.RandomSeedForFaults = Int(Next()); break;
                        case "--timeout-fault-ms": options.TimeoutFaultDelay = TimeSpan.FromMilliseconds(Int(Next())); break;
                        case "--events-rate-limit": options.EventsRateLimitPerMinute = Int(Next()); break;
                        case "--jira-email": options.JiraEmail = Next(); break;
                        case "--jira-token": options.JiraApiToken = Next(); break;
                        case "--help": case "-h":
                            Console.WriteLine("Usage: AtlassianAdmin.Emulator --urls http://127.0.0.1:5080 --users 1000 --api-key KEY [--seed N] [--page-size N] [--latency-ms N] [--rate-limit N] [--burst N] [--rate-limit-per-endpoint] [--fault-rate F] [--fault-kinds K,K] [--fault-seed N] [--timeout-fault-ms N] [--events-rate-limit N] [--jira-email E --jira-token T]");
                            return 0;
                        default: throw new ArgumentException("Unknown option " + args[i]);
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            await using var server = await EmulatorServer.StartAsync(options, url);
            var store = server.Handler.Store;
            Console.WriteLine("Atlassian emulator listening on " + server.BaseAddress.ToString().TrimEnd('/'));
            Console.WriteLine("Org id: " + store.OrgId);
            Console.WriteLine("Directory id: " + store.DirectoryId);
            Console.WriteLine("API key: " + options.ApiKey + "   (sandbox key)");
            Console.WriteLine("Jira: " + options.JiraEmail + " / " + options.JiraApiToken + "   (Basic auth on /rest/api/3)");
            await server.WaitForShutdownAsync();
            return 0;
        }

        private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
        private static double Double(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
