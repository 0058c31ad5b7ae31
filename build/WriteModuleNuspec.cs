// Compiled by RoslynCodeTaskFactory (build/Package.targets): writes the .nuspec of the Gallery package from the built
// module manifest (the one source of metadata: version, description, author, tags, URIs, exported cmdlets) and the
// CHANGELOG.md section of the version, the way Publish-PSResource would.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WriteModuleNuspec : Task
{
    [Required] public string Manifest { get; set; }
    [Required] public string OutputFile { get; set; }
    public string ChangeLog { get; set; }
    [Output] public string PackageId { get; set; }
    [Output] public string PackageVersion { get; set; }

    public override bool Execute()
    {
        var text = File.ReadAllText(Manifest);
        string Value(string key)
        {
            var m = Regex.Match(text, @"^\s*" + key + @"\s*=\s*'([^']*)'", RegexOptions.Multiline | RegexOptions.IgnoreCase);
            return m.Success ? m.Groups[1].Value : null;
        }
        List<string> List(string key)
        {
            var m = Regex.Match(text, @"^\s*" + key + @"\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.Singleline);
            return m.Success ? Regex.Matches(m.Groups[1].Value, @"'([^']*)'").Cast<Match>().Select(x => x.Groups[1].Value).ToList() : new List<string>();
        }

        PackageId = Path.GetFileNameWithoutExtension(Manifest);
        PackageVersion = Value("ModuleVersion");
        if (string.IsNullOrEmpty(PackageVersion) || PackageVersion.Contains("{{")) { Log.LogError("{0}: ModuleVersion is not stamped.", Manifest); return false; }
        var cmdlets = List("CmdletsToExport");
        var functions = List("FunctionsToExport");
        var tags = new List<string> { "PSModule" };
        tags.AddRange(List("Tags"));
        foreach (var edition in List("CompatiblePSEditions")) tags.Add("PSEdition_" + edition);
        if (cmdlets.Count > 0) tags.Add("PSIncludes_Cmdlet");
        if (functions.Count > 0) tags.Add("PSIncludes_Function");
        foreach (var c in cmdlets) { tags.Add("PSCmdlet_" + c); tags.Add("PSCommand_" + c); }
        foreach (var f in functions) { tags.Add("PSFunction_" + f); tags.Add("PSCommand_" + f); }

        var releaseNotes = ChangeLogSection(PackageVersion) ?? Value("ReleaseNotes") ?? "";
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile)));
        const string ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using (var w = XmlWriter.Create(OutputFile, settings))
        {
            w.WriteStartElement("package", ns);
            w.WriteStartElement("metadata", ns);
            w.WriteElementString("id", ns, PackageId);
            w.WriteElementString("version", ns, PackageVersion);
            w.WriteElementString("authors", ns, Value("Author") ?? "");
            w.WriteElementString("owners", ns, Value("CompanyName") ?? Value("Author") ?? "");
            w.WriteElementString("requireLicenseAcceptance", ns, "false");
            w.WriteStartElement("license", ns);
            w.WriteAttributeString("type", "expression");
            w.WriteString("MIT");
            w.WriteEndElement();
            w.WriteElementString("projectUrl", ns, Value("ProjectUri") ?? "");
            w.WriteElementString("description", ns, Value("Description") ?? "");
            w.WriteElementString("releaseNotes", ns, releaseNotes);
            w.WriteElementString("copyright", ns, Value("Copyright") ?? "");
            w.WriteElementString("tags", ns, string.Join(" ", tags.Distinct()));
            w.WriteEndElement();
            // Every file of the module folder, at the package root (the layout Install-PSResource expects).
            w.WriteStartElement("files", ns);
            w.WriteStartElement("file", ns);
            w.WriteAttributeString("src", "**");
            w.WriteAttributeString("target", "");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return true;
    }

    /// <summary>The "## [version]" (or "## version") section of CHANGELOG.md, without its heading.</summary>
    private string ChangeLogSection(string version)
    {
        if (string.IsNullOrEmpty(ChangeLog) || !File.Exists(ChangeLog)) return null;
        var lines = File.ReadAllLines(ChangeLog);
        var start = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^##\s+\[?" + Regex.Escape(version) + @"\]?(\s|$)"));
        if (start < 0) return null;
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## "));
        var body = lines.Skip(start + 1).Take((end < 0 ? lines.Length : end) - start - 1);
        return string.Join("\n", body).Trim();
    }
}
