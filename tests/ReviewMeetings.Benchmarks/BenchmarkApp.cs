using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// The real app on Kestrel at 127.0.0.1, outside Development (so with the production error handling and caching), migrated
/// and seeded with the fictional 清河区 tree and demo accounts.
/// </summary>
internal sealed class BenchmarkApp(string connectionString) : WebApplicationFactory<Program>
{
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        // Port 0: Kestrel picks a free port.
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Meetings", "false");
        builder.UseSetting("Voting:SecretKey", VotingKeys.NewSecret());
        // Voting requests are never logged anyway; this keeps the results page's request log lines off the report.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "reviewmeetings-benchmarks", "logs", "app-.log"));
    }
}
