using AtlassianAdmin.Sandbox.Http;
using AtlassianAdmin.Sandbox.Routing;

namespace AtlassianAdmin.Sandbox.Org
{
    /// <summary>
    /// v1 endpoints Atlassian removed after 2026-06-30 (correction C6; developer.atlassian.com/cloud/admin/changelog):
    /// they answer 404 naming the v2 replacement, unless <see cref="SandboxOptions.ServeRemovedV1Endpoints"/> keeps the
    /// legacy behaviour for tests of it. (unverified) the status a removed endpoint answers with.
    /// </summary>
    internal static class RemovedEndpoints
    {
        public static RouteHandler V1(string replacement, RouteHandler legacy) => ctx =>
        {
            if (ctx.Options.ServeRemovedV1Endpoints) return legacy(ctx);
            throw AdminErrors.Fail(404, "ADMIN-404-1", "Unknown Resource",
                "This v1 endpoint was removed after 2026-06-30. Use " + replacement + ".");
        };
    }
}
