using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ReviewMeetings.Web.Infrastructure;

internal static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static WebApplication MapAppHealthChecks(this WebApplication app)
    {
        // Liveness answers without touching anything. Readiness runs the checks tagged ReadyTag: the database (Unhealthy,
        // 503, when it cannot be reached) and the PDF engine (Degraded, still 200, when Chromium is missing: PDFs fail, the
        // rest works).
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        return app;
    }
}
