using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace AtlassianAdmin.Bench
{
    /// <summary>The Kestrel emulator in its own process on a free loopback port, so its memory and CPU are not the client's.</summary>
    internal sealed class EmulatorProcess : IDisposable
    {
        public const string Key = "bench-key";
        public const string JiraEmail = "admin@acme-sandbox.example";
        public const string JiraToken = "bench-jira-token";
        private readonly Process _process;
        public Uri BaseAddress { get; }

        private EmulatorProcess(Process process, Uri baseAddress) { _process = process; BaseAddress = baseAddress; }

        public static async Task<EmulatorProcess> StartAsync(string arguments)
        {
            var dll = Path.Combine(Paths.RepoRoot, "src", "AtlassianAdmin.Emulator", "bin", Paths.Configuration, "net10.0", "AtlassianAdmin.Emulator.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("Build the emulator first (dotnet build).", dll);
            var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:0 --api-key {Key} --jira-email {JiraEmail} --jira-token {JiraToken} {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var p = Process.Start(psi);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                var line = await p.StandardOutput.ReadLineAsync();
                if (line == null) break;
                const string marker = "listening on ";
                var at = line.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _ = p.StandardOutput.ReadToEndAsync(); // keep draining
                    return new EmulatorProcess(p, new Uri(line.Substring(at + marker.Length).Trim() + "/"));
                }
            }
            try { p.Kill(true); } catch { }
            throw new InvalidOperationException("The emulator did not start: " + await p.StandardError.ReadToEndAsync());
        }

        public void Dispose()
        {
            try { _process.Kill(true); _process.WaitForExit(5000); } catch { }
            _process.Dispose();
        }
    }

    internal static class Paths
    {
        public static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";

        public static string RepoRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "AtlassianAdmin.sln"))) return dir.FullName;
                throw new InvalidOperationException("Repository root not found.");
            }
        }

        public static string Module => Path.Combine(RepoRoot, "out", "AtlassianAdmin", "AtlassianAdmin.psd1");
    }
}
