using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Client;
using AtlassianAdmin.Client.Org;
using AtlassianAdmin.Client.Users;
using AtlassianAdmin.Cmdlets.ManagedAccounts;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;

namespace AtlassianAdmin.Cmdlets.Offboarding
{
    /// <summary>
    /// <para type="synopsis">Offboards leavers in one pass, planned first: lock out, revoke API tokens, remove direct product roles and group memberships, optionally schedule deletion.</para>
    /// </summary>
    /// <remarks>
    /// Each leaver becomes one item per step, so the change engine gives every step its own plan, -WhatIf line, confirmation
    /// and result row. A leaver's state is read once (user, manage privileges, tokens, role assignments, groups) and shared
    /// by its steps; its writes run in step order (lock-out first), while different leavers proceed concurrently.
    /// </remarks>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsLifecycle.Invoke, "AtlassianOffboarding", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AtlassianChangeResult))]
    public sealed class InvokeAtlassianOffboardingCommand : ChangeCmdlet<InvokeAtlassianOffboardingCommand.StepInput>
    {
        [Parameter(ValueFromPipelineByPropertyName = true), Alias("account_id", "UserId", "atlassian_id", "aaid"), AllowEmptyString, AllowNull]
        public string AccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true), Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail"), AllowEmptyString, AllowNull]
        public string Email { get; set; }

        /// <summary>Directory of the user; defaults to the org's only directory (the error lists the ids when there are several).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true), AllowEmptyString, AllowNull]
        public string DirectoryId { get; set; }

        /// <summary>Also schedule managed accounts for deletion (14 days during which it can be cancelled).</summary>
        [Parameter]
        public SwitchParameter ScheduleDeletion { get; set; }

        /// <summary>Reason shown to a managed account when it is deactivated.</summary>
        [Parameter]
        public string Message { get; set; }

        /// <summary>Run without asking for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force;

        /// <summary>The 14-day grace period of <c>lifecycle/delete</c>.</summary>
        public const int DeletionGraceDays = 14;

        private static readonly string[] Privileges = { "lifecycle.enablement", "lifecycle.delete", "apiToken.read", "apiToken.delete" };

        public enum Step { LockOut, RevokeApiTokens, RemoveDirectRoles, RemoveGroupMemberships, ScheduleDeletion }

        public sealed class StepInput
        {
            internal Leaver Leaver;
            internal Step Step;
        }

        internal sealed class Leaver
        {
            public UserRef User;
            public Lazy<Task<LeaverState>> State;
            /// <summary>The last write scheduled for this leaver; the next step's write waits for it (pipeline thread only).</summary>
            public Task Tail = Task.CompletedTask;
        }

        internal sealed class LeaverState
        {
            public AtlassianUser User;
            public bool Managed;
            /// <summary>Why the user management API can't act on this account (null = it can).</summary>
            public Exception ManageError;
            public Dictionary<string, AtlassianManagePrivilege> Privileges = new Dictionary<string, AtlassianManagePrivilege>();
            public List<AtlassianApiToken> Tokens = new List<AtlassianApiToken>();
            public List<AtlassianRoleAssignment> DirectRoles = new List<AtlassianRoleAssignment>();
            public List<AtlassianGroup> Groups = new List<AtlassianGroup>();
        }

        private readonly UserCapture _user;
        /// <summary>The user management API: a thin wrapper over the org connection's transport (same host and key), nothing to share.</summary>
        private UserManagementClient Api => new UserManagementClient(OrgApi.Transport);
        private SemaphoreSlim _calls;
        private readonly Dictionary<StepInput, string> _notes = new Dictionary<StepInput, string>();
        private Step _pending;
        private Leaver _current;

        public InvokeAtlassianOffboardingCommand() => _user = new UserCapture(this);

        protected override void Begin()
        {
            base.Begin();
            _calls = new SemaphoreSlim(ThrottleLimit);
        }

        protected override void OnInput(PSObject record)
        {
            _current = null;
            try { _current = new Leaver { User = _user.Capture(AccountId, Email, DirectoryId, record) }; }
            catch (Exception) { Submit(record); return; }   // one failed row for bad input, not one per step
            var leaver = _current;
            leaver.State = new Lazy<Task<LeaverState>>(() => ReadAsync(leaver.User, CancellationToken));
            foreach (Step step in Enum.GetValues(typeof(Step)))
            {
                if (step == Step.ScheduleDeletion && !ScheduleDeletion) continue;
                _pending = step;
                Submit(record);
            }
        }

        protected override StepInput Capture(PSObject item)
        {
            if (_current == null) _user.Capture(AccountId, Email, DirectoryId, item);   // throws the input error
            return new StepInput { Leaver = _current, Step = _pending };
        }

        protected override string DefaultAction => "Offboard user";

