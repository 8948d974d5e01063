using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Default";

    public static WebApplicationBuilder AddAppDatabase(this WebApplicationBuilder builder)
    {
        // Read when the first context is made, so configuration added by a test host is seen too.
        builder.Services.AddDbContext<AppDbContext>((services, options) => options
            .UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>()), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention());
        builder.Services.AddDataProtection()
            .SetApplicationName("ReviewMeetings")
            .PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString) ? throw new MissingConnectionStringException() : connectionString;
    }
}

internal sealed class MissingConnectionStringException : Exception
{
    public MissingConnectionStringException()
        : base("No database connection string: set ConnectionStrings:Default (environment variable ConnectionStrings__Default).")
    {
    }

    public MissingConnectionStringException(string message)
        : base(message)
    {
    }

    public MissingConnectionStringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
