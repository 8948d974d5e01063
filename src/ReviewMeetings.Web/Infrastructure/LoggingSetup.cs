using Microsoft.AspNetCore.SignalR;
using Serilog;
using Serilog.Events;

namespace ReviewMeetings.Web.Infrastructure;

internal static class LoggingSetup
{
    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Filter.ByExcluding(IsHubRefusal),
            // Each host writes through its own logger, not the process-wide Log.Logger: tests run several hosts at once.
            preserveStaticLogger: true);
        return builder;
    }

    public static WebApplication UseAppRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // Query strings can carry codes and search terms; the path and status are enough to follow a request.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            // Ballot codes and projector links travel in the path; votes are never logged, not even that one happened.
            options.GetLevel = (context, _, exception) =>
                IsSecretInPath(context.Request.Path)
                    ? LogEventLevel.Verbose
                    : exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
        });
        return app;
    }

    /// <summary>SignalR logs every refused call as an error with its stack trace; <see cref="HubRefusals"/> logs them instead.</summary>
    private static bool IsHubRefusal(LogEvent logEvent) =>
        logEvent.Exception is HubException
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher" };

    private static bool IsSecretInPath(PathString path) =>
        path.StartsWithSegments("/v", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Vote", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/screen", StringComparison.OrdinalIgnoreCase);
}
