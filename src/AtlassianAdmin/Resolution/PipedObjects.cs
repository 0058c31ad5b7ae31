using System;
using System.Linq;
using System.Management.Automation;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// An object of this module piped into a cmdlet for another type (issue 14). PowerShell binds by property name, so a
    /// project's Key would be read as an issue key and a group's Id as a domain or SCIM id; such objects are refused by
    /// what they are instead, and their ids are never sent. Strings and CSV rows are not this module's objects: they bind
    /// as before.
    /// </summary>
    internal static class PipedObjects
    {
        /// <summary>The piped object when it is one of this module's types and none of <paramref name="accepted"/>; else null.</summary>
        public static object Foreign(PSObject piped, params Type[] accepted)
        {
            var o = piped?.BaseObject;
            if (o == null || !(o.GetType().Namespace ?? "").StartsWith("AtlassianAdmin", StringComparison.Ordinal)) return null;
            return accepted.Any(t => t.IsInstanceOfType(o)) ? null : o;
        }

        /// <summary>InputObjectWrongType, naming the type (not the object: its text may hold the very id not to misread).</summary>
        public static ItemFailedException Refusal(object foreign, string wanted, string hint) =>
            new ItemFailedException("InputObjectWrongType", ErrorCategory.InvalidType,
                $"The input is {Article(foreign.GetType().Name)}, not {wanted}; its ids are not read as {wanted}'s. {hint}");

        /// <summary>The <see cref="Refusal"/> when <paramref name="piped"/> is foreign, else null.</summary>
        public static ItemFailedException Refused(PSObject piped, string wanted, string hint, params Type[] accepted) =>
            Foreign(piped, accepted) is object foreign ? Refusal(foreign, wanted, hint) : null;

        /// <summary>Throws <see cref="Refusal"/> when <paramref name="piped"/> is foreign.</summary>
        public static void Require(PSObject piped, string wanted, string hint, params Type[] accepted)
        {
            if (Refused(piped, wanted, hint, accepted) is ItemFailedException refused) throw refused;
        }

        private static string Article(string typeName) => ("AEIOU".IndexOf(typeName[0]) >= 0 ? "an " : "a ") + typeName;
    }
}
