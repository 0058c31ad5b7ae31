using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using AtlassianAdmin.Connection;

namespace AtlassianAdmin.Loading
{
    /// <summary>
    /// Keeps the module's own copies of its dependencies (Polly, Microsoft.Extensions.*, System.Text.Json, and the
    /// Client/Sandbox assemblies that use them) from clashing with other modules or the host.
    /// Only this cmdlet assembly sits in the module root; everything else lives in Dependencies/.
    /// PowerShell 7: they load into the module's own AssemblyLoadContext. Windows PowerShell 5.1: AssemblyResolve serves them.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        private static bool _initialized;
        private static readonly object Gate = new object();

        public void OnImport() => EnsureInitialized();

        public void OnRemove(PSModuleInfo psModuleInfo) => AtlassianSession.Reset();

        internal static void EnsureInitialized()
        {
            lock (Gate)
            {
                if (_initialized) return;
                _initialized = true;
                if (!Directory.Exists(DependencyDirectory)) return; // running from a build folder (tests): nothing to isolate
                if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
                else
                    IsolatedLoadContext.Initialize(DependencyDirectory); // separate type: never touched on .NET Framework
            }
        }

        /// <summary>Windows PowerShell 5.1: serve only assemblies we ship, and only when they are asked for.</summary>
        private static Assembly ResolveOnNetFramework(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
