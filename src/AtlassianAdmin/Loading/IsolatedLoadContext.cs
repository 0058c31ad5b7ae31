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

        private readonly Dictionary<string, Version> _shipped; // name -> assembly version, written by the build

        private IsolatedLoadContext(string directory)
        {
            _directory = directory;
            _platform = TrustedPlatformAssemblies();
            _shipped = ShippedVersions(directory);
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
                if (PlatformVersion(name.Name, platformPath) >= ShippedVersion(name.Name, path)) return null; // the host's copy is as new: share it
            }
            return LoadFromAssemblyPath(path);
        }

        // Versions come from the build's table and from the host's own copy, loaded the way it would be anyway: reading
        // them from the files (AssemblyName.GetAssemblyName) would load System.Reflection.Metadata on every import.
        private Version ShippedVersion(string name, string path) =>
            _shipped.TryGetValue(name, out var v) ? v : AssemblyName.GetAssemblyName(path).Version;

        private static Version PlatformVersion(string name, string platformPath)
        {
            try
            {
                return Default.LoadFromAssemblyName(new AssemblyName(name)).GetName().Version;
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
            {
                return AssemblyName.GetAssemblyName(platformPath).Version;
            }
        }

        private static Dictionary<string, Version> ShippedVersions(string directory)
        {
            var result = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            var file = Path.Combine(directory, "versions.txt");
            if (!File.Exists(file)) return result;
            foreach (var line in File.ReadAllLines(file))
            {
                var eq = line.IndexOf('=');
                if (eq > 0 && Version.TryParse(line.Substring(eq + 1).Trim(), out var v)) result[line.Substring(0, eq).Trim()] = v;
            }
            return result;
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
