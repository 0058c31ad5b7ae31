#nullable enable
using System;

namespace AtlassianAdmin.Models
{
    /// <summary>
    /// One audit log event of the organization, flat so it exports to CSV as it is: who (<see cref="ActorId"/>,
    /// <see cref="ActorName"/>) did what (<see cref="Action"/>) to what (<see cref="Targets"/>), when and from where.
    /// </summary>
    public sealed class AtlassianAuditEvent
    {
        public string? Id { get; set; }
        /// <summary>When it happened (UTC).</summary>
        public DateTimeOffset? Time { get; set; }
        /// <summary>Action id, e.g. <c>user_added_to_group</c> (see the org's event actions).</summary>
        public string? Action { get; set; }
        public string? ActorId { get; set; }
        public string? ActorName { get; set; }
        /// <summary>The actor's email, when the API gives it.</summary>
        public string? ActorEmail { get; set; }
        /// <summary>Every context item as <c>type:id</c>, separated by "; " (e.g. <c>users:5b10…; groups:7c2f…</c>).</summary>
        public string? Targets { get; set; }
        /// <summary>The first user the event is about, if any.</summary>
        public string? TargetUserId { get; set; }
        /// <summary>The first user's name and email, as the API gives them (context attributes).</summary>
        public string? TargetUserName { get; set; }
        public string? TargetUserEmail { get; set; }
        /// <summary>The first group the event is about, if any.</summary>
        public string? TargetGroupId { get; set; }
        /// <summary>The first group's name, as the API gives it.</summary>
        public string? TargetGroupName { get; set; }
        /// <summary>When Atlassian processed the event (events-stream only): the order of the stream and its -From/-To.</summary>
        public DateTimeOffset? ProcessedAt { get; set; }
        /// <summary>The event's human-readable message (events-stream), when given.</summary>
        public string? Message { get; set; }
        /// <summary>Containers as <c>type:id</c> (usually the org).</summary>
        public string? Container { get; set; }
        public string? Ip { get; set; }
        /// <summary>Geographic location of <see cref="Ip"/>, e.g. "Sydney, AU".</summary>
        public string? Location { get; set; }
        public string? OrgId { get; set; }

        public override string ToString() => $"{Time:u} {Action} by {ActorName ?? ActorId}";
    }
}
