using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Reflection;

namespace AtlassianAdmin.Engine
{
    /// <summary>
    /// Confirmation that fails closed. A question is only put to someone who can answer it; whatever is not an explicit
    /// "yes" (an empty line, end of input, a redirected stdin, a host that cannot prompt or throws) is "no".
    /// </summary>
    internal static class Confirmation
    {
        /// <summary>Error id of a change that needs confirmation when nobody can answer.</summary>
        public const string RequiredErrorId = "ConfirmationRequired";

        /// <summary>
        /// Whether anyone can answer a prompt. pwsh's console host reads answers from stdin: when stdin is redirected
        /// (cron, CI, <c>&lt; /dev/null</c>, an idle pipe) it would read an accidental newline as the default answer,
        /// fail on end of input, or wait forever, so a redirected console is treated as unattended.
        /// </summary>
        public static bool CanPrompt(PSHost host)
        {
            if (host?.UI == null) return false;
            if (string.Equals(host.Name, "ConsoleHost", StringComparison.Ordinal))
            {
                try { if (Console.IsInputRedirected) return false; }
                catch (Exception) { return false; }
            }
            return true;
        }

        /// <summary>
        /// Asks a yes/no question whose default is No. <see cref="Answer.Yes"/> only for an explicit Yes;
        /// <see cref="Answer.Unanswered"/> when nobody can answer (see <see cref="CanPrompt"/>) or the host fails to ask.
        /// </summary>
        public static Answer AskDefaultNo(PSCmdlet cmdlet, string caption, string question)
        {
            if (!CanPrompt(cmdlet.Host)) return Answer.Unanswered;
            var choices = new Collection<ChoiceDescription>
            {
                new ChoiceDescription("&Yes", "Apply the changes."),
                new ChoiceDescription("&No", "Change nothing (the default)."),
            };
            try
            {
                return cmdlet.Host.UI.PromptForChoice(caption, question, choices, 1) == 0 ? Answer.Yes : Answer.No;
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception)
            {
                // PSInvalidOperationException (-NonInteractive), HostException, NotImplementedException, a host that
                // trips over end of input (NullReferenceException): nobody said yes.
                return Answer.Unanswered;
            }
        }

        public enum Answer { No, Yes, Unanswered }

        /// <summary>
        /// Whether <see cref="Cmdlet.ShouldProcess(string, string, string)"/> would ask for this cmdlet now: not under
        /// -WhatIf, and either -Confirm given, or the cmdlet's ConfirmImpact at or above $ConfirmPreference (unless -Confirm:$false).
        /// </summary>
        public static bool ShouldProcessWouldPrompt(PSCmdlet cmdlet, bool whatIf, ConfirmImpact impact)
        {
            if (whatIf) return false;
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
                return confirm is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(confirm);
            var preference = ReadPreference(cmdlet.GetVariableValue("ConfirmPreference"));
            return preference != ConfirmImpact.None && impact >= preference;
        }

        /// <summary>The ConfirmImpact declared on the cmdlet class.</summary>
        public static ConfirmImpact DeclaredImpact(Cmdlet cmdlet) =>
            cmdlet.GetType().GetCustomAttribute<CmdletAttribute>()?.ConfirmImpact ?? ConfirmImpact.Medium;

        /// <summary>The error for a change that needs confirmation nobody can give; says which switch to pass.</summary>
        public static ErrorRecord Required(PSCmdlet cmdlet, string what, bool hasForce, object target)
        {
            var name = cmdlet.MyInvocation.MyCommand.Name;
            var howTo = hasForce ? "-Force (or -Confirm:$false)" : "-Confirm:$false";
            var message = $"{name} needs confirmation to {what}, but nobody can answer a prompt here (a non-interactive session, or input redirected from a file or pipe). " +
                          $"Nothing was changed from this item on. To apply without a prompt, run again with {howTo}; to preview, use -WhatIf.";
            var record = new ErrorRecord(new InvalidOperationException(message), RequiredErrorId, ErrorCategory.InvalidOperation, target);
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Pass {howTo} to confirm in advance, or -WhatIf to preview." };
            return record;
        }

        private static ConfirmImpact ReadPreference(object value)
        {
            if (value is ConfirmImpact impact) return impact;
            if (value is PSObject ps) value = ps.BaseObject;
            if (value is ConfirmImpact boxed) return boxed;
            return value != null && Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
        }
    }
}
