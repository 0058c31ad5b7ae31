using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using Xunit;

namespace AtlassianAdmin.Module.Tests
{
    /// <summary>
    /// Safety questions fail closed, with a host whose answers the test scripts: Enter (the default), an explicit Yes,
    /// and hosts that throw. (Real stdin shapes are covered by tests/Pester/Unattended.Tests.ps1.)
    /// </summary>
    public class ConfirmationTests
    {
        private const string Group = "jira-software-users";

        [Fact]
        public void The_large_removal_question_defaults_to_No_and_Enter_changes_nothing()
        {
            using var s = new ScriptedSession(ui => ui.Answer = (choices, defaultChoice) => defaultChoice);
            var before = s.MemberCount(Group);
            var r = s.Run($"$keep = @(Get-AtlassianGroupMember -Group {Group})[0].Email; [pscustomobject]@{{ group = '{Group}'; email = $keep }} | Sync-AtlassianGroupMembership -RemoveUnlisted -Confirm:$false");
            Assert.StartsWith("RemovalThresholdExceeded", r.Error.FullyQualifiedErrorId);
            Assert.Equal(1, s.Ui.LastDefault);
            Assert.Equal("&No", s.Ui.LastChoices[s.Ui.LastDefault]);
            Assert.Equal(before, s.MemberCount(Group));
        }

        [Fact]
        public void An_explicit_Yes_applies_the_large_removal()
        {
            using var s = new ScriptedSession(ui => ui.Answer = (choices, defaultChoice) => 0);
            var r = s.Run($"$keep = @(Get-AtlassianGroupMember -Group {Group})[0].Email; [pscustomobject]@{{ group = '{Group}'; email = $keep }} | Sync-AtlassianGroupMembership -RemoveUnlisted -Confirm:$false");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(1, s.MemberCount(Group));
        }

        [Theory]
        [InlineData(typeof(NullReferenceException))]
        [InlineData(typeof(PSInvalidOperationException))]
        [InlineData(typeof(HostException))]
        [InlineData(typeof(NotImplementedException))]
        public void A_host_that_throws_is_a_No_with_RemovalThresholdExceeded(Type exception)
        {
            using var s = new ScriptedSession(ui => ui.Answer = (c, d) => throw (Exception)Activator.CreateInstance(exception));
            var before = s.MemberCount(Group);
            var r = s.Run($"$keep = @(Get-AtlassianGroupMember -Group {Group})[0].Email; [pscustomobject]@{{ group = '{Group}'; email = $keep }} | Sync-AtlassianGroupMembership -RemoveUnlisted -Confirm:$false");
            Assert.StartsWith("RemovalThresholdExceeded", r.Error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, r.Error.CategoryInfo.Category);
            Assert.DoesNotContain(exception.Name, r.ErrorText);
            Assert.Equal(before, s.MemberCount(Group));
        }

        [Fact]
        public void An_add_only_plan_asks_nothing_and_a_plan_with_removals_asks_once_with_default_No()
        {
            using var s = new ScriptedSession(ui => ui.Answer = (choices, defaultChoice) => defaultChoice);
            var setup = s.Run("New-AtlassianGroup -Name confirm-small | Out-Null; $u = @(Get-AtlassianUser -Status active -First 4); " +
                              "$u[0..2] | ForEach-Object { [pscustomobject]@{ group = 'confirm-small'; email = $_.Email } } | Sync-AtlassianGroupMembership -PassThru");
            Assert.False(setup.HadErrors, setup.ErrorText);
            Assert.Equal(new[] { "Changed", "Changed", "Changed" }, setup.Output.Select(o => o.Properties["Outcome"].Value.ToString()));
            Assert.Equal(0, s.Ui.Prompts); // add-only: ConfirmImpact Medium, no question

            // One kept, one added, two unlisted: the removals are asked about once; Enter declines them, the add still runs.
            var r = s.Run("@($u[0], $u[3]) | ForEach-Object { [pscustomobject]@{ group = 'confirm-small'; email = $_.Email } } | " +
                          "Sync-AtlassianGroupMembership -RemoveUnlisted -MaxRemovalPercent 100 -PassThru");
            Assert.False(r.HadErrors, r.ErrorText);
            Assert.Equal(1, s.Ui.Prompts);
            var outcomes = r.Output.Select(o => (o.Properties["Action"].Value.ToString(), o.Properties["Outcome"].Value.ToString())).ToList();
            Assert.Contains(("Add group member", "Changed"), outcomes);
            Assert.Equal(2, outcomes.Count(o => o == ("Remove group member", "Declined")));
            Assert.Equal(4, s.MemberCount("confirm-small"));
        }

