using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Xunit;

// The module keeps connections process-wide (like Microsoft.Graph), so module tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>A PowerShell runspace with out/AtlassianAdmin imported, and helpers to run script and collect every stream.</summary>
    public sealed class PsHarness : IDisposable
    {
        public static readonly string ModuleManifest = FindModule();
        private readonly Runspace _runspace;
        public Runspace Runspace => _runspace;

        public PsHarness()
        {
            var iss = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
            var import = Run($"Import-Module '{ModuleManifest}' -ErrorAction Stop; Disconnect-AtlassianOrg -All");
            Assert.False(import.HadErrors, import.ErrorText);
        }

        public PsResult Run(string script, IDictionary<string, object> variables = null)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables != null)
                foreach (var kv in variables) _runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);
            ps.AddScript(script);
            var result = new PsResult();
            try
            {
                result.Output = ps.Invoke();
            }
            catch (RuntimeException ex)
            {
                result.Terminating = ex;
                result.Output = new Collection<PSObject>();
            }
            result.Errors = ps.Streams.Error.ToList();
            result.Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList();
            result.Warnings = ps.Streams.Warning.Select(v => v.Message).ToList();
            result.Debug = ps.Streams.Debug.Select(v => v.Message).ToList();
            result.Information = ps.Streams.Information.Select(v => v.ToString()).ToList();
            result.Progress = ps.Streams.Progress.ToList();
            return result;
        }

        public static SecureString Secure(string s)
        {
            var ss = new SecureString();
            foreach (var c in s) ss.AppendChar(c);
            ss.MakeReadOnly();
            return ss;
        }

        /// <summary>A CSV row as Import-Csv makes it: a PSCustomObject with string properties.</summary>
        public static PSObject Row(params (string Name, string Value)[] columns)
        {
            var o = new PSObject();
            foreach (var (name, value) in columns) o.Properties.Add(new PSNoteProperty(name, value));
            return o;
        }

        public void Dispose()
        {
            Run("Disconnect-AtlassianOrg -All");
            _runspace.Dispose();
        }

        private static string FindModule()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "out", "AtlassianAdmin", "AtlassianAdmin.psd1");
                if (File.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException("out/AtlassianAdmin/AtlassianAdmin.psd1 not found; build the solution first.");
        }
    }

    public sealed class PsResult
    {
        public Collection<PSObject> Output { get; set; }
        public List<ErrorRecord> Errors { get; set; }
        public List<string> Verbose { get; set; }
        public List<string> Warnings { get; set; }
        public List<string> Debug { get; set; }
        public List<string> Information { get; set; }
        public List<ProgressRecord> Progress { get; set; }
        public RuntimeException Terminating { get; set; }
        public bool HadErrors => Errors.Count > 0 || Terminating != null;
        /// <summary>The one error the script produced (statement-terminating errors land in the error stream too).</summary>
        public ErrorRecord Error => Terminating?.ErrorRecord ?? Errors.Single();
        public string ErrorText => string.Join(Environment.NewLine, Errors.Select(e => e.ToString()).Concat(Terminating == null ? Array.Empty<string>() : new[] { Terminating.ToString() }));

        /// <summary>Every piece of text the pipeline produced on any stream, for secret scanning.</summary>
        public string AllText()
        {
            var parts = new List<string>();
            parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
            foreach (var o in Output.Where(o => o != null))
                parts.AddRange(o.Properties.Select(p => { try { return p.Value?.ToString() ?? ""; } catch { return ""; } }));
            foreach (var e in Errors)
            {
                parts.Add(e.ToString());
                parts.Add(e.Exception?.ToString() ?? "");
                parts.Add(e.TargetObject?.ToString() ?? "");
                parts.Add(e.ErrorDetails?.Message ?? "");
            }
            if (Terminating != null) parts.Add(Terminating.ToString());
            parts.AddRange(Verbose);
            parts.AddRange(Warnings);
            parts.AddRange(Debug);
            parts.AddRange(Information);
            return string.Join("\n", parts);
        }
    }
}
