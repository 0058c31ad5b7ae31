using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>A minimal host with a UI (a headless runspace has none): the progress tests need the difference.</summary>
    internal sealed class UiHost : PSHost
    {
        private readonly ConsoleUI _ui = new ConsoleUI();
        public override string Name => "AtlassianAdmin.Tests.UiHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public int ExitCode { get; private set; }
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class ConsoleUI : PSHostUserInterface
    {
        // Plain text when redirected (CI logs, files): the formatter's ANSI escapes are stripped.
        private static readonly bool Plain = Console.IsOutputRedirected;
        private static readonly System.Text.RegularExpressions.Regex Ansi = new System.Text.RegularExpressions.Regex(@"\x1b\[[0-9;]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);
        private static string Out(string value) => Plain && value != null ? Ansi.Replace(value, "") : value;

        private readonly RawUI _raw = new RawUI();
        public override PSHostRawUserInterface RawUI => _raw;
        public override bool SupportsVirtualTerminal => !Plain;
        public override void Write(string value) => Console.Write(Out(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(Out(value));
        public override void WriteLine(string value) => Console.WriteLine(Out(value));
        public override void WriteErrorLine(string value) => Console.Error.WriteLine(Out(value));
        public override void WriteDebugLine(string message) => Console.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Console.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Console.WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { /* non-interactive: no progress bars */ }
        public override string ReadLine() => throw new NotSupportedException("This host is non-interactive.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host is non-interactive.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("This host is non-interactive.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("This host is non-interactive.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("This host is non-interactive.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("This host is non-interactive; use -Confirm:$false or -Force.");
    }

    internal sealed class RawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; } = new Size(120, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(120, 50);
        public override Size MaxWindowSize => new Size(120, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(120, 50);
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
