#nullable enable
using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// The user of each record of a change cmdlet, held by the cmdlet (which declares -AccountId, -Email and -DirectoryId
    /// itself, with the aliases of <see cref="ParameterVocabulary"/>, and passes their values in):
    /// <list type="bullet">
    /// <item><see cref="Capture"/> (pipeline thread, from the cmdlet's <c>Capture</c>): the record's user, validated, and
    /// its directory (the given one, or the org's only directory); <see cref="Identity"/> when the directory comes from
    /// elsewhere (a group's) or there is none (a Jira site);</item>
    /// <item><see cref="ResolveAsync"/> (plan): the org user, looked up in batches with the other records;</item>
    /// <item><see cref="Describe"/> and <see cref="Display"/>: how a record and a user read in results and errors.</item>
    /// </list>
    /// </summary>
    public sealed class UserCapture
    {
        private readonly AtlassianConnectedCmdlet _cmdlet;
        private readonly Lazy<UserResolver> _users;

        /// <param name="cmdlet">The cmdlet whose connection, org and directory choice are used.</param>
        public UserCapture(AtlassianConnectedCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            // One resolver for the invocation, created once even when the first plans race for it: records are batched
            // together only through the same resolver.
            _users = new Lazy<UserResolver>(() => new UserResolver(cmdlet.OrgApi, cmdlet.OrgId, cmdlet.ActiveConnection.Cache));
        }

        /// <summary>
        /// The record's user from the cmdlet's -AccountId/-Email/-DirectoryId values and the piped item, in the chosen
        /// directory. Throws <see cref="ItemFailedException"/> for bad input (nothing is sent).
        /// </summary>
        public UserRef Capture(string? accountId, string? email, string? directoryId, PSObject? item)
        {
            var user = Identity(accountId, email, item);
            user.DirectoryId = _cmdlet.ResolveDirectoryId(Clean(directoryId));
            return user;
        }

        /// <summary>
        /// The record's user without a directory: accountId wins over email; a piped string is an email when it contains
        /// '@', else an accountId (<see cref="UserInput.Parse"/>). Throws <see cref="ItemFailedException"/> for bad input.
        /// </summary>
        public static UserRef Identity(string? accountId, string? email, PSObject? item)
        {
            var (id, mail) = UserInput.Parse(accountId, email, item?.BaseObject as string);
            return new UserRef { AccountId = id, Email = mail };
        }

        /// <summary>The org user (batched with the other records, cached for the invocation), or <see cref="ItemFailedException"/> (UserNotFound).</summary>
        public Task<AtlassianUser> ResolveAsync(UserRef user, CancellationToken ct) => _users.Value.ResolveAsync(user, ct);

        /// <summary>How a record reads before it is captured (for a row that fails early): its email, accountId or the item.</summary>
        public static string? Describe(string? accountId, string? email, PSObject? item) =>
            Clean(email) ?? Clean(accountId) ?? item?.BaseObject?.ToString();

        /// <summary>A user as results show them: <c>Name &lt;email&gt;</c>, or <c>Name (accountId)</c> without an email.</summary>
        public static string Display(AtlassianUser user) =>
            string.IsNullOrEmpty(user.Email) ? $"{user.Name} ({user.AccountId})" : $"{user.Name} <{user.Email}>";

        private static string? Clean(string? s) => s == null || string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
