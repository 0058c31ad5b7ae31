using System;
using System.Collections.Generic;

namespace AtlassianAdmin.Sandbox.Store
{
    internal sealed class ProjectRecord
    {
        public long Seq;
        public string Id;
        public string Key;
        public string Name;
        public string ProjectTypeKey = "software";
        public string Description;
        public string LeadAccountId;
        public int NextIssueNumber = 1;
        /// <summary>Role id → actors, in insertion order.</summary>
        public SortedDictionary<int, List<ActorRecord>> RoleActors = new SortedDictionary<int, List<ActorRecord>>();
    }

    internal sealed class ActorRecord
    {
        public long Id;
        public bool IsGroup;
        public string AccountId;
        public string GroupId;
    }

    internal sealed class IssueRecord
    {
        public long Seq;
        public string Id;
        public string Key;
        public string ProjectKey;
        public string IssueType;
        public string Summary;
        public string DescriptionJson;  // raw ADF
        public string StatusName = "To Do";
        public string AssigneeId;
        public string ReporterId;
        public List<string> Labels = new List<string>();
        public Dictionary<string, string> Properties = new Dictionary<string, string>(StringComparer.Ordinal); // key → raw JSON
        public List<CommentRecord> Comments = new List<CommentRecord>();
        public DateTimeOffset Created;
        public DateTimeOffset Updated;
    }

    internal sealed class CommentRecord
    {
        public string Id;
        public string AuthorId;
        public string BodyJson;         // raw ADF
        public DateTimeOffset Created;
    }
}
