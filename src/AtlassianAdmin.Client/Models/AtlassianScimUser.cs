using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// A user as the identity provider pushed it over SCIM (user provisioning API). Read-only: changes belong in the IdP.
    /// <see cref="AtlassianAccountId"/> binds by name (as AccountId) to the org cmdlets.
    /// </summary>
    public sealed class AtlassianScimUser
    {
        public string DirectoryId { get; set; }
        /// <summary>The SCIM id (not the Atlassian account id).</summary>
        public string Id { get; set; }
        /// <summary>The IdP's own id for the user (e.g. an Entra object id).</summary>
        public string ExternalId { get; set; }
        public string UserName { get; set; }
        public string DisplayName { get; set; }
        public string GivenName { get; set; }
        public string FamilyName { get; set; }
        /// <summary>The primary email (or the first one when none is marked primary).</summary>
        public string Email { get; set; }
        public IReadOnlyList<string> Emails { get; set; } = Array.Empty<string>();
        /// <summary>The IdP's active flag; false for users it deactivated.</summary>
        public bool? Active { get; set; }
        public string Title { get; set; }
        public string Department { get; set; }
        public string Organization { get; set; }
        /// <summary>From Atlassian's extension <c>urn:scim:schemas:extension:atlassian-external:1.1</c>; null when absent.</summary>
        public string AtlassianAccountId { get; set; }
        /// <summary>Display names of the SCIM groups the user is in, as the API lists them.</summary>
        public IReadOnlyList<string> Groups { get; set; } = Array.Empty<string>();
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? LastModified { get; set; }

        public override string ToString() => UserName ?? Id ?? "";
    }

    /// <summary>A group as the identity provider pushed it over SCIM, with its members as the API returns them.</summary>
    public sealed class AtlassianScimGroup
    {
        public string DirectoryId { get; set; }
        public string Id { get; set; }
        public string ExternalId { get; set; }
        public string DisplayName { get; set; }
        public IReadOnlyList<AtlassianScimGroupMember> Members { get; set; } = Array.Empty<AtlassianScimGroupMember>();
        public int MemberCount => Members?.Count ?? 0;
        public DateTimeOffset? Created { get; set; }
        public DateTimeOffset? LastModified { get; set; }

        public override string ToString() => DisplayName ?? Id ?? "";
    }

    /// <summary>One member of a SCIM group: the member's SCIM id and display name.</summary>
    public sealed class AtlassianScimGroupMember
    {
        public string Id { get; set; }
        public string DisplayName { get; set; }

        public override string ToString() => DisplayName ?? Id ?? "";
    }
}
