using System;
using System.Management.Automation;
using AtlassianAdmin.Client;

namespace AtlassianAdmin.Base
{
    /// <summary>
    /// Maps exceptions to error records with stable ids and the right category. The client's exception messages are
    /// built without credentials, so they can be shown as they are.
    /// </summary>
    public static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object target, string errorId = null, ErrorCategory? category = null)
        {
            if (exception is AtlassianApiException api)
                return new ErrorRecord(api, errorId ?? IdFor(api), category ?? CategoryFor(api), target);
            return new ErrorRecord(exception, errorId ?? exception.GetType().Name, category ?? CategoryFor(exception), target);
        }

        /// <summary>Stable error ids users can match on (<c>$_.FullyQualifiedErrorId -like 'UserNotFound*'</c>).</summary>
        public static string IdFor(AtlassianApiException e)
        {
            if (e.HasCode("ADMIN-404-8")) return "UserNotFound";
            if (e.HasCode("ADMIN-404-10") || e.HasCode("ADMIN-UAM-404-3")) return "GroupNotFound";
            if (e.HasCode("ADMIN-404-2") || e.HasCode("ADMIN-UAM-404-2")) return "OrganizationNotFound";
            if (e.HasCode("ADMIN-UAM-400-3")) return "InvalidRoleForResource";
            if (e.HasCode("ADMIN-UAM-400-4")) return "ProductNotLicensed";
            if (e.HasCode("ADMIN-UAM-400-5") || e.HasCode("ADMIN-400-4")) return "InvalidResource";
            if (e.HasCode("ADMIN-UAM-409-3")) return "LicenseLimitExceeded";
            if (e.IsMalformedResponse) return "MalformedResponse";
            if (e.IsTimeout) return "Timeout";
            switch (e.Status)
            {
                case 0: return "ConnectionFailed";
                case 400: return "BadRequest";
                case 401: return "Unauthenticated";
                case 402: return "PaymentRequired";
                case 403: return "Forbidden";
                case 404: return "NotFound";
                case 409: return "Conflict";
                case 429: return "RateLimited";
                default: return e.Status >= 500 ? "ServerError" : "ApiError";
            }
        }

        public static ErrorCategory CategoryFor(AtlassianApiException e)
        {
            if (e.IsMalformedResponse) return ErrorCategory.ProtocolError;
            switch (e.Status)
            {
                case 0: return e.IsTimeout ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError;
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 402: return ErrorCategory.InvalidOperation;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
                default: return e.Status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified;
            }
        }

        private static ErrorCategory CategoryFor(Exception e)
        {
            switch (e)
            {
                case ArgumentException _: return ErrorCategory.InvalidArgument;
                case InvalidOperationException _: return ErrorCategory.InvalidOperation;
                case TimeoutException _: return ErrorCategory.OperationTimeout;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
