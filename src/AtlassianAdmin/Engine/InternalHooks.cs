using System;
using System.Reflection;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// Test hooks (as in PSResourceGet): set an internal static setting by name, e.g.
    /// <c>[AtlassianAdmin.Engine.InternalHooks]::SetTestHook('CompletionCache.DefaultMaxAge', [timespan]'00:00:00')</c>.
    /// Not for production use.
    /// </summary>
    public static class InternalHooks
    {
        public static void SetTestHook(string property, object value)
        {
            var dot = property.LastIndexOf('.');
            if (dot < 0) throw new ArgumentException("Use 'Type.Field', e.g. 'CompletionCache.DefaultMaxAge'.", nameof(property));
            var typeName = property.Substring(0, dot);
            var fieldName = property.Substring(dot + 1);
            foreach (var type in typeof(InternalHooks).Assembly.GetTypes())
            {
                if (type.Name != typeName) continue;
                var field = type.GetField(fieldName, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);
                if (field == null) break;
                field.SetValue(null, value is System.Management.Automation.PSObject pso ? pso.BaseObject : value);
                return;
            }
            throw new ArgumentException($"No static field '{property}'.", nameof(property));
        }
    }
}