        protected override string DescribeInput(PSObject item, StepInput input) => UserCapture.Describe(AccountId, Email, item);

        /// <summary>Reads everything a leaver's steps need, once.</summary>
        private async Task<LeaverState> ReadAsync(UserRef input, CancellationToken ct)
        {
            var user = await _user.ResolveAsync(input, ct).ConfigureAwait(false);
            var state = new LeaverState { User = user, Managed = !string.Equals(user.ClaimStatus, "unmanaged", StringComparison.OrdinalIgnoreCase) };
            var directoryId = user.DirectoryId ?? input.DirectoryId;
            var roles = Client.Paging.CursorStream.ToListAsync(OrgApi.ListUserRoleAssignments(OrgId, directoryId, user.AccountId, ct), ct);
            var groups = Client.Paging.CursorStream.ToListAsync(OrgApi.SearchGroups(OrgId, directoryId, new GroupQuery { AccountIds = new List<string> { user.AccountId } }, ct), ct);
            if (state.Managed)
            {
                // Ask what this key may do to the account instead of guessing from a 403.
                try
                {
                    foreach (var p in await Api.GetPrivilegesAsync(user.AccountId, Privileges, ct).ConfigureAwait(false)) state.Privileges[p.Privilege] = p;
                    if (Allowed(state, "apiToken.read"))
                        state.Tokens = await Api.ListApiTokensAsync(user.AccountId, ct).ConfigureAwait(false);
                }
                catch (AtlassianApiException e) when (UserManagementClient.IsNotManageable(e))
                {
                    state.ManageError = ManagedAccountSupport.NotManaged(user, e);
                }
            }
            state.DirectRoles = (await roles.ConfigureAwait(false)).Where(IsDirect).ToList();
            state.Groups = await groups.ConfigureAwait(false);
            return state;
        }

