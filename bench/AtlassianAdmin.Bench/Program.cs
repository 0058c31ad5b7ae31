using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AtlassianAdmin.Bench
{
    /// <summary>
    /// dotnet run -c Release --project bench/AtlassianAdmin.Bench [-- [--quick] [--only startup,listing,bulk,faults]]
    /// Prints one `name: value` line per figure. Ratios are measured side by side in the same run.
    /// Each listing and start-up measurement runs in a fresh child process (cold engine, clean peak memory).
    /// </summary>
    public static class Program
    {
        private static bool _quick;

        public static async Task<int> Main(string[] args)
        {
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            _quick = args.Contains("--quick");
            var child = Array.IndexOf(args, "--child");
            if (child >= 0) return await RunChildAsync(args.Skip(child + 1).ToArray());

            var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
            bool Want(string part) => only == null || only.Contains(part);
            if (Want("startup")) await StartupAsync();
            if (Want("listing")) await ListingAsync();
            if (Want("bulk")) await BulkAsync();
            if (Want("faults")) await BulkFaultsAsync();
            return 0;
        }

        private static void Figure(string name, double value, string format = "0.###") =>
            Console.WriteLine($"{name}: {value.ToString(format, CultureInfo.InvariantCulture)}");

        // ---- start-up ---------------------------------------------------------------------------------------

        private static async Task StartupAsync()
        {
            var bare = Median(await Repeat(3, () => ChildAsync("startup-bare")));
            var module = Median(await Repeat(3, () => ChildAsync("startup-module")));
            Figure("bare_engine_start_ms", bare, "0");
            Figure("import_connect_first_call_ms", module, "0");
            Figure("import_connect_first_call_extra_ms", module - bare, "0");
        }

        // ---- listing ----------------------------------------------------------------------------------------

        private static async Task ListingAsync()
        {
            int large = _quick ? 20_000 : 100_000, small = large / 10;
            var results = new Dictionary<int, double[]>();
            foreach (var n in new[] { small, large })
            {
                using var emulator = await EmulatorProcess.StartAsync($"--users {n} --page-size 100");
                var line = await ChildLinesAsync("list", emulator.BaseAddress.ToString());
                results[n] = line.Split(' ').Select(double.Parse).ToArray(); // count, ms total, ms first, peak bytes
                if ((int)results[n][0] != n) throw new InvalidOperationException($"listed {results[n][0]} of {n} users");
            }
            Figure($"list_users_per_s", results[large][0] / (results[large][1] / 1000.0), "0");
            Figure($"list_first_object_ms", results[large][2], "0");
            Figure($"list_peak_mem_mb_{large / 1000}k", results[large][3] / 1048576.0, "0.0");
            Figure($"list_peak_mem_mb_{small / 1000}k", results[small][3] / 1048576.0, "0.0");
            Figure($"list_peak_mem_ratio_{large / 1000}k_vs_{small / 1000}k", results[large][3] / results[small][3], "0.00");
        }

        // ---- bulk -------------------------------------------------------------------------------------------

        private static async Task BulkAsync()
        {
            // Rate-limit bound: the emulator refills `rate` tokens a second, so N rows need at least N / rate seconds.
            int rows = _quick ? 2_000 : 10_000, rate = _quick ? 100 : 200, latencyMs = 20;
            int burst = rate / 10;
            using (var emulator = await EmulatorProcess.StartAsync($"--users {rows * 5 / 4 + 50} --rate-limit {rate} --burst {burst} --latency-ms {latencyMs}"))
            {
                var (elapsed, changed) = BulkAddMembers(emulator.BaseAddress, rows, throttleLimit: null);
                // The initial burst is free; every other row needs a token at `rate` per second.
                var bound = (changed - burst) / (double)rate;
                Figure("bulk_add_member_rows", changed, "0");
                Figure("bulk_add_member_s", elapsed.TotalSeconds, "0.0");
                Figure("bulk_add_member_ratio_of_limit", bound / elapsed.TotalSeconds, "0.00");
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
            var csv = emails.Select(e => { var o = new PSObject(); o.Properties.Add(new PSNoteProperty("group", group)); o.Properties.Add(new PSNoteProperty("email", e)); return o; }).ToList();
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
                    e.Run($"Import-Module '{Paths.Module}'; Connect-AtlassianOrg -Sandbox; Get-AtlassianUser -First 1 | Out-Null");
                    Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
                    return 0;
                }
                case "list":
                    Console.WriteLine(await ListChildAsync(new Uri(args[1])));
                    return 0;
                default:
                    throw new ArgumentException("unknown child " + args[0]);
            }
        }

        /// <summary>
        /// Streams every user twice: once timed (count, total ms, first-object ms), once measuring the live heap with a
        /// full collection every 50 ms (peak bytes still reachable while listing — what streaming must keep flat).
        /// </summary>
        private static async Task<string> ListChildAsync(Uri emulator)
        {
            using var engine = new Engine(emulator);
            engine.Run("Get-AtlassianUser -First 1 | Out-Null"); // warm the JIT and the connection
            var (count, totalMs, firstMs) = await ListOnceAsync(engine, null);
            GC.Collect(2, GCCollectionMode.Forced, true, true);
            long peak = GC.GetTotalMemory(true);
            await ListOnceAsync(engine, () => peak = Math.Max(peak, GC.GetTotalMemory(true)));
            return string.Join(" ", count, totalMs.ToString("0"), firstMs.ToString("0"), peak);
        }

        private static async Task<(int, double, double)> ListOnceAsync(Engine engine, Action sample)
        {
            var sampling = sample != null;
            var sampler = Task.Run(async () => { while (Volatile.Read(ref sampling)) { sample(); await Task.Delay(50); } });
            using var ps = PowerShell.Create();
            ps.Runspace = engine.Runspace;
            ps.AddCommand("Get-AtlassianUser");
            var output = new PSDataCollection<PSObject>();
            var count = 0;
            double firstMs = -1;
            var sw = Stopwatch.StartNew();
            using var signal = new SemaphoreSlim(0);
            output.DataAdded += (_, __) => signal.Release();
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
            return (count, totalMs, firstMs);
        }

        private static async Task<double> ChildAsync(string scenario) => double.Parse(await ChildLinesAsync(scenario));

        private static async Task<string> ChildLinesAsync(string scenario, params string[] extra)
        {
            var self = typeof(Program).Assembly.Location;
            var psi = new ProcessStartInfo("dotnet", $"\"{self}\" --child {scenario} {string.Join(" ", extra)}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            var stdout = await p.StandardOutput.ReadToEndAsync();
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"child {scenario} failed: {stderr}");
            return stdout.Trim().Split('\n').Last().Trim();
        }

        private static async Task<List<double>> Repeat(int n, Func<Task<double>> f)
        {
            var list = new List<double>();
            for (var i = 0; i < n; i++) list.Add(await f());
            return list;
        }

        private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
    }
}
