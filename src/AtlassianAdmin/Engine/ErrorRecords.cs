using System;
using System.Management.Automation;
using AtlassianAdmin.Client;

namespace AtlassianAdmin.Engine
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
            {
                var record = new ErrorRecord(api, errorId ?? IdFor(api), category ?? CategoryFor(api), target);
                var advice = Advice(api);
                if (advice != null) record.ErrorDetails = new ErrorDetails(api.Message) { RecommendedAction = advice };
                return record;
            }
            var failed = exception as ItemFailedException;
            return new ErrorRecord(exception, errorId ?? failed?.ErrorId ?? exception.GetType().Name, category ?? failed?.Category ?? CategoryFor(exception), target);
        }

        /// <summary>Stable error ids users can match on (<c>$_.FullyQualifiedErrorId -like 'UserNotFound*'</c>).</summary>
        public static string IdFor(AtlassianApiException e)
        {
            if (e.HasCode("ADMIN-404-8")) return "UserNotFound";
            if (e.HasCode("ADMIN-404-10") || e.HasCode("ADMIN-UAM-404-3")) return "GroupNotFound";
            if (e.HasCode("ADMIN-404-2") || e.HasCode("ADMIN-UAM-404-2")) return "OrganizationNotFound";
            if (e.HasCode("ADMIN-UAM-400-2")) return "UserInactive";
            if (e.HasCode("ADMIN-UAM-400-3")) return "InvalidRoleForResource";
            if (e.HasCode("ADMIN-UAM-400-4")) return "ProductNotLicensed";
            if (e.HasCode("ADMIN-UAM-400-5") || e.HasCode("ADMIN-400-4")) return "InvalidResource";
            if (e.HasCode("ADMIN-UAM-409-3") || e.HasCode("ADMIN-UAM-402-1") || e.Status == 402) return "LicenseLimitExceeded";
            if (IsUserManagementForbidden(e)) return "AccountNotManaged";
            if (e.IsMalformedResponse) return "MalformedResponse";
            if (e.IsCreatedNotReadBack) return "CreatedNotReadBack";
            if (e.IsTimeout) return "Timeout";
            switch (e.Status)
            {
                case 0: return "ConnectionFailed";
                case 400: return "BadRequest";
                case 401: return "Unauthenticated";
                case 402: return "PaymentRequired";
                case 403: return "Forbidden";
                case 404: return "NotFound";
                case 405: return "MethodNotAllowed";
                case 409: return "Conflict";
                case 413:
                case 414: return "InputTooLong";
                case 422: return "BadRequest";
                case 429: return "RateLimited";
                default: return e.Status >= 500 ? "ServerError" : "ApiError";
            }
        }

        public static ErrorCategory CategoryFor(AtlassianApiException e)
        {
            if (e.IsMalformedResponse) return ErrorCategory.ProtocolError;
            if (e.IsCreatedNotReadBack) return ErrorCategory.ResourceUnavailable;
            if (e.HasCode("ADMIN-UAM-400-2") || e.HasCode("ADMIN-UAM-400-4")) return ErrorCategory.InvalidOperation;
            if (e.HasCode("ADMIN-UAM-409-3") || e.Status == 402) return ErrorCategory.LimitsExceeded;
            switch (e.Status)
            {
                case 0: return e.IsTimeout ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError;
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 402: return ErrorCategory.InvalidOperation;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 405: return ErrorCategory.InvalidOperation;
                case 409: return ErrorCategory.ResourceExists;
                case 413:
                case 414:
                case 422: return ErrorCategory.InvalidArgument;
                case 429: return ErrorCategory.LimitsExceeded;
                default: return e.Status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified;
            }
        }

        /// <summary>What to do about the known Atlassian error codes (shown as the record's RecommendedAction).</summary>
        public static string Advice(AtlassianApiException e)
        {
            if (e.HasCode("ADMIN-UAM-400-2")) return "The user is suspended or deactivated: roles can only be granted to active users. Restore them first (Restore-AtlassianDirectoryUser / Enable-AtlassianManagedAccount).";
            if (e.HasCode("ADMIN-UAM-400-3")) return "This role can't be granted on this resource (for example atlassian/customer exists only on Jira Service Management, atlassian/viewer only for groups). Check the role against the workspace's product.";
            if (e.HasCode("ADMIN-UAM-400-4")) return "The product is not licensed (for example an expired trial): only admin roles can be granted on it.";
            if (e.HasCode("ADMIN-UAM-400-5") || e.HasCode("ADMIN-400-4")) return "The resource is not a valid workspace ARI. Use Get-AtlassianWorkspace to find it; product admin roles on Jira need ari:cloud:jira::site/<id>.";
            if (e.HasCode("ADMIN-UAM-409-3") || e.Status == 402) return "The product's license (user tier) is full. Free seats (remove access from inactive users) or raise the tier, then retry.";
            if (IsUserManagementForbidden(e)) return ManagedAccountForbidden;
            if (e.IsCreatedNotReadBack) return "It was created: do not create it again. Once the directory or site has caught up, get it as the message says, or rerun New-AtlassianGroup with -IfExists Return.";
            return null;
        }

        /// <summary>The user management API's 403: the account is not managed by this org, or the key is scoped.</summary>
        public const string ManagedAccountForbidden =
            "Only accounts on a verified domain of this org can be managed, and the key must be an unscoped key (API keys with scopes are refused by the user management API).";

        private static bool IsUserManagementForbidden(AtlassianApiException e) =>
            e.Status == 403 && e.RequestPath != null && e.RequestPath.IndexOf("/manage", StringComparison.OrdinalIgnoreCase) >= 0 && e.RequestPath.IndexOf("/users/", StringComparison.OrdinalIgnoreCase) >= 0;

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
