using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Bench
{
    /// <summary>
    /// dotnet run -c Release --project bench/AtlassianAdmin.Bench [-- [--quick] [--only startup,listing,memory,roles,bulk,faults]
    ///     [--rate-limit N] [--burst N] [--rows N] [--rate-limit-per-endpoint] [--latencies 0,20,50,100]]
    /// Prints one `name: value` line per figure, then the issue's goals as ratios measured in this same run.
    /// Listing and start-up measurements run in fresh child processes (cold engine, clean peak memory); start-up
    /// compares real pwsh processes.
    /// </summary>
    public static class Program
    {
        private static bool _quick;
        private static string[] _args = Array.Empty<string>();

        /// <summary>The value after <paramref name="flag"/> as a number, or null when the flag is absent.</summary>
        private static int? IntArg(string flag)
        {
            var i = Array.IndexOf(_args, flag);
            return i >= 0 && i + 1 < _args.Length ? int.Parse(_args[i + 1], CultureInfo.InvariantCulture) : (int?)null;
        }

        private static readonly List<(string Figure, string Goal, double Value, Func<double, bool> Met)> Goals = new List<(string, string, double, Func<double, bool>)>();

        public static async Task<int> Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            _quick = args.Contains("--quick");
            _args = args;
            var child = Array.IndexOf(args, "--child");
            if (child >= 0) return await RunChildAsync(args.Skip(child + 1).ToArray());

            var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
            bool Want(string part) => only == null || only.Contains(part);
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at start {LoadAverage()}");
            if (Want("startup")) await StartupAsync();
            if (Want("listing")) await ListingAsync();
            if (Want("memory")) await MemoryAsync();
            if (Want("roles")) await RolesAsync();
            if (Want("bulk")) await BulkAsync();
            if (Want("faults")) await BulkFaultsAsync();
            Console.WriteLine($"machine: load average at end {LoadAverage()}");

            Console.WriteLine();
            Console.WriteLine("goals (ratios from this run):");
            foreach (var g in Goals)
                Console.WriteLine(double.IsNaN(g.Value)
                    ? $"  {g.Figure}: not measured (goal {g.Goal}; see the lines above)"
                    : $"  {g.Figure}: {g.Value.ToString("0.###", CultureInfo.InvariantCulture)} (goal {g.Goal}) {(g.Met(g.Value) ? "met" : "NOT met")}");
            return 0;
        }

        private static void Figure(string name, double value, string format = "0.###") =>
            Console.WriteLine($"{name}: {value.ToString(format, CultureInfo.InvariantCulture)}");

        private static void Goal(string figure, string goal, double value, Func<double, bool> met) => Goals.Add((figure, goal, value, met));

        private static string LoadAverage()
        {
            try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
            catch (IOException) { return "n/a"; }
            catch (UnauthorizedAccessException) { return "n/a"; }
        }

        // ---- start-up -------------------------------------------------------------------------------------------

        /// <summary>
        /// Real pwsh, pairs run back to back: a bare start (<c>-c 1</c>) and import + connect (to the emulator, key from
        /// the environment) + first call. Wall-clock medians, and CPU time (user+sys), which a loaded machine disturbs less.
        /// The hosted-engine figures of earlier runs are kept as well.
        /// </summary>
        private static async Task StartupAsync()
        {
            var pwsh = await PwshAsync();
            using var emulator = await EmulatorProcess.StartAsync("--users 200");
            var env = new Dictionary<string, string>
            {
                ["ATLASSIAN_API_KEY"] = EmulatorProcess.Key,
                ["ATLASSIAN_API_BASE_URI"] = emulator.BaseAddress.ToString(),
            };
            var module = $"Import-Module '{Paths.Module}'; Connect-AtlassianOrg -FromEnvironment; Get-AtlassianUser -First 1 | Out-Null";
            await TimedAsync(pwsh, "1", env); // warm the file cache once, not counted
            await TimedAsync(pwsh, module, env);
            int pairs = _quick ? 3 : 7;
            var bare = new List<(double wall, double cpu)>();
            var mod = new List<(double wall, double cpu)>();
            for (var i = 0; i < pairs; i++)
            {
                bare.Add(await TimedAsync(pwsh, "1", env));
                mod.Add(await TimedAsync(pwsh, module, env));
            }
            var ratios = bare.Zip(mod, (b, m) => m.wall / b.wall).ToList();
            Figure("pwsh_bare_start_ms", Median(bare.Select(b => b.wall)), "0");
            Figure("pwsh_import_connect_first_call_ms", Median(mod.Select(m => m.wall)), "0");
            var wallRatio = Median(mod.Select(m => m.wall)) / Median(bare.Select(b => b.wall));
            var cpuRatio = Median(mod.Select(m => m.cpu)) / Median(bare.Select(b => b.cpu));
            Figure("pwsh_startup_ratio", wallRatio, "0.00");
            Figure("pwsh_startup_ratio_median_of_pairs", Median(ratios), "0.00");
            Figure("pwsh_bare_start_cpu_ms", Median(bare.Select(b => b.cpu)), "0");
            Figure("pwsh_import_connect_first_call_cpu_ms", Median(mod.Select(m => m.cpu)), "0");
            Figure("pwsh_startup_cpu_ratio", cpuRatio, "0.00");
            Goal("import + connect + first call vs bare pwsh start (wall, ratio of medians)", "<= 1.5", wallRatio, v => v <= 1.5);
            Goal("import + connect + first call vs bare pwsh start (CPU time)", "<= 1.5", cpuRatio, v => v <= 1.5);

            var engineBare = Median(await Repeat(3, () => ChildAsync("startup-bare")));
            var engineModule = Median(await Repeat(3, () => ChildAsync("startup-module", emulator.BaseAddress.ToString())));
            Figure("engine_bare_start_ms", engineBare, "0");
            Figure("engine_import_connect_first_call_ms", engineModule, "0");
            Figure("engine_startup_ratio", engineModule / engineBare, "0.00");
        }

        /// <summary>The real pwsh (pwsh.dll of the tool manifest), resolved once so `dotnet tool run` is not timed.</summary>
        private static async Task<string> PwshAsync()
        {
            var psi = new ProcessStartInfo("dotnet", "tool run pwsh -- -NoProfile -NonInteractive -c \"[Environment]::GetCommandLineArgs()[0]\"")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Paths.RepoRoot };
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            using var p = Process.Start(psi);
            var path = (await p.StandardOutput.ReadToEndAsync()).Trim().Split('\n').Last().Trim();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0 || !File.Exists(path)) throw new InvalidOperationException("Could not resolve pwsh (run `dotnet tool restore` first): " + await p.StandardError.ReadToEndAsync());
            return path;
        }

        private static async Task<(double wall, double cpu)> TimedAsync(string pwshDll, string command, IDictionary<string, string> env)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { pwshDll, "-NoProfile", "-NonInteractive", "-c", command }) psi.ArgumentList.Add(a);
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi);
            var cpu = TimeSpan.Zero;
            var sampling = Task.Run(async () =>
            {
                // CPU time is readable only while the process exists: sample it until it exits.
                while (!p.HasExited)
                {
                    try { cpu = p.TotalProcessorTime; } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                    await Task.Delay(5);
                }
            });
            var stderr = p.StandardError.ReadToEndAsync();
            await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            var wall = sw.Elapsed.TotalMilliseconds;
            await sampling;
            if (p.ExitCode != 0) throw new InvalidOperationException($"pwsh -c \"{command}\" failed: {await stderr}");
            return (wall, cpu.TotalMilliseconds);
        }

        // ---- listings ---------------------------------------------------------------------------------------------

        /// <summary>
        /// Org (cursor, 100 per page) and site (Jira /users/search) listings at several latencies, each against its
        /// bound: the largest page the server honours (100) divided by the round trip of one such page, measured from
        /// this process with a plain HttpClient on the same emulator just before. jira.js pages the same emulator at 50 ms.
        /// </summary>
        private static async Task ListingAsync()
        {
            var latencies = _args.SkipWhile(a => a != "--latencies").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray()
                            ?? new[] { 0, 20, 50, 100 };
            foreach (var latency in latencies)
            {
                int users = latency == 0 ? (_quick ? 5_000 : 20_000) : (_quick ? 3_000 : 6_000);
                using var emulator = await EmulatorProcess.StartAsync($"--users {users} --page-size 100 --latency-ms {latency}");
                var rtt = await RoundTripsAsync(emulator.BaseAddress);
                foreach (var mode in new[] { "org", "site" })
                {
                    var lines = await ChildAllLinesAsync("list", emulator.BaseAddress.ToString(), mode, "timed");
                    var cold = double.Parse(lines.Single(l => l.StartsWith("cold ")).Substring(5));
                    // count, ms total, ms first, client-side request ms, ms of the first (cold) run
                    var parts = lines.Last().Split(' ').Select(double.Parse).Append(cold).ToArray();
                    var perSecond = parts[0] / (parts[1] / 1000.0);
                    var bound = 100 / ((mode == "org" ? rtt.Org : rtt.Site) / 1000.0);
                    if (mode == "org" && parts[3] > 0)
                    {
                        // Against the round trip the client itself logged: what the paging loses between one page and the next.
                        Figure($"org_list_{latency}ms_client_request_ms", parts[3], "0.0");
                        Figure($"org_list_{latency}ms_vs_client_rtt_bound", perSecond / (100 / (parts[3] / 1000.0)), "0.00");
                    }
                    Figure($"{mode}_list_{latency}ms_users", parts[0], "0");
                    Figure($"{mode}_list_{latency}ms_users_per_s", perSecond, "0");
                    Figure($"{mode}_list_{latency}ms_first_run_users_per_s", parts[0] / (parts[4] / 1000.0), "0");
                    Figure($"{mode}_list_{latency}ms_first_object_ms", parts[2], "0");
                    Figure($"{mode}_page_rtt_{latency}ms", mode == "org" ? rtt.Org : rtt.Site, "0.0");
                    Figure($"{mode}_list_{latency}ms_vs_page_rtt_bound", perSecond / bound, "0.00");
                    if (mode == "org" && latency > 0) Goal($"org cursor listing at {latency} ms vs page/RTT bound", ">= 0.9", perSecond / bound, v => v >= 0.9);
                    if (mode == "site" && latency == 50)
                    {
                        var jirajs = await JiraJsAsync(emulator.BaseAddress);
                        if (jirajs.HasValue)
                        {
                            Figure("jirajs_list_50ms_users_per_s", jirajs.Value, "0");
                            Figure("site_list_50ms_vs_jirajs", perSecond / jirajs.Value, "0.00");
                            Goal("site listing at 50 ms vs jira.js at 100 per page", ">= 2", perSecond / jirajs.Value, v => v >= 2);
                        }
                        else Goal("site listing at 50 ms vs jira.js at 100 per page", ">= 2", double.NaN, _ => false); // every goal is listed, measured or not
                    }
                }
            }
        }

        /// <summary>Median round trip (ms) of one 100-user page: org POST users/search, site GET /users/search.</summary>
        private static async Task<(double Org, double Site)> RoundTripsAsync(Uri emulator)
        {
            using var http = new HttpClient { BaseAddress = emulator };
            using var orgs = await http.SendAsync(Bearer(HttpMethod.Get, "admin/v1/orgs"));
            var orgId = System.Text.Json.JsonDocument.Parse(await orgs.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("id").GetString();
            var org = new List<double>();
            var site = new List<double>();
            for (var i = 0; i < 16; i++)
            {
                var post = Bearer(HttpMethod.Post, $"admin/v2/orgs/{orgId}/directories/-/users/search");
                post.Content = new StringContent("{\"limit\":100}", Encoding.UTF8, "application/json");
                org.Add(await TimeAsync(http, post));
                var get = new HttpRequestMessage(HttpMethod.Get, $"rest/api/3/users/search?startAt={i * 100}&maxResults=100");
                get.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(EmulatorProcess.JiraEmail + ":" + EmulatorProcess.JiraToken)));
                site.Add(await TimeAsync(http, get));
            }
            return (Median(org.Skip(1)), Median(site.Skip(1))); // the first of each warms the connection
        }

        private static HttpRequestMessage Bearer(HttpMethod method, string path)
        {
            var m = new HttpRequestMessage(method, path);
            m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProcess.Key);
            return m;
        }

        private static async Task<double> TimeAsync(HttpClient http, HttpRequestMessage request)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            return sw.Elapsed.TotalMilliseconds;
        }

        /// <summary>jira.js (bench/jirajs, `npm ci` there first) paging the same emulator; null when it is not installed.</summary>
        private static async Task<double?> JiraJsAsync(Uri emulator)
        {
            var dir = Path.Combine(Paths.RepoRoot, "bench", "jirajs");
            if (!Directory.Exists(Path.Combine(dir, "node_modules", "jira.js")))
            {
                Console.WriteLine("jirajs: not installed (cd bench/jirajs && npm ci), comparison skipped");
                return null;
            }
            var psi = new ProcessStartInfo("node", $"list-users.mjs {emulator} {EmulatorProcess.JiraEmail} {EmulatorProcess.JiraToken}")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
            using var p = Process.Start(psi);
            var stdout = await p.StandardOutput.ReadToEndAsync();
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException("jira.js listing failed: " + stderr);
            var parts = stdout.Trim().Split('\n').Last().Trim().Split(' ').Select(double.Parse).ToArray(); // count, ms
            Figure("jirajs_list_50ms_users", parts[0], "0");
            return parts[0] / (parts[1] / 1000.0);
        }

        // ---- memory -----------------------------------------------------------------------------------------------

        private static async Task MemoryAsync()
        {
            int large = _quick ? 20_000 : 100_000, small = large / 10;
            var peak = new Dictionary<int, double>();
            foreach (var n in new[] { small, large })
            {
                using var emulator = await EmulatorProcess.StartAsync($"--users {n} --page-size 100");
                var parts = (await ChildLinesAsync("list", emulator.BaseAddress.ToString(), "org", "memory")).Split(' ').Select(double.Parse).ToArray(); // count, peak bytes
                if ((int)parts[0] != n) throw new InvalidOperationException($"listed {parts[0]} of {n} users");
                peak[n] = parts[1];
            }
            Figure($"list_peak_mem_mb_{large / 1000}k", peak[large] / 1048576.0, "0.0");
            Figure($"list_peak_mem_mb_{small / 1000}k", peak[small] / 1048576.0, "0.0");
            Figure($"list_peak_mem_ratio_{large / 1000}k_vs_{small / 1000}k", peak[large] / peak[small], "0.00");
            Goal($"peak memory, {large / 1000}k vs {small / 1000}k users", "<= 1.2", peak[large] / peak[small], v => v <= 1.2);
        }

        // ---- project-role bulk grant ----------------------------------------------------------------------------

        /// <summary>
        /// A one-role CSV grant: rows (project, role, email) and (project, role, accountId) into Grant-AtlassianProjectRole,
        /// requests counted from the cmdlet's own request log (one verbose line per request sent).
        /// </summary>
        private static async Task RolesAsync()
        {
            int rows = _quick ? 300 : 1_000;
            using var emulator = await EmulatorProcess.StartAsync($"--users {rows * 3} --latency-ms 5");
            using var engine = new Engine(emulator.BaseAddress, site: true);
            var users = engine.Run("Get-AtlassianUser -Site | Where-Object Active | ForEach-Object { '{0}|{1}' -f $_.AccountId, $_.Email }")
                .Select(o => ((string)o.BaseObject).Split('|')).Where(p => p[1].Length > 0).Skip(20).ToList(); // past the seeded role members
            if (users.Count < rows * 2) throw new InvalidOperationException($"only {users.Count} site users");
            foreach (var (label, column, take) in new[] { ("email", "email", users.Take(rows).Select(u => u[1])), ("account_id", "accountId", users.Skip(rows).Take(rows).Select(u => u[0])) })
            {
                var csv = take.Select(v => Row(("project", "ACME"), ("role", "Users"), (column, v))).ToList();
                var sw = Stopwatch.StartNew();
                var output = engine.Run("$rows | Grant-AtlassianProjectRole -PassThru -Verbose 4>&1", new Dictionary<string, object> { ["rows"] = csv });
                sw.Stop();
                var requests = output.Count(o => o.BaseObject is VerboseRecord v && System.Text.RegularExpressions.Regex.IsMatch(v.Message, @"^(GET|POST|PUT|DELETE) .* -> "));
                var changed = output.Count(o => !(o.BaseObject is VerboseRecord) && o.Properties["Outcome"]?.Value?.ToString() == "Changed");
                if (changed != rows) throw new InvalidOperationException($"{changed} of {rows} rows changed");
                Figure($"role_grant_{label}_rows", rows, "0");
                Figure($"role_grant_{label}_requests", requests, "0");
                Figure($"role_grant_{label}_requests_per_row", requests / (double)rows, "0.000");
                Figure($"role_grant_{label}_s", sw.Elapsed.TotalSeconds, "0.00");
                Goal($"project-role CSV grant, one role, by {label}", "<= 0.1 requests per row", requests / (double)rows, v => v <= 0.1);
            }
        }

        private static PSObject Row(params (string Name, string Value)[] columns)
        {
            var o = new PSObject();
            foreach (var (name, value) in columns) o.Properties.Add(new PSNoteProperty(name, value));
            return o;
        }

        // ---- bulk add-member --------------------------------------------------------------------------------------

        private static async Task BulkAsync()
        {
            // Rate-limit bound: the emulator refills `rate` tokens a second, so N rows need at least (N - burst) / rate s.
            // --rate-limit N [--burst N] [--rows N] [--rate-limit-per-endpoint] measures one limit of your choice instead.
            var cases = IntArg("--rate-limit") is int chosen
                ? new[] { (chosen, IntArg("--burst") ?? Math.Max(1, chosen / 10), IntArg("--rows") ?? (_quick ? 2_000 : 10_000)) }
                : new[] { (200, 20, _quick ? 2_000 : 10_000), (50, 10, _quick ? 500 : 5_000) };
            var perEndpoint = _args.Contains("--rate-limit-per-endpoint") ? " --rate-limit-per-endpoint" : "";
            foreach (var (rate, burst, rows) in cases)
            {
                using var emulator = await EmulatorProcess.StartAsync($"--users {rows * 5 / 4 + 50} --rate-limit {rate} --burst {burst} --latency-ms 20{perEndpoint}");
                var (elapsed, changed) = BulkAddMembers(emulator.BaseAddress, rows, throttleLimit: null);
                var bound = (changed - burst) / (double)rate;
                Figure($"bulk_add_member_{rate}rps_rows", changed, "0");
                Figure($"bulk_add_member_{rate}rps_s", elapsed.TotalSeconds, "0.0");
                Figure($"bulk_add_member_{rate}rps_ratio_of_limit", bound / elapsed.TotalSeconds, "0.00");
                Goal($"bulk add-member vs rate-limit bound at {rate} requests/s (burst {burst})", ">= 0.95", bound / elapsed.TotalSeconds, v => v >= 0.95);
            }

            // Latency-bound (no rate limit): the same work one request at a time vs the default concurrency.
            int few = _quick ? 150 : 400, slowMs = 50;
            using (var emulator = await EmulatorProcess.StartAsync($"--users {few * 5 / 2 + 50} --latency-ms {slowMs}"))
            {
                var (sequential, _) = BulkAddMembers(emulator.BaseAddress, few, throttleLimit: 1, skip: 0);
                var (parallel, _) = BulkAddMembers(emulator.BaseAddress, few, throttleLimit: null, skip: few);
                Figure("bulk_sequential_s", sequential.TotalSeconds, "0.0");
                Figure("bulk_default_s", parallel.TotalSeconds, "0.0");
                Figure("bulk_speedup_vs_sequential", sequential.TotalSeconds / parallel.TotalSeconds, "0.0");
            }
        }

        // ---- bulk under faults ------------------------------------------------------------------------------

        /// <summary>
        /// Head-of-line stalls: the same rows with and without 10% injected faults of every kind (the Timeout fault hangs
        /// 30 s before a 504, as a hung API would). Goal: faulted time ≤ 3 × fault-free time + the rate-limit bound.
        /// </summary>
        private static async Task BulkFaultsAsync()
        {
            int rows = _quick ? 2_000 : 5_000, latencyMs = 20;
            const string transient = "ServiceUnavailable,BadGateway,ConnectionReset,Timeout,MalformedJson,ResponseLost";
            foreach (var (label, rate, kinds) in new[] { ("transient", 0, transient), ("timeouts_only", 0, "Timeout"), ("all_kinds_rate_limited", 200, "") })
            {
                var limit = rate > 0 ? $" --rate-limit {rate} --burst {rate / 10}" : "";
                var faultKinds = kinds.Length > 0 ? $" --fault-kinds {kinds}" : "";
                TimeSpan clean, faulted;
                int failed;
                using (var emulator = await EmulatorProcess.StartAsync($"--users {rows * 5 / 4 + 50} --latency-ms {latencyMs}{limit}"))
                    (clean, _, _) = BulkAddMembersTolerant(emulator.BaseAddress, rows);
                using (var emulator = await EmulatorProcess.StartAsync($"--users {rows * 5 / 4 + 50} --latency-ms {latencyMs}{limit} --fault-rate 0.1 --fault-seed 13 --timeout-fault-ms 30000{faultKinds}"))
                    (faulted, _, failed) = BulkAddMembersTolerant(emulator.BaseAddress, rows);
                var bound = rate > 0 ? (rows - rate / 10) / (double)rate : 0;
                Figure($"faults_{label}_rows", rows, "0");
                Figure($"faults_{label}_clean_s", clean.TotalSeconds, "0.0");
                Figure($"faults_{label}_faulted_s", faulted.TotalSeconds, "0.0");
                Figure($"faults_{label}_failed_rows", failed, "0");
                Figure($"faults_{label}_budget_s", 3 * clean.TotalSeconds + bound, "0.0");
                Figure($"faults_{label}_ratio_of_budget", faulted.TotalSeconds / (3 * clean.TotalSeconds + bound), "0.00");
            }
        }

        /// <summary>Like <see cref="BulkAddMembers"/>, but faults may leave rows Unchanged (an ambiguous write landed) or Failed.</summary>
        private static (TimeSpan, int, int) BulkAddMembersTolerant(Uri emulator, int rows)
        {
            using var engine = new Engine(emulator);
            var group = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            // Set-up meets the faults too: a create whose answer was lost is checked by reading the group back.
            engine.Run($"foreach ($i in 1..5) {{ New-AtlassianGroup -Name '{group}' -ErrorAction SilentlyContinue | Out-Null; if (Get-AtlassianGroup -Name '{group}' -ErrorAction SilentlyContinue) {{ break }} }}; $Error.Clear()");
            var emails = engine.Run($"Get-AtlassianUser -Status active | ForEach-Object {{ $_.Email }}")
                .Select(o => (string)o.BaseObject).Where(e => !string.IsNullOrEmpty(e)).Take(rows).ToList();
            if (emails.Count != rows) throw new InvalidOperationException($"only {emails.Count} users listed");
            var csv = emails.Select(e => { var o = new PSObject(); o.Properties.Add(new PSNoteProperty("group", group)); o.Properties.Add(new PSNoteProperty("email", e)); return o; }).ToList();
            var sw = Stopwatch.StartNew();
            var results = engine.Run("$rows | Add-AtlassianGroupMember -PassThru -ErrorAction SilentlyContinue | ForEach-Object { '{0} {1}' -f $_.Index, $_.Outcome }", new Dictionary<string, object> { ["rows"] = csv });
            sw.Stop();
            var lines = results.Select(r => ((string)r.BaseObject).Split(' ')).ToList();
            if (lines.Count != csv.Count || !lines.Select(l => int.Parse(l[0])).SequenceEqual(Enumerable.Range(1, csv.Count)))
                throw new InvalidOperationException($"{lines.Count} results for {csv.Count} rows, or out of input order");
            var failed = lines.Count(l => l[1] == "Failed");
            return (sw.Elapsed, lines.Count - failed, failed);
        }

        /// <summary>Pipes <paramref name="rows"/> CSV-shaped rows (group,email) into Add-AtlassianGroupMember.</summary>
        private static (TimeSpan, int) BulkAddMembers(Uri emulator, int rows, int? throttleLimit, int skip = 0)
        {
            using var engine = new Engine(emulator);
            var group = "bench-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            engine.Run($"New-AtlassianGroup -Name '{group}' | Out-Null");
            var emails = engine.Run($"Get-AtlassianUser -Status active | ForEach-Object {{ $_.Email }}")
                .Select(o => (string)o.BaseObject).Where(e => !string.IsNullOrEmpty(e)).Skip(skip).Take(rows).ToList();
            var csv = emails.Select(e => Row(("group", group), ("email", e))).ToList();
            var throttle = throttleLimit.HasValue ? $" -ThrottleLimit {throttleLimit}" : "";
            var sw = Stopwatch.StartNew();
            var results = engine.Run($"$rows | Add-AtlassianGroupMember -PassThru{throttle} | ForEach-Object {{ $_.Outcome.ToString() }}", new Dictionary<string, object> { ["rows"] = csv });
            sw.Stop();
            var changed = results.Count(r => (string)r.BaseObject == "Changed");
            if (csv.Count != rows || changed != csv.Count) throw new InvalidOperationException($"{changed} of {csv.Count} rows changed ({rows} wanted)");
            return (sw.Elapsed, changed);
        }

        // ---- children -----------------------------------------------------------------------------------------

        private static async Task<int> RunChildAsync(string[] args)
        {
            switch (args[0])
            {
                case "startup-bare":
                {
                    var sw = Stopwatch.StartNew();
                    using var e = new Engine(import: false);
                    e.Run("$null = 1");
                    Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
                    return 0;
                }
                case "startup-module":
                {
                    var sw = Stopwatch.StartNew();
                    using var e = new Engine(import: false);
                    Environment.SetEnvironmentVariable("ATLASSIAN_API_KEY", EmulatorProcess.Key);
                    Environment.SetEnvironmentVariable("ATLASSIAN_API_BASE_URI", args[1]);
                    e.Run($"Import-Module '{Paths.Module}'; Connect-AtlassianOrg -FromEnvironment; Get-AtlassianUser -First 1 | Out-Null");
                    Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
                    return 0;
                }
                case "list":
                    Console.WriteLine(await ListChildAsync(new Uri(args[1]), args[2] == "site", args[3] == "memory"));
                    return 0;
                default:
                    throw new ArgumentException("unknown child " + args[0]);
            }
        }

        /// <summary>
        /// Streams every user once, after a warm-up call: timed (count, total ms, first-object ms), or measuring the live
        /// heap with a full collection every 50 ms (count, peak bytes still reachable while listing: what streaming keeps flat).
        /// </summary>
        private static async Task<string> ListChildAsync(Uri emulator, bool site, bool memory)
        {
            using var engine = new Engine(emulator, site: site);
            var command = site ? "Get-AtlassianUser -Site" : "Get-AtlassianUser";
            engine.Run(command + " -First 300 | Out-Null"); // warm the JIT, the paging worker and the connection
            if (!memory)
            {
                // The first whole listing of a process runs partly on unoptimised (tier-0) code; it is reported as the
                // cold figure, the second one is the steady state the ratios use. Items are consumed on the pipeline
                // thread (ForEach-Object), as in a script; the request log gives the client's own round trip per page.
                const string consume = @" -Verbose 4>&1 | ForEach-Object -Begin { $sw = [Diagnostics.Stopwatch]::StartNew(); $n = 0; $first = -1; $ms = [Collections.Generic.List[double]]::new() } -Process {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { if ($_.Message -match ' -> 2\d\d in (\d+) ms') { $ms.Add([double]$Matches[1]) } }
                    else { if ($n -eq 0) { $first = $sw.Elapsed.TotalMilliseconds }; $n++ }
                } -End { '{0} {1:0} {2:0} {3}' -f $n, $sw.Elapsed.TotalMilliseconds, $first, ($ms -join ',') }";
                var cold = ((string)engine.Run(command + consume).Last().BaseObject).Split(' ');
                var warm = ((string)engine.Run(command + consume).Last().BaseObject).Split(' ');
                var requests = warm[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList();
                Console.WriteLine("cold " + cold[1]);
                return string.Join(" ", warm[0], warm[1], warm[2], requests.Count == 0 ? "0" : Median(requests).ToString("0.0"));
            }
            GC.Collect(2, GCCollectionMode.Forced, true, true);
            long peak = GC.GetTotalMemory(true);
            var (n, _, _) = await ListOnceAsync(engine, command, () => peak = Math.Max(peak, GC.GetTotalMemory(true)));
            return string.Join(" ", n, peak);
        }

        private static async Task<(int, double, double)> ListOnceAsync(Engine engine, string command, Action sample, List<double> requestMs = null)
        {
            var sampling = sample != null;
            var sampler = Task.Run(async () => { while (Volatile.Read(ref sampling)) { sample(); await Task.Delay(50); } });
            using var ps = PowerShell.Create();
            ps.Runspace = engine.Runspace;
            ps.AddScript(command);
            var output = new PSDataCollection<PSObject>();
            var count = 0;
            double firstMs = -1;
            var sw = Stopwatch.StartNew();
            using var signal = new SemaphoreSlim(0);
            output.DataAdded += (_, __) => signal.Release();
            ps.Streams.Verbose.DataAdded += (_, e) =>
            {
                var m = System.Text.RegularExpressions.Regex.Match(ps.Streams.Verbose[e.Index].Message, @" -> 2\d\d in (\d+) ms");
                if (m.Success && requestMs != null) lock (requestMs) requestMs.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            };
            var run = ps.BeginInvoke<PSObject, PSObject>(null, output);
            while (!run.IsCompleted || output.Count > 0)
            {
                await signal.WaitAsync(50);
                var batch = output.ReadAll(); // consume as they come: the benchmark must not hold the listing either
                if (batch.Count > 0 && firstMs < 0) firstMs = sw.Elapsed.TotalMilliseconds;
                count += batch.Count;
            }
            ps.EndInvoke(run);
            var totalMs = sw.Elapsed.TotalMilliseconds;
            Volatile.Write(ref sampling, false);
            await sampler;
            if (ps.Streams.Error.Count > 0) throw new InvalidOperationException("Listing failed: " + ps.Streams.Error[0]);
            return (count, totalMs, firstMs);
        }

        private static async Task<double> ChildAsync(string scenario, params string[] extra) => double.Parse(await ChildLinesAsync(scenario, extra));

        private static async Task<string> ChildLinesAsync(string scenario, params string[] extra) => (await ChildAllLinesAsync(scenario, extra)).Last();

        private static async Task<string[]> ChildAllLinesAsync(string scenario, params string[] extra)
        {
            var self = typeof(Program).Assembly.Location;
            var psi = new ProcessStartInfo("dotnet", $"\"{self}\" --child {scenario} {string.Join(" ", extra)}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            var stdout = await p.StandardOutput.ReadToEndAsync();
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"child {scenario} failed: {stderr}");
            return stdout.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        }

        private static async Task<List<double>> Repeat(int n, Func<Task<double>> f)
        {
            var list = new List<double>();
            for (var i = 0; i < n; i++) list.Add(await f());
            return list;
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}