        private static bool IsDirect(AtlassianRoleAssignment a) => a.Via != null && a.Via.IndexOf("Direct", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool Allowed(LeaverState s, string privilege) => !s.Privileges.TryGetValue(privilege, out var p) || p.Allowed;

        /// <summary>Fails a user-management step the key may not take, saying why (IdP-owned or not manageable).</summary>
        private static void RequirePrivilege(LeaverState s, string privilege, string what)
        {
            if (s.ManageError != null) throw s.ManageError;
            if (IdentityProvider.Owns(s.User)) throw IdentityProvider.UserOwned(s.User, what);
            if (s.Privileges.TryGetValue(privilege, out var p) && !p.Allowed)
            {
                if (IdentityProvider.IsIdpReason(p.Reason)) throw IdentityProvider.UserOwned(s.User, what, p.Reason);
                throw new ItemFailedException("PrivilegeNotAllowed", ErrorCategory.PermissionDenied,
                    $"{UserCapture.Display(s.User)}: this API key may not {what} (Atlassian says '{privilege}' is restricted: {p.Reason}).");
            }
        }

        protected override async Task<PlannedChange> PlanAsync(StepInput input, CancellationToken ct)
        {
            var s = await input.Leaver.State.Value.ConfigureAwait(false);
            var u = s.User;
            var change = new PlannedChange { Target = UserCapture.Display(u), AccountId = u.AccountId, Email = u.Email, Batched = true };
            switch (input.Step)
            {
                case Step.LockOut:
                    if (s.Managed)
                    {
                        change.Action = "Deactivate account";
                        change.Resource = "Atlassian account (all products)";
                        if (ManagedAccountSupport.IsDeactivated(u)) { change.UnchangedReason = "already deactivated"; return change; }
                        RequirePrivilege(s, "lifecycle.enablement", "deactivate the account");
                        change.Warning = "The account can no longer log in to any Atlassian product";
                        change.Apply = Chain(input, t => Api.DisableAsync(u.AccountId, Message, t));
                    }
                    else
                    {
                        change.Action = "Suspend user";
                        change.Resource = "directory " + (u.DirectoryId ?? input.Leaver.User.DirectoryId);
                        if (u.Status == "suspended" || u.MembershipStatus == "suspended" || ManagedAccountSupport.IsDeactivated(u)) { change.UnchangedReason = "already suspended"; return change; }
                        IdentityProvider.RequireNotOwned(u, "suspend the user");
                        change.Apply = Chain(input, t => OrgApi.SuspendUserAsync(OrgId, u.DirectoryId ?? input.Leaver.User.DirectoryId, u.AccountId, t));
                    }
                    return change;

                case Step.RevokeApiTokens:
                    change.Action = "Revoke API tokens";
                    change.Resource = "API tokens";
                    if (!s.Managed) { change.UnchangedReason = "not a managed account: the organization can't see or revoke its API tokens"; return change; }
                    if (s.ManageError != null) throw s.ManageError;
                    if (!Allowed(s, "apiToken.read") || !Allowed(s, "apiToken.delete"))
                        RequirePrivilege(s, Allowed(s, "apiToken.read") ? "apiToken.delete" : "apiToken.read", "revoke its API tokens");
                    if (s.Tokens.Count == 0) { change.UnchangedReason = "no API tokens"; return change; }
                    change.Resource = $"{s.Tokens.Count} API token(s): " + string.Join(", ", s.Tokens.Select(t => $"'{t.Label}'"));
                    change.Warning = "Scripts that use these tokens stop working";
                    change.Apply = Chain(input, async t =>
                    {
                        foreach (var token in s.Tokens) await Api.RevokeApiTokenAsync(u.AccountId, token.TokenId, t).ConfigureAwait(false);
                    });
                    return change;

                case Step.RemoveDirectRoles:
                    change.Action = "Remove direct product roles";
                    change.Resource = "product roles";
                    if (s.DirectRoles.Count == 0) { change.UnchangedReason = "no roles granted directly (roles through groups go with the memberships)"; return change; }
                    change.Resource = string.Join(", ", s.DirectRoles.Select(r => r.RoleId + " on " + r.ResourceId));
                    change.Apply = Chain(input, async t =>
                    {
                        foreach (var r in s.DirectRoles) await OrgApi.RevokeUserRoleAsync(OrgId, u.AccountId, r.RoleId, r.ResourceId, t).ConfigureAwait(false);
                    });
                    return change;

                case Step.RemoveGroupMemberships:
                    change.Action = "Remove group memberships";
                    var owned = s.Groups.Where(g => g.ExternalSynced).ToList();
                    var removable = s.Groups.Where(g => !g.ExternalSynced).ToList();
                    var note = owned.Count == 0 ? null
                        : "left alone, owned by the identity provider (remove them there): " + string.Join(", ", owned.Select(g => g.Name));
                    if (note != null) lock (_notes) _notes[input] = note;
                    change.Resource = removable.Count == 0 ? "groups" : $"{removable.Count} group(s): " + string.Join(", ", removable.Select(g => g.Name));
                    if (removable.Count == 0) { change.UnchangedReason = "no group memberships to remove" + (note == null ? "" : "; " + note); return change; }
                    if (note != null) change.Warning = "Memberships " + note;
                    change.Apply = Chain(input, async t =>
                    {
                        foreach (var g in removable) await OrgApi.RemoveGroupMemberAsync(OrgId, g.DirectoryId, g.Id, u.AccountId, t).ConfigureAwait(false);
                    });
                    return change;

                default:
                    change.Action = "Schedule account deletion";
                    change.Resource = "Atlassian account";
                    if (!s.Managed) { change.UnchangedReason = "not a managed account: only managed accounts can be deleted (Remove-AtlassianDirectoryUser removes it from the directory)"; return change; }
                    if (u.Status == "for_deletion") { change.UnchangedReason = "already scheduled for deletion"; return change; }
                    RequirePrivilege(s, "lifecycle.delete", "delete the account");
                    var until = DateTimeOffset.Now.Date.AddDays(DeletionGraceDays);
                    var window = $"deleted after {DeletionGraceDays} days; cancel until {until:yyyy-MM-dd} with Enable-AtlassianManagedAccount -CancelDeletion";
                    lock (_notes) _notes[input] = window;
                    change.Warning = "The account is " + window;
                    change.Apply = Chain(input, t => Api.DeleteAsync(u.AccountId, t));
                    return change;
            }
        }

        /// <summary>
        /// The step's write, run after the leaver's previous step (whatever its outcome) and within -ThrottleLimit calls.
        /// Scheduled on the pipeline thread, in step order, when the engine decides to apply.
        /// </summary>
        private Func<CancellationToken, Task<bool>> Chain(StepInput input, Func<CancellationToken, Task> write) => ct =>
        {
            var previous = input.Leaver.Tail;
            var mine = RunAfterAsync(previous, write, ct);
            input.Leaver.Tail = mine;
            return mine;
        };

        private async Task<bool> RunAfterAsync(Task previous, Func<CancellationToken, Task> write, CancellationToken ct)
        {
            try { await previous.ConfigureAwait(false); } catch { /* that step reports its own failure */ }
            await _calls.WaitAsync(ct).ConfigureAwait(false);
            try { await write(ct).ConfigureAwait(false); }
            finally { _calls.Release(); }
            return true;
        }

        protected override void OnReported(StepInput input, PlannedChange change, AtlassianChangeResult result)
        {
            if (input == null) return;
            string note;
            lock (_notes) _notes.TryGetValue(input, out note);
            if (note != null && result.Outcome != ChangeOutcome.Failed && result.Outcome != ChangeOutcome.Unchanged) result.Message = note;
        }
    }
}
