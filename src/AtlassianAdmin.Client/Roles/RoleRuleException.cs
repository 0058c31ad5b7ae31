#nullable enable
using System;
using System.Collections.Generic;
using AtlassianAdmin.Models;

namespace AtlassianAdmin.Client.Roles
{
    /// <summary>Why a role or its target was refused before any request went out.</summary>
    public enum RoleRuleError
    {
        /// <summary>No role was given.</summary>
        RoleMissing,
        /// <summary>The text is not one of the Organization API's role ids.</summary>
        UnknownRole,
        /// <summary>The role can't go to this kind of holder (a group-only role to a user, org-admin to a group).</summary>
        InvalidRoleForResource,
        /// <summary>The role needs a workspace and none was given.</summary>
        WorkspaceMissing,
        /// <summary>No workspace of the org matches the text.</summary>
        WorkspaceNotFound,
        /// <summary>Several workspaces match the text (one site, several products).</summary>
        AmbiguousWorkspace,
        /// <summary>The workspace has no id (resource ARI): Atlassian omitted it, or the object was built or read by hand.</summary>
        WorkspaceWithoutId,
    }

    /// <summary>
    /// A role rule the client enforces (<see cref="RoleCatalog"/>, <see cref="RoleTargets"/>). It says what is wrong in
    /// API terms; callers add how to fix it in their own words (PowerShell parameters, UI fields).
    /// </summary>
    public sealed class RoleRuleException : Exception
    {
        public RoleRuleException(RoleRuleError code, string message, IReadOnlyList<AtlassianWorkspace>? candidates = null)
            : base(message)
        {
            Code = code;
            Candidates = candidates ?? Array.Empty<AtlassianWorkspace>();
        }

        public RoleRuleError Code { get; }

        /// <summary>For <see cref="RoleRuleError.AmbiguousWorkspace"/>: the matches; for <see cref="RoleRuleError.WorkspaceNotFound"/>: the org's workspaces; for <see cref="RoleRuleError.WorkspaceWithoutId"/>: the workspace.</summary>
        public IReadOnlyList<AtlassianWorkspace> Candidates { get; }
    }
}
