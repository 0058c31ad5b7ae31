using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace AtlassianAdmin.Secrets
{
    /// <summary>
    /// Reads a secret with Microsoft.PowerShell.SecretManagement without depending on it: a nested pipeline in the
    /// caller's runspace runs <c>Microsoft.PowerShell.SecretManagement\Get-Secret -Vault -Name</c> (as PSResourceGet
    /// does). Each failure has its own error id; the secret's value never reaches a stream or a message.
    /// </summary>
    internal static class SecretManagementReader
    {
        public const string ModuleName = "Microsoft.PowerShell.SecretManagement";

        /// <summary>A failure with a stable error id (SecretManagementNotInstalled, SecretVaultNotFound, SecretNotFound, ...).</summary>
        public sealed class SecretException : Exception
        {
            public SecretException(string message, string errorId, ErrorCategory category, Exception inner = null) : base(message, inner)
            {
                ErrorId = errorId;
                Category = category;
            }

            public string ErrorId { get; }
            public ErrorCategory Category { get; }
        }

        public static SecureString ReadSecureString(string vaultName, string secretName)
        {
            EnsureModule();
            EnsureVault(vaultName);
            object value;
            using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                ps.AddCommand(ModuleName + "\\Get-Secret")
                    .AddParameter("Vault", vaultName)
                    .AddParameter("Name", secretName)
                    .AddParameter("ErrorAction", ActionPreference.Stop);
                try
                {
                    value = ps.Invoke().FirstOrDefault(o => o != null)?.BaseObject;
                }
                catch (RuntimeException ex)
                {
                    if (IsNotFound(ex.ErrorRecord)) throw SecretNotFound(vaultName, secretName, ex);
                    throw new SecretException($"Reading secret '{secretName}' from vault '{vaultName}' failed: {ex.ErrorRecord?.Exception?.Message ?? ex.Message}",
                        "SecretReadFailed", ErrorCategory.ReadError, ex);
                }
                if (value == null) throw SecretNotFound(vaultName, secretName, null);
            }
            switch (value)
            {
                case SecureString secure: return secure.Copy();
                case string plain: return EnvironmentCredentials.Secure(plain);
                case PSCredential credential: return credential.Password.Copy();
                case NetworkCredential network: return network.SecurePassword.Copy();
                default:
                    throw new SecretException($"Secret '{secretName}' in vault '{vaultName}' is a {value.GetType().Name}; store the API key as a SecureString, a string or a PSCredential (the password is used).",
                        "UnsupportedSecretType", ErrorCategory.InvalidType);
            }
        }

        private static void EnsureModule()
        {
            using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                ps.AddCommand("Import-Module").AddParameter("Name", ModuleName).AddParameter("ErrorAction", ActionPreference.Stop);
                try
                {
                    ps.Invoke();
                }
                catch (RuntimeException ex)
                {
                    throw new SecretException($"-VaultName needs the {ModuleName} module, which could not be loaded: {ex.ErrorRecord?.Exception?.Message ?? ex.Message} Install it with 'Install-PSResource {ModuleName}' (or 'Install-Module {ModuleName}') and register a vault, or pass the key with -ApiKey or -FromEnvironment.",
                        "SecretManagementNotInstalled", ErrorCategory.NotInstalled, ex);
                }
            }
        }

        private static void EnsureVault(string vaultName)
        {
            using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                ps.AddCommand(ModuleName + "\\Get-SecretVault").AddParameter("ErrorAction", ActionPreference.SilentlyContinue);
                var names = ps.Invoke().Where(o => o != null).Select(o => o.Properties["Name"]?.Value as string).Where(n => n != null).ToList();
                if (!names.Contains(vaultName, StringComparer.OrdinalIgnoreCase))
                    throw new SecretException(
                        $"There is no secret vault named '{vaultName}'. " + (names.Count > 0 ? "Registered vaults: " + string.Join(", ", names.Select(n => "'" + n + "'")) + "." : "No vault is registered (see Register-SecretVault)."),
                        "SecretVaultNotFound", ErrorCategory.ObjectNotFound);
            }
        }

        private static bool IsNotFound(ErrorRecord record) =>
            record != null && (record.Exception is ItemNotFoundException || record.CategoryInfo.Category == ErrorCategory.ObjectNotFound ||
                               (record.FullyQualifiedErrorId ?? "").IndexOf("NotFound", StringComparison.OrdinalIgnoreCase) >= 0);

        private static SecretException SecretNotFound(string vaultName, string secretName, Exception inner) =>
            new SecretException($"Vault '{vaultName}' has no secret named '{secretName}'.", "SecretNotFound", ErrorCategory.ObjectNotFound, inner);
    }
}
