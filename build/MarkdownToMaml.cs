// Compiled by MSBuild's RoslynCodeTaskFactory (see build/Help.targets): turns docs/*.md (platyPS-style pages, format in
// docs/README.md) into one MAML file, <Module>.dll-Help.xml, so Get-Help and the docs never diverge.
// Deliberately dependency-free (System.Xml only) and forgiving: unknown sections are ignored, missing ones left empty.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkdownToMaml : Task
{
    [Required] public ITaskItem[] Pages { get; set; }
    [Required] public string OutputFile { get; set; }

    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public override bool Execute()
    {
        var pages = new List<Page>();
        foreach (var item in Pages.OrderBy(p => p.ItemSpec, StringComparer.OrdinalIgnoreCase))
        {
            if (string.Equals(Path.GetFileName(item.ItemSpec), "README.md", StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                var page = Page.Parse(File.ReadAllLines(item.ItemSpec));
                if (page.Name == null) { Log.LogWarning("{0}: no '# Cmdlet-Name' heading; skipped.", item.ItemSpec); continue; }
                pages.Add(page);
            }
            catch (Exception ex)
            {
                Log.LogError("{0}: {1}", item.ItemSpec, ex.Message);
            }
        }
        if (Log.HasLoggedErrors) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile)));
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var w = XmlWriter.Create(OutputFile, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("helpItems", Msh);
            w.WriteAttributeString("schema", "maml");
            foreach (var page in pages) page.Write(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        Log.LogMessage(MessageImportance.Normal, "Wrote help for {0} cmdlets to {1}", pages.Count, OutputFile);
        return true;
    }

    private sealed class Parameter
    {
        public string Name, Type = "Object", Sets = "(All)", Aliases, Position = "Named", Default, Pipeline = "False", Wildcards = "False";
        public bool Required;
        public List<string> Description = new List<string>();
    }

    private sealed class Example
    {
        public string Title;
        public List<string> Code = new List<string>();
        public List<string> Remarks = new List<string>();
    }

    private sealed class SyntaxParameter
    {
        public string Name, Type, Position = "named";
        public bool Required;
    }

    private sealed class Page
    {
        public string Name, Synopsis;
        public List<string> Description = new List<string>(), Notes = new List<string>(), Inputs = new List<string>(), Outputs = new List<string>();
        public List<List<SyntaxParameter>> Syntax = new List<List<SyntaxParameter>>();
        public List<Parameter> Parameters = new List<Parameter>();
        public List<Example> Examples = new List<Example>();
        public List<KeyValuePair<string, string>> Links = new List<KeyValuePair<string, string>>();

        public static Page Parse(string[] lines)
        {
            var page = new Page();
            var i = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                i = 1;
                while (i < lines.Length && lines[i].Trim() != "---") i++;
                i++;
            }
            // Split into "## " sections (outside code fences).
            var sections = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            List<string> current = null;
            var fenced = false;
            for (; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```")) fenced = !fenced;
                if (!fenced && line.StartsWith("# ") && page.Name == null) { page.Name = line.Substring(2).Trim(); continue; }
                if (!fenced && line.StartsWith("## ")) { current = new List<string>(); sections[line.Substring(3).Trim()] = current; continue; }
                current?.Add(line);
            }
            if (sections.TryGetValue("SYNOPSIS", out var s)) page.Synopsis = string.Join(" ", Paragraphs(s));
            if (sections.TryGetValue("DESCRIPTION", out var d)) page.Description = Paragraphs(d);
            if (sections.TryGetValue("NOTES", out var n)) page.Notes = Paragraphs(n);
            if (sections.TryGetValue("INPUTS", out var inp)) page.Inputs = TypeList(inp);
            if (sections.TryGetValue("OUTPUTS", out var outp)) page.Outputs = TypeList(outp);
            if (sections.TryGetValue("SYNTAX", out var syn)) page.Syntax = ParseSyntax(syn);
            if (sections.TryGetValue("EXAMPLES", out var ex)) page.Examples = Subsections(ex).Select(ToExample).ToList();
            if (sections.TryGetValue("PARAMETERS", out var ps))
                page.Parameters = Subsections(ps).Where(x => x.Key.StartsWith("-")).Select(ToParameter).ToList();
            if (sections.TryGetValue("RELATED LINKS", out var links))
            {
                foreach (Match m in Regex.Matches(string.Join("\n", links), @"\[([^\]]+)\]\(([^)]*)\)"))
                {
                    var uri = m.Groups[2].Value;
                    page.Links.Add(new KeyValuePair<string, string>(m.Groups[1].Value, uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? uri : ""));
                }
            }
            return page;
        }

        /// <summary>"### " subsections of a section, in order, with their lines.</summary>
        private static List<KeyValuePair<string, List<string>>> Subsections(List<string> lines)
        {
            var result = new List<KeyValuePair<string, List<string>>>();
            var fenced = false;
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```")) fenced = !fenced;
                if (!fenced && line.StartsWith("### ")) { result.Add(new KeyValuePair<string, List<string>>(line.Substring(4).Trim(), new List<string>())); continue; }
                if (result.Count > 0) result[result.Count - 1].Value.Add(line);
            }
            return result;
        }

        /// <summary>Blank-line separated paragraphs; a fenced block becomes one paragraph keeping its line breaks.</summary>
        private static List<string> Paragraphs(IEnumerable<string> lines)
        {
            var result = new List<string>();
            var buffer = new List<string>();
            var fenced = false;
            Action flush = () =>
            {
                if (buffer.Count > 0) result.Add(fenced ? string.Join("\n", buffer) : string.Join(" ", buffer.Select(b => b.Trim())));
                buffer.Clear();
            };
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```"))
                {
                    flush();
                    fenced = !fenced;
                    continue;
                }
                if (!fenced && string.IsNullOrWhiteSpace(line)) { flush(); continue; }
                buffer.Add(fenced ? line : line.Trim());
            }
            flush();
            return result;
        }

        private static List<string> TypeList(List<string> lines) =>
            lines.Select(l => l.Trim().TrimStart('#').Trim()).Where(l => l.Length > 0).ToList();

        private static Example ToExample(KeyValuePair<string, List<string>> section)
        {
            var example = new Example { Title = section.Key };
            var before = new List<string>();
            var after = new List<string>();
            var state = 0; // 0 before code, 1 in code, 2 after code
            foreach (var line in section.Value)
            {
                if (line.TrimStart().StartsWith("```") && state < 2)
                {
                    state++;
                    continue;
                }
                if (state == 0) before.Add(line);
                else if (state == 1) example.Code.Add(line);
                else after.Add(line);
            }
            example.Remarks = Paragraphs(before).Concat(Paragraphs(after)).ToList();
            return example;
        }

        private static Parameter ToParameter(KeyValuePair<string, List<string>> section)
        {
            var p = new Parameter { Name = section.Key.TrimStart('-').Trim() };
            var text = new List<string>();
            var inYaml = false;
            var seenYaml = false;
            foreach (var line in section.Value)
            {
                var t = line.Trim();
                if (t.StartsWith("```"))
                {
                    if (!inYaml && !seenYaml && t.Substring(3).Trim().Equals("yaml", StringComparison.OrdinalIgnoreCase)) { inYaml = true; seenYaml = true; continue; }
                    if (inYaml) { inYaml = false; continue; }
                }
                if (!inYaml) { text.Add(line); continue; }
                var colon = t.IndexOf(':');
                if (colon < 0) continue;
                var key = t.Substring(0, colon).Trim();
                var value = t.Substring(colon + 1).Trim();
                switch (key.ToLowerInvariant())
                {
                    case "type": p.Type = value; break;
                    case "parameter sets": p.Sets = value; break;
                    case "aliases": p.Aliases = value; break;
                    case "required": p.Required = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                    case "position": p.Position = value; break;
                    case "default value": p.Default = value; break;
                    case "accept pipeline input": p.Pipeline = value; break;
                    case "accept wildcard characters": p.Wildcards = value; break;
                }
            }
            p.Description = Paragraphs(text);
            return p;
        }

        private static readonly Regex SyntaxToken = new Regex(
            @"\[\[-(?<n1>\w+)\]\s*<(?<t1>[^>]+)>\]" +      // [[-Name] <Type>]  optional, positional
            @"|\[-(?<n2>\w+)(?:\s*<(?<t2>[^>]+)>)?\]" +     // [-Name <Type>] / [-Switch]  optional
            @"|\[-(?<n3>\w+)\]\s*<(?<t3>[^>]+)>" +          // [-Name] <Type>  required, positional
            @"|(?<![\w-])-(?<n4>\w+)(?:\s*<(?<t4>[^>]+)>)?", // -Name <Type> / -Switch  required
            RegexOptions.Compiled);

        private static List<List<SyntaxParameter>> ParseSyntax(List<string> lines)
        {
            var result = new List<List<SyntaxParameter>>();
            var fenced = false;
            var block = new StringBuilder();
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```"))
                {
                    if (fenced && block.Length > 0) result.Add(ParseSyntaxLine(block.ToString()));
                    block.Clear();
                    fenced = !fenced;
                    continue;
                }
                if (fenced) block.Append(' ').Append(line.Trim());
            }
            return result;
        }

        private static List<SyntaxParameter> ParseSyntaxLine(string text)
        {
            text = text.Trim();
            var space = text.IndexOf(' ');
            text = space < 0 ? "" : text.Substring(space + 1).Replace("[<CommonParameters>]", "");
            var result = new List<SyntaxParameter>();
            var position = 0;
            foreach (Match m in SyntaxToken.Matches(text))
            {
                var sp = new SyntaxParameter();
                if (m.Groups["n1"].Success) { sp.Name = m.Groups["n1"].Value; sp.Type = m.Groups["t1"].Value; sp.Position = position++.ToString(); }
                else if (m.Groups["n2"].Success) { sp.Name = m.Groups["n2"].Value; sp.Type = m.Groups["t2"].Success ? m.Groups["t2"].Value : null; }
                else if (m.Groups["n3"].Success) { sp.Name = m.Groups["n3"].Value; sp.Type = m.Groups["t3"].Value; sp.Required = true; sp.Position = position++.ToString(); }
                else { sp.Name = m.Groups["n4"].Value; sp.Type = m.Groups["t4"].Success ? m.Groups["t4"].Value : null; sp.Required = true; }
                result.Add(sp);
            }
            return result;
        }

        public void Write(XmlWriter w)
        {
            w.WriteStartElement("command", "command", Command);
            w.WriteAttributeString("xmlns", "maml", null, Maml);
            w.WriteAttributeString("xmlns", "dev", null, Dev);
            var dash = Name.IndexOf('-');
            w.WriteStartElement("details", Command);
            w.WriteElementString("name", Command, Name);
            w.WriteElementString("verb", Command, dash > 0 ? Name.Substring(0, dash) : Name);
            w.WriteElementString("noun", Command, dash > 0 ? Name.Substring(dash + 1) : "");
            WriteParas(w, "description", Maml, new[] { Synopsis ?? "" });
            w.WriteEndElement();
            WriteParas(w, "description", Maml, Description);

            w.WriteStartElement("syntax", Command);
            foreach (var item in Syntax)
            {
                w.WriteStartElement("syntaxItem", Command);
                w.WriteElementString("name", Maml, Name);
                foreach (var sp in item)
                {
                    var doc = Parameters.FirstOrDefault(p => string.Equals(p.Name, sp.Name, StringComparison.OrdinalIgnoreCase));
                    WriteParameter(w, sp.Name, sp.Required, sp.Position, sp.Type, doc, inSyntax: true);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();

            w.WriteStartElement("parameters", Command);
            foreach (var p in Parameters) WriteParameter(w, p.Name, p.Required, p.Position, p.Type, p, inSyntax: false);
            w.WriteEndElement();

            w.WriteStartElement("inputTypes", Command);
            foreach (var t in Inputs) TypeEntry(w, "inputType", t);
            w.WriteEndElement();
            w.WriteStartElement("returnValues", Command);
            foreach (var t in Outputs) TypeEntry(w, "returnValue", t);
            w.WriteEndElement();

            if (Notes.Count > 0)
            {
                w.WriteStartElement("alertSet", Maml);
                w.WriteStartElement("alert", Maml);
                foreach (var para in Notes) w.WriteElementString("para", Maml, para);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteStartElement("examples", Command);
            foreach (var e in Examples)
            {
                w.WriteStartElement("example", Command);
                w.WriteElementString("title", Maml, "---------- " + e.Title + " ----------");
                w.WriteElementString("code", Dev, string.Join("\n", e.Code));
                w.WriteStartElement("remarks", Dev);
                foreach (var para in e.Remarks) w.WriteElementString("para", Maml, para);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();

            w.WriteStartElement("relatedLinks", Maml);
            foreach (var link in Links)
            {
                w.WriteStartElement("navigationLink", Maml);
                w.WriteElementString("linkText", Maml, link.Key);
                w.WriteElementString("uri", Maml, link.Value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter w, string name, bool required, string position, string type, Parameter doc, bool inSyntax)
        {
            var isSwitch = type == null || type == "SwitchParameter";
            type = type ?? "SwitchParameter";
            w.WriteStartElement("parameter", Command);
            w.WriteAttributeString("required", required ? "true" : "false");
            w.WriteAttributeString("variableLength", type.EndsWith("[]") ? "true" : "false");
            w.WriteAttributeString("globbing", doc != null && doc.Wildcards.StartsWith("True", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
            w.WriteAttributeString("pipelineInput", doc?.Pipeline ?? "False");
            w.WriteAttributeString("position", string.IsNullOrEmpty(position) || position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position);
            w.WriteAttributeString("aliases", string.IsNullOrEmpty(doc?.Aliases) ? "none" : doc.Aliases);
            w.WriteElementString("name", Maml, name);
            WriteParas(w, "description", Maml, doc?.Description ?? new List<string>());
            if (!isSwitch || !inSyntax)
            {
                w.WriteStartElement("parameterValue", Command);
                w.WriteAttributeString("required", isSwitch ? "false" : "true");
                w.WriteAttributeString("variableLength", "false");
                w.WriteString(type);
                w.WriteEndElement();
            }
            w.WriteStartElement("type", Dev);
            w.WriteElementString("name", Maml, type);
            w.WriteEndElement();
            if (!inSyntax) w.WriteElementString("defaultValue", Dev, string.IsNullOrEmpty(doc?.Default) ? "None" : doc.Default);
            w.WriteEndElement();
        }

        private static void TypeEntry(XmlWriter w, string element, string type)
        {
            w.WriteStartElement(element, Command);
            w.WriteStartElement("type", Dev);
            w.WriteElementString("name", Maml, type);
            w.WriteEndElement();
            w.WriteStartElement("description", Maml);
            w.WriteElementString("para", Maml, "");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private static void WriteParas(XmlWriter w, string element, string ns, IEnumerable<string> paragraphs)
        {
            w.WriteStartElement(element, ns);
            foreach (var para in paragraphs) w.WriteElementString("para", Maml, para);
            w.WriteEndElement();
        }
    }
}
