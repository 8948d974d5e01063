using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ReviewMeetings.Web.Infrastructure;

internal static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static WebApplication MapAppHealthChecks(this WebApplication app)
    {
        // Liveness answers without touching anything; readiness checks the database (and later the PDF engine).
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .AllowAnonymous();
        return app;
    }
}
