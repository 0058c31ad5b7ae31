using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Resolution
{
    /// <summary>
    /// The user of each record of an org change cmdlet, composed by the cmdlet (which declares -AccountId, -Email and
    /// -DirectoryId itself, with the aliases of <see cref="ParameterVocabulary"/>):
    /// <list type="bullet">
    /// <item><see cref="Capture"/> (pipeline thread, in the cmdlet's <c>Capture</c>): the record's user, validated
    /// (accountId wins; a piped string is an email when it contains '@', else an accountId), and its directory (the given
    /// one, or the org's only directory);</item>
    /// <item><see cref="ResolveAsync"/> (plan): the user, looked up in batches with the other records (<see cref="UserResolver"/>);</item>
    /// <item><see cref="Describe"/> and <see cref="Display"/>: how a record and a user read in results and errors.</item>
    /// </list>
    /// </summary>
    public sealed class UserCapture
    {
        private readonly AtlassianConnectedCmdlet _cmdlet;
        private UserResolver _users;

        /// <param name="cmdlet">The cmdlet whose connection, org and directory choice are used.</param>
        public UserCapture(AtlassianConnectedCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>The invocation's batched resolver (created at the first capture, on the pipeline thread).</summary>
        public UserResolver Users => _users ?? (_users = new UserResolver(_cmdlet.OrgApi, _cmdlet.OrgId, _cmdlet.ActiveConnection.Cache));

        /// <summary>
        /// Reads and validates the record's user from the cmdlet's -AccountId/-Email/-DirectoryId values and the piped
        /// item. Throws <see cref="ItemFailedException"/> for bad input (nothing is sent).
        /// </summary>
        public UserRef Capture(string accountId, string email, string directoryId, PSObject item)
        {
            _ = Users;
            var (id, mail) = UserInput.Parse(accountId, email, item?.BaseObject as string);
            return new UserRef { AccountId = id, Email = mail, DirectoryId = _cmdlet.ResolveDirectoryId(Clean(directoryId)) };
        }

        /// <summary>The user, or <see cref="ItemFailedException"/> (UserNotFound).</summary>
        public Task<AtlassianUser> ResolveAsync(UserRef user, CancellationToken ct) => Users.ResolveAsync(user, ct);

        /// <summary>How a record reads before it is captured (for a row that fails early): its email, accountId or the item.</summary>
        public static string Describe(string accountId, string email, PSObject item) =>
            Clean(email) ?? Clean(accountId) ?? item?.BaseObject?.ToString();

        /// <summary>A user as results show them: <c>Name &lt;email&gt;</c>, or <c>Name (accountId)</c> without an email.</summary>
        public static string Display(AtlassianUser user) =>
            string.IsNullOrEmpty(user.Email) ? $"{user.Name} ({user.AccountId})" : $"{user.Name} <{user.Email}>";

        private static string Clean(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
