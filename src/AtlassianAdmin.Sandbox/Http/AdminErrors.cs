using System;
using System.Globalization;

namespace AtlassianAdmin.Sandbox.Http
{
    /// <summary>Org / user-management API error bodies: {"errors":[{"id","status":"&lt;string&gt;","code","title","detail"}]}.</summary>
    internal static class AdminErrors
    {
        public static SandboxResponse Error(int status, string code, string title, string detail) =>
            SandboxResponse.WithStatus(status, new
            {
                errors = new[]
                {
                    new { id = Guid.NewGuid().ToString(), status = status.ToString(CultureInfo.InvariantCulture), code, title, detail },
                },
            });

        public static SandboxApiException Fail(int status, string code, string title, string detail) =>
            new SandboxApiException(Error(status, code, title, detail));

        public static SandboxApiException BadRequest(string detail) => Fail(400, "ADMIN-400-24", "Invalid request body", detail);
        public static SandboxApiException InvalidCursor() => Fail(400, "ADMIN-400-1", "Invalid page cursor", "The page cursor is invalid or expired.");
        public static SandboxApiException InvalidTime(string detail) => Fail(400, "ADMIN-400-3", "Invalid time/date", detail);
        public static SandboxApiException OrgNotFound() => Fail(404, "ADMIN-404-2", "Organization not found", "The organization does not exist or is not accessible with this API key.");
        // (unverified) no dedicated directory code is documented; ADMIN-404-1 "Unknown resource" is the closest.
        public static SandboxApiException DirectoryNotFound() => Fail(404, "ADMIN-404-1", "Directory not found", "The directory does not exist in this organization.");
        public static SandboxApiException DomainNotFound() => Fail(404, "ADMIN-404-3", "Domain not found", "The domain does not exist in this organization.");
        public static SandboxApiException EventNotFound() => Fail(404, "ADMIN-404-4", "Event not found", "The event does not exist.");
        public static SandboxApiException UserNotFound() => Fail(404, "ADMIN-404-8", "User not found", "The user does not exist in this directory.");
        public static SandboxApiException GroupNotFound() => Fail(404, "ADMIN-404-10", "Group not found", "The group does not exist in this directory.");
        public static SandboxApiException NotFound(string detail) => Fail(404, "ADMIN-404-1", "Unknown resource", detail);

        public static SandboxResponse Unauthorized() =>
            Error(401, "ADMIN-401-1", "Unauthenticated", "The API key is missing, invalid or expired.");
        public static SandboxResponse RouteNotFound(string path) => Error(404, "ADMIN-404-1", "Unknown resource", "No API route matches " + path);
        public static SandboxResponse MethodNotAllowed(string method) => Error(405, "ADMIN-405-1", "Method Not Supported", method + " is not supported on this resource.");
        public static SandboxResponse TooManyRequests() => Error(429, "ADMIN-429-1", "Limit exceeded", "Too many requests; retry after the time given in Retry-After.");
        // (unverified) 5xx codes: only ADMIN-500-1 is documented; 502/503/504 reuse the pattern.
        public static SandboxResponse ServerError(int status, string title) => Error(status, "ADMIN-" + status + "-1", title, "The service is temporarily unavailable.");
    }
}
