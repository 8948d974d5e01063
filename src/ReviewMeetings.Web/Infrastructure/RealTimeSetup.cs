using Microsoft.AspNetCore.SignalR;
using ReviewMeetings.Web.Pages.Live;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>SignalR for the live meeting: console, projector and comment pads stay in step without reloading.</summary>
internal static class RealTimeSetup
{
    public static WebApplicationBuilder AddRealTime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubRefusals>();
        builder.Services.AddSignalR(options =>
        {
            options.KeepAliveInterval = TimeSpan.FromSeconds(10);
            options.AddFilter<HubRefusals>();
        });
        builder.Services.AddScoped<LiveStateReader>();
        builder.Services.AddScoped<LiveBroadcaster>();
        builder.Services.AddSingleton<BallotProgressPush>();
        return builder;
    }

    public static WebApplication MapRealTime(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
