using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Cmdlets.ManagedAccounts;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;

namespace AtlassianAdmin.Cmdlets.ApiTokens
{
    /// <summary>
    /// <para type="synopsis">Lists API tokens of managed accounts (ids, labels, created and last-used dates; never token values).</para>
    /// </summary>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.Get, "AtlassianApiToken", SupportsPaging = true)]
    [OutputType(typeof(AtlassianApiToken))]
    public sealed class GetAtlassianApiTokenCommand : UserReadCmdlet
    {
        /// <summary>Only tokens created at least this many days ago.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int OlderThanDays { get; set; }

        /// <summary>Only tokens not used for at least this many days (a never-used token counts from its creation).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int UnusedForDays { get; set; }

        private UserManagementClient _api;
        private ApiTokenFilter _filter;
        private bool _sawInput;

        protected override void Begin()
        {
            _filter = new ApiTokenFilter
            {
                OlderThanDays = IsBound(nameof(OlderThanDays)) ? OlderThanDays : (int?)null,
                UnusedForDays = IsBound(nameof(UnusedForDays)) ? UnusedForDays : (int?)null,
            };
            _api = new UserManagementClient(OrgApi.Transport);
        }

        protected override void Process()
        {
            // No user given: the whole org, from the API-access listing (one paged read instead of one per user).
            if (InputObject == null && AccountId == null && Email == null) return;
            _sawInput = true;
            base.Process();
        }

        protected override void End()
        {
            if (!_sawInput && !MyInvocation.ExpectingInput)
            {
                foreach (var t in OrgApi.ListOrgApiTokens(OrgId, null, CancellationToken))
                {
                    if (!_filter.Matches(t)) continue;
                    if (!WritePaged(t)) break;
                }
                return;
            }
            base.End();
        }

        protected override async Task<IEnumerable<object>> ReadAsync(AtlassianUser user, CancellationToken ct)
        {
            ManagedAccountSupport.RequireManaged(user);
            var tokens = await ManagedAccountSupport.Call(user, () => _api.ListApiTokensAsync(user.AccountId, ct)).ConfigureAwait(false);
            foreach (var t in tokens) { t.Email = user.Email; t.UserName = user.Name; }
            return tokens.Where(_filter.Matches).Cast<object>().ToList();
        }
    }
}