        [Fact]
        public void ConfirmImpact_High_with_a_host_that_cannot_prompt_stops_with_ConfirmationRequired_naming_Force()
        {
            using var s = new ScriptedSession(ui => ui.Answer = (c, d) => throw new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."));
            Assert.False(s.Run("New-AtlassianGroup -Name confirm-high | Out-Null").HadErrors);
            var r = s.Run("Remove-AtlassianGroup -Group confirm-high");
            Assert.Equal("ConfirmationRequired,AtlassianAdmin.Cmdlets.Groups.RemoveAtlassianGroupCommand", r.Error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, r.Error.CategoryInfo.Category);
            Assert.Contains("-Force", r.Error.Exception.Message);
            Assert.DoesNotContain("NonInteractive mode", r.Error.Exception.Message);
            Assert.Single(s.Run("Get-AtlassianGroup -Name confirm-high").Output);
            // A small sync removal without -Confirm:$false needs the same confirmation.
            var sync = s.Run("$u = @(Get-AtlassianUser -Status active -First 2); $u | ForEach-Object { [pscustomobject]@{ group = 'confirm-high'; email = $_.Email } } | Sync-AtlassianGroupMembership | Out-Null; " +
                             "[pscustomobject]@{ group = 'confirm-high'; email = $u[0].Email } | Sync-AtlassianGroupMembership -RemoveUnlisted -MaxRemovalPercent 100");
            Assert.True(sync.Errors.Count + (sync.Terminating == null ? 0 : 1) == 1, sync.ErrorText);
            Assert.StartsWith("ConfirmationRequired", sync.Error.FullyQualifiedErrorId);
            Assert.Equal(2, s.MemberCount("confirm-high"));
            // -Force applies without a question.
            Assert.False(s.Run("Remove-AtlassianGroup -Group confirm-high -Force").HadErrors);
            Assert.Empty(s.Run("Get-AtlassianGroup -Name confirm-high -ErrorAction SilentlyContinue").Output);
        }

        /// <summary>A runspace on a <see cref="ScriptedHost"/>, connected to the in-process sandbox.</summary>
        private sealed class ScriptedSession : IDisposable
        {
            private readonly Runspace _runspace;
            public ScriptedUi Ui { get; } = new ScriptedUi();

            public ScriptedSession(Action<ScriptedUi> configure)
            {
                configure(Ui);
                _runspace = RunspaceFactory.CreateRunspace(new ScriptedHost(Ui), InitialSessionState.CreateDefault2());
                _runspace.Open();
                var r = Run($"Import-Module '{PsHarness.ModuleManifest}' -ErrorAction Stop; Disconnect-AtlassianOrg -All; Connect-AtlassianOrg -Sandbox | Out-Null");
                Assert.False(r.HadErrors, r.ErrorText);
            }

            public int MemberCount(string group)
            {
                var r = Run($"@(Get-AtlassianGroupMember -Group '{group}').Count");
                Assert.False(r.HadErrors, r.ErrorText);
                return (int)r.Output.Single().BaseObject;
            }

            public PsResult Run(string script)
            {
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddScript(script);
                var result = new PsResult();
                try { result.Output = ps.Invoke(); }
                catch (RuntimeException ex) { result.Terminating = ex; result.Output = new Collection<PSObject>(); }
                result.Errors = ps.Streams.Error.ToList();
                result.Verbose = new List<string>();
                result.Warnings = ps.Streams.Warning.Select(w => w.Message).ToList();
                result.Debug = new List<string>();
                result.Information = new List<string>();
                result.Progress = new List<ProgressRecord>();
                return result;
            }

            public void Dispose()
            {
                Run("Disconnect-AtlassianOrg -All");
                _runspace.Dispose();
            }
        }

        private sealed class ScriptedHost : PSHost
        {
            private readonly ScriptedUi _ui;
            public ScriptedHost(ScriptedUi ui) => _ui = ui;
            public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
            public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
            public override Guid InstanceId { get; } = Guid.NewGuid();
            public override string Name => "ScriptedHost";
            public override PSHostUserInterface UI => _ui;
            public override Version Version => new Version(1, 0);
            public override void EnterNestedPrompt() => throw new NotSupportedException();
            public override void ExitNestedPrompt() => throw new NotSupportedException();
            public override void NotifyBeginApplication() { }
            public override void NotifyEndApplication() { }
            public override void SetShouldExit(int exitCode) { }
        }

        /// <summary>Answers PromptForChoice with a scripted function; counts the questions.</summary>
        private sealed class ScriptedUi : PSHostUserInterface
        {
            public Func<string[], int, int> Answer { get; set; }
            public int Prompts { get; private set; }
            public int LastDefault { get; private set; } = -1;
            public string[] LastChoices { get; private set; }

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                Prompts++;
                LastChoices = choices.Select(c => c.Label).ToArray();
                LastDefault = defaultChoice;
                return Answer(LastChoices, defaultChoice);
            }

            public override PSHostRawUserInterface RawUI => null;
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override string ReadLine() => throw new NotSupportedException();
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
            public override void Write(string value) { }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
            public override void WriteLine(string value) { }
            public override void WriteDebugLine(string message) { }
            public override void WriteErrorLine(string value) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
        }
    }
}
