using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace AtlassianAdmin.Loading
{
    /// <summary>
    /// The module's private AssemblyLoadContext (PowerShell 7). The cmdlet assembly stays in the default context; when
    /// it needs one of our assemblies (AtlassianAdmin.Client, AtlassianAdmin.Sandbox) the default context's Resolving
    /// event hands it over from here, and their own dependencies then resolve inside this context.
    /// A platform assembly (e.g. System.Text.Json in the runtime) is shared unless the module ships a newer one.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private static IsolatedLoadContext _instance;
        private readonly string _directory;
        private readonly Dictionary<string, string> _platform; // name -> path; versions are read only when needed

        private IsolatedLoadContext(string directory)
        {
            _directory = directory;
            _platform = TrustedPlatformAssemblies();
        }

        public static void Initialize(string directory)
        {
            _instance = new IsolatedLoadContext(directory);
            Default.Resolving += (context, name) => _instance.ServeToDefault(name);
        }

        /// <summary>Only the module's own entry assemblies cross into the default context.</summary>
        private Assembly ServeToDefault(AssemblyName name) =>
            name.Name != null && name.Name.StartsWith("AtlassianAdmin.", StringComparison.Ordinal) && File.Exists(PathOf(name))
                ? LoadFromAssemblyName(name)
                : null;

        protected override Assembly Load(AssemblyName name)
        {
            var path = PathOf(name);
            if (!File.Exists(path)) return null; // not ours: the default context decides
            if (name.Name != null && _platform.TryGetValue(name.Name, out var platformPath))
            {
                var shipped = AssemblyName.GetAssemblyName(path).Version;
                if (AssemblyName.GetAssemblyName(platformPath).Version >= shipped) return null; // the host's copy is as new: share it
            }
            return LoadFromAssemblyPath(path);
        }

        private string PathOf(AssemblyName name) => Path.Combine(_directory, name.Name + ".dll");

        private static Dictionary<string, string> TrustedPlatformAssemblies()
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string;
            if (string.IsNullOrEmpty(list)) return result;
            foreach (var path in list.Split(Path.PathSeparator).Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                result[Path.GetFileNameWithoutExtension(path)] = path;
            }
            return result;
        }
    }
}
