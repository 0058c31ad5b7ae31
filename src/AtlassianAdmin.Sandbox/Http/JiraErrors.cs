using System.Collections.Generic;

namespace AtlassianAdmin.Sandbox.Http
{
    /// <summary>Jira error bodies: {"errorMessages":[...],"errors":{field:msg}}.</summary>
    internal static class JiraErrors
    {
        public static SandboxResponse Error(int status, string message) =>
            SandboxResponse.WithStatus(status, new { errorMessages = new[] { message }, errors = new Dictionary<string, string>() });

        public static SandboxResponse FieldErrors(int status, IDictionary<string, string> errors) =>
            SandboxResponse.WithStatus(status, new { errorMessages = new string[0], errors });

        public static SandboxApiException Fail(int status, string message) => new SandboxApiException(Error(status, message));

        public static SandboxApiException Field(string field, string message) =>
            new SandboxApiException(FieldErrors(400, new Dictionary<string, string> { [field] = message }));

        public static SandboxApiException BadRequest(string message) => Fail(400, message);
        public static SandboxApiException NotFound(string message) => Fail(404, message);

        public static SandboxResponse Unauthorized() =>
            Error(401, "You are not authenticated. Authentication required to perform this operation.");
    }
}
