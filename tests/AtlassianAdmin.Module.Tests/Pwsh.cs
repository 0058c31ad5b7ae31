using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Real pwsh 7.6.9 in a fresh process (restored by the test project as a package download, the same package that
    /// `dotnet tool restore` brings), for what needs a process of its own: dependency isolation, console rendering.
    /// </summary>
    internal static class Pwsh
    {
        internal static string Assembly
        {
            get
            {
                var root = IsolationTests.Metadata("PwshToolRoot");
                var path = Path.Combine(root, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : "unix", "pwsh.dll");
                Assert.True(File.Exists(path), "pwsh not restored: " + path);
                return path;
            }
        }

        /// <summary>Runs <paramref name="script"/> with `pwsh -NoProfile -NonInteractive -File`; the built module (or
        /// <paramref name="moduleRoot"/>) is importable by name.</summary>
        internal static (int Exit, string Stdout, string Stderr) RunFile(string script, string[] args = null, string moduleRoot = null, IDictionary<string, string> environment = null)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            psi.ArgumentList.Add(Assembly);
            foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-File", script }) psi.ArgumentList.Add(a);
            foreach (var a in args ?? Array.Empty<string>()) psi.ArgumentList.Add(a);
            var modules = moduleRoot ?? Path.GetDirectoryName(IsolationTests.ModuleFolder);
            psi.Environment["PSModulePath"] = modules + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            // Plain text: assertions read what a log file would hold, not ANSI colour codes.
            psi.Environment["NO_COLOR"] = "1";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (environment != null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
            using var p = Process.Start(psi);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("pwsh did not finish in 120 s"); }
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
