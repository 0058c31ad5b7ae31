using System;
using AtlassianAdmin.Completers;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlassianAdmin.Models;
using AtlassianAdmin.Engine;
using AtlassianAdmin.Resolution;
using AtlassianAdmin.Roles;
using AtlassianAdmin.Client.Roles;

namespace AtlassianAdmin.Cmdlets.Invitations
{
    /// <summary>
    /// <para type="synopsis">Invites people to the organization by email, optionally with a role on a workspace and groups; one result per email.</para>
    /// </summary>
    /// <remarks>Writes the invitation it created (AtlassianInvitationResult); with -PassThru one AtlassianChangeResult per item instead.</remarks>
    [RequiresApi(AtlassianApi.Organization)]
    [Cmdlet(VerbsCommon.New, "AtlassianInvitation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AtlassianInvitationResult), typeof(AtlassianChangeResult))]
    public sealed class NewAtlassianInvitationCommand : ChangeCmdlet<NewAtlassianInvitationCommand.Invitee>
    {
        /// <summary>Emails per invite request.</summary>
        internal const int BatchSize = 50;

        /// <summary>Email addresses to invite. Binds from CSV columns such as Email, EmailAddress, mail.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "mail", "email_address", "UserPrincipalName", "UPN", "e-mail")]
        [AllowEmptyString, AllowNull, AllowEmptyCollection]
        public string[] Email { get; set; }

        /// <summary>Workspace to give access to (object, name, URL or ARI); with -Role, default atlassian/user.</summary>
        [Parameter]
        [Alias("Site", "Resource", "ResourceId", "WorkspaceId", "SiteUrl", "site_url", "resource_id")]
        [ArgumentCompleter(typeof(AtlassianAdmin.Completers.WorkspaceCompleter))]
        public WorkspacePipeBind Workspace { get; set; }

        /// <summary>Product hint when the workspace name or URL matches several products.</summary>
        [Parameter]
        public string Product { get; set; }

        /// <summary>Roles to grant on -Workspace (permissionRules). Default: atlassian/user when -Workspace is given.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RoleIdCompleter))]
        public string[] Role { get; set; }

        /// <summary>Groups to add the invitees to, by name or id (additionalGroups).</summary>
        [Parameter]
        [Alias("GroupName", "group_name", "GroupId", "group_id")]
        public string[] Group { get; set; }

        /// <summary>Send the invitation email (default: Atlassian's default).</summary>
        [Parameter]
        public SwitchParameter SendNotification { get; set; }

        /// <summary>A personal note in the invitation email.</summary>
        [Parameter]
        public string NotificationText { get; set; }

        private UserResolver _users;
        private string _directoryId;
        private List<AtlassianPermissionRule> _rules;
        private List<AtlassianGroupRef> _groups;
        private string _resourceText;
        private InviteBatcher _batcher;

        protected override void Begin()
        {
            base.Begin();
            _directoryId = ResolveDirectoryId(null, allowAll: true);
            _users = new UserResolver(OrgApi, OrgId, ActiveConnection.Cache);
            var parts = new List<string>();
            try
            {
                if (Workspace != null)
                {
                    var roles = (Role == null || Role.Length == 0 ? new[] { "atlassian/user" } : Role).Select(r => RoleRules.Normalize(r, RoleHolder.User)).Distinct().ToList();
                    _rules = new List<AtlassianPermissionRule>();
                    foreach (var role in roles)
                    {
                        var target = RoleRules.Target(ActiveConnection, Workspace, Product, role, RoleHolder.User, CancellationToken);
                        _rules.Add(new AtlassianPermissionRule { Resource = target.ResourceId, Role = role });
                        parts.Add(role + " on " + target.Display);
                    }
                }
                else if (Role != null && Role.Length > 0)
                {
                    throw new ItemFailedException("WorkspaceMissing", ErrorCategory.InvalidArgument, "-Role needs -Workspace: the workspace (name, URL or ARI from Get-AtlassianWorkspace) to grant the role on.");
                }
            }
            catch (ItemFailedException e)
            {
                Terminate(e, Workspace?.ToString() ?? string.Join(",", Role ?? new string[0]), e.ErrorId, e.Category);
            }
            if (Group != null && Group.Length > 0)
            {
                _groups = ResolveGroups(Group.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
                parts.Add("groups " + string.Join(", ", _groups.Select(g => g.Name ?? g.Id)));
            }
            _resourceText = parts.Count > 0 ? string.Join("; ", parts) : "organization";
            var request = new AtlassianInvitationRequest
            {
                PermissionRules = _rules,
                AdditionalGroups = _groups?.Select(g => g.Id).ToList(),
                SendNotification = IsBound(nameof(SendNotification)) ? SendNotification.IsPresent : (bool?)null,
                NotificationText = string.IsNullOrEmpty(NotificationText) ? null : NotificationText,
            };
            _batcher = new InviteBatcher(OrgApi, OrgId, request, ThrottleLimit);
            FlushLog();
        }

        /// <summary>Group names are looked up with one groups search; ids are checked the same way.</summary>
        private List<AtlassianGroupRef> ResolveGroups(List<string> given)
        {
            var ids = given.Where(g => Guid.TryParse(g, out _)).ToList();
            var names = given.Except(ids).ToList();
            var found = OrgApi.FindGroupsForInvitation(OrgId, _directoryId, names, ids, CancellationToken).ToList();
            var result = new List<AtlassianGroupRef>();
            var missing = new List<string>();
            foreach (var g in given)
            {
                var match = found.FirstOrDefault(f => string.Equals(f.Id, g, StringComparison.OrdinalIgnoreCase))
                            ?? found.FirstOrDefault(f => string.Equals(f.Name, g, StringComparison.OrdinalIgnoreCase));
                if (match == null) missing.Add(g); else if (!result.Contains(match)) result.Add(match);
            }
            if (missing.Count > 0)
                Terminate(new ItemNotFoundException($"No group named or with id {string.Join(", ", missing.Select(m => "'" + m + "'"))} in the directory. Nothing was invited."),
                    string.Join(",", missing), "GroupNotFound", ErrorCategory.ObjectNotFound);
            return result;
        }

        /// <summary>
        /// <c>-Email a,b,c</c> is one item per address; a piped row or string stays one item (so an error carries the row).
        /// </summary>
        protected override void OnInput(PSObject record)
        {
            var emails = BoundEmails();
            if (record != null || emails.Count <= 1) Submit(record);
            else foreach (var e in emails) Submit(PSObject.AsPSObject(e));
        }

        protected override Invitee Capture(PSObject item)
        {
            var emails = BoundEmails();
            // An item expanded from -Email a,b,c is the address itself; otherwise the bound email, or a piped plain string.
            var email = InputObject == null && item?.BaseObject is string part ? part.Trim()
                : emails.FirstOrDefault() ?? (item?.BaseObject is string s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null);
            if (email == null)
                throw new ItemFailedException("EmailMissing", ErrorCategory.InvalidArgument, "The input has no email. Give -Email, or pipe strings or CSV rows with an Email column.");
            if (!UserInput.IsPlausibleEmail(email))
                throw new ItemFailedException("InvalidEmail", ErrorCategory.InvalidArgument, UserInput.BadEmail(email).Message);
            return new Invitee { Email = email };
        }

        private List<string> BoundEmails() => (Email ?? new string[0]).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList();

        protected override string DescribeInput(PSObject item, Invitee input) =>
            InputObject == null && item?.BaseObject is string part ? part : UserInput.FirstNonEmpty(Email) ?? item?.BaseObject?.ToString();

        protected override async Task<PlannedChange> PlanAsync(Invitee input, CancellationToken ct)
        {
            var change = new PlannedChange { Action = "Invite user", Target = input.Email, Email = input.Email, Resource = _resourceText };
            AtlassianUser existing = null;
            try
            {
                existing = await _users.ResolveAsync(new UserRef { Email = input.Email, DirectoryId = _directoryId }, ct).ConfigureAwait(false);
            }
            catch (ItemFailedException e) when (e.ErrorId == "UserNotFound")
            {
            }
            if (existing != null)
            {
                change.AccountId = existing.AccountId;
                change.UnchangedReason = $"already in the directory (status {existing.Status}); use Grant-AtlassianUserRole or group cmdlets for access";
                return change;
            }
            change.Batched = true;
            change.Apply = async t =>
            {
                var result = await _batcher.InviteAsync(input.Email, t).ConfigureAwait(false);
                change.AccountId = result?.Id;
                input.Result = result;
                // A 200 can carry ERROR items (C5): each one is named with its statusReason, and what did apply is said too.
                var failed = result?.Results?.Where(r => r.IsFailure).ToList();
                if (failed != null && failed.Count > 0)
                {
                    var applied = result.Results.Where(r => !r.IsFailure).Select(r => r.Type == "group" ? "group " + (GroupName(r.GroupId) ?? r.GroupId) : r.Role + " on " + r.Resource).ToList();
                    var failures = failed.Select(r => (r.Type == "group" ? "group " + (GroupName(r.GroupId) ?? r.GroupId) : r.Role + " on " + r.Resource)
                                                      + ": " + (string.IsNullOrEmpty(r.StatusReason) ? r.Status : r.StatusReason));
                    throw new ItemFailedException("InvitationIncomplete", ErrorCategory.InvalidResult,
                        $"{input.Email} was invited{(applied.Count > 0 ? " and got " + string.Join(", ", applied) : "")}, but {(applied.Count > 0 ? "these parts" : "none of the access")} failed: {string.Join("; ", failures)}. Apply it with Grant-AtlassianUserRole or the group cmdlets once the cause is fixed.");
                }
                return true;
            };
            return change;
        }

        private string GroupName(string id) => _groups?.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase))?.Name;

        /// <summary>Without -PassThru the invitation this item created is written (nothing for an Unchanged item: nothing was created).</summary>
        protected override void OnReported(Invitee input, PlannedChange change, AtlassianChangeResult result)
        {
            if (!PassThru && input?.Result != null && result.Outcome == ChangeOutcome.Changed) WriteObject(input.Result);
        }

        /// <summary>One email of the invocation.</summary>
        public sealed class Invitee
        {
            public string Email { get; set; }
            internal AtlassianInvitationResult Result { get; set; }
            public override string ToString() => Email;
        }
    }
}
