using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace AtlassianAdmin.Host
{
    /// <summary>
    /// Usage: AtlassianAdmin.Host &lt;script.ps1&gt; [args...]
    /// Runs the script in an in-process PowerShell engine with the built module (out/AtlassianAdmin) importable by name.
    /// Exit code as with `pwsh -File`: 1 after a terminating error, the script's `exit N`, otherwise 0.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: AtlassianAdmin.Host <script.ps1> [args...]");
                return 2;
            }
            var script = Path.GetFullPath(args[0]);
            var moduleRoot = FindModuleRoot();
            if (moduleRoot == null)
            {
                Console.Error.WriteLine("out/AtlassianAdmin was not found; run 'dotnet build' first.");
                return 2;
            }
            Environment.SetEnvironmentVariable("PSModulePath", moduleRoot + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath"));

            var host = new ConsoleHost();
            var iss = InitialSessionState.CreateDefault2();
            using var runspace = RunspaceFactory.CreateRunspace(host, iss);
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand(script);
            foreach (var a in args.Skip(1)) ps.AddArgument(a);
            // Errors and warnings go through Out-Default too, so they print in order with the output.
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Warning, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
            var failed = false;
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
                failed = true;
            }
            // Like `pwsh -File`: non-terminating errors are reported but do not fail the run; a terminating error does.
            if (failed) return 1;
            // `exit N` in a script run as a command sets $LASTEXITCODE.
            return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code && code != 0 ? code : host.ExitCode;
        }

        /// <summary>The folder that holds AtlassianAdmin/AtlassianAdmin.psd1: $ATLASSIANADMIN_MODULE_ROOT, or out/ above the working directory.</summary>
        private static string FindModuleRoot()
        {
            var fromEnv = Environment.GetEnvironmentVariable("ATLASSIANADMIN_MODULE_ROOT");
            if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "out");
                    if (File.Exists(Path.Combine(candidate, "AtlassianAdmin", "AtlassianAdmin.psd1"))) return candidate;
                }
            }
            return null;
        }
    }
}
