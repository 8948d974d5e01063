using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Work done once before the app serves requests: migrations, the first administrator, demo data.</summary>
internal static class StartupTasks
{
    public const string MigrateSwitch = "--migrate";

    public static WebApplicationBuilder AddStartupOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new DemoDataOptions(
            services.GetRequiredService<IConfiguration>().GetValue<bool>("DemoData:Enabled")
            && !services.GetRequiredService<IHostEnvironment>().IsProduction()));
        return builder;
    }

    /// <summary>Returns true when the process was only asked to migrate and should now exit.</summary>
    public static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        DatabaseSetup.ConnectionString(app.Configuration);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks));

        if (args.Contains(MigrateSwitch))
        {
            await SquashedMigrations.AdoptAsync(db);
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated; exiting as asked by {Switch}", MigrateSwitch);
            return true;
        }

        // Codes can be neither issued nor checked without the voting secret: refuse to serve rather than fail at the first ballot.
        app.Services.GetRequiredService<Pages.Vote.VotingKeys>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
        {
            await SquashedMigrations.AdoptAsync(db);
            await db.Database.MigrateAsync();
        }

        await AdminBootstrap.RunAsync(services, app.Configuration, logger);
        if (services.GetRequiredService<DemoDataOptions>().Enabled)
        {
            await DemoData.SeedAsync(services, logger);
        }

        return false;
    }
}

public sealed record DemoDataOptions(bool Enabled);
