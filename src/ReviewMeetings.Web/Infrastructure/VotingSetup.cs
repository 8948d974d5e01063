using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Evaluation;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>The phone ballot: its connections, the mixer that keeps ballots apart from their codes, and the guard against guessing codes.</summary>
public static class VotingSetup
{
    public static WebApplicationBuilder AddVoting(this WebApplicationBuilder builder)
    {
        // The ballot box keeps the meeting a ballot shows in memory (Pages/Vote/BallotBox): every voter opens it at least twice.
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<BallotBox>();
        builder.Services.AddSingleton<VotingDataSource>();
        builder.Services.AddSingleton<BallotItemsCache>();
        // The voting secret is read when first needed; StartupTasks asks for it before the app serves anyone.
        builder.Services.AddSingleton<VotingKeys>();
        builder.Services.AddSingleton<BallotMixer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BallotMixer>());
        // Slips can be printed again for a few minutes after issuing; the sealed codes are erased after that (ADR 0014).
        builder.Services.AddSingleton<CodeReprints>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CodeReprints>());
        // Only failed code look-ups are slowed down, never a hall of voters behind one address (CodeGuessGuard).
        builder.Services.AddSingleton<CodeGuessGuard>();
        return builder;
    }
}
