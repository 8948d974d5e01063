using System.Threading.RateLimiting;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Limits how fast one address may try ballot codes, so codes cannot be guessed by brute force.</summary>
public static class VotingSetup
{
    public const string Policy = "ballot";

    public static WebApplicationBuilder AddVoting(this WebApplicationBuilder builder)
    {
        // A whole hall may share one address on the venue Wi-Fi, so the limit is per address but generous.
        var perMinute = builder.Configuration.GetValue("Voting:RequestsPerMinutePerAddress", 600);
        // The ballot box keeps the meeting a ballot shows in memory (Pages/Vote/BallotBox): every voter opens it at least twice.
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<BallotBox>();
        builder.Services.AddSingleton<VotingDataSource>();
        builder.Services.AddSingleton<BallotItemsCache>();
        // The voting secret is read when first needed; StartupTasks asks for it before the app serves anyone.
        builder.Services.AddSingleton<VotingKeys>();
        builder.Services.AddSingleton<BallotMixer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BallotMixer>());
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }
}
