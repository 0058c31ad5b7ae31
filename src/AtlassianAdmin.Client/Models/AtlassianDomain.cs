#nullable enable
namespace AtlassianAdmin.Models
{
    /// <summary>A domain claimed by the organization; verified domains make their accounts managed.</summary>
    public sealed class AtlassianDomain
    {
        public string? OrgId { get; set; }
        public string? Id { get; set; }
        public string? Name { get; set; }
        /// <summary><c>dns</c> or <c>http</c>.</summary>
        public string? ClaimType { get; set; }
        /// <summary><c>verified</c>, <c>unverified</c>, <c>deleted</c>, <c>superseded</c> or <c>missing_token</c>.</summary>
        public string? ClaimStatus { get; set; }
        public bool IsVerified => ClaimStatus == "verified";
        public override string? ToString() => Name;
    }
}
