using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Infrastructure;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Default";

    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static WebApplicationBuilder AddAppDatabase(this WebApplicationBuilder builder)
    {
        // Read when the first context is made, so configuration added by a test host is seen too. Contexts are pooled:
        // the options are built once, and a request borrows a context instead of building one with its internal services,
        // which was about 50 KB of allocations per request (docs/performance.md). No code keeps state in a context.
        builder.Services.AddDbContextPool<AppDbContext>(
            (services, options) => options
                .UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>()), npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
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
        return string.IsNullOrWhiteSpace(connectionString) ? throw new MissingConnectionStringException() : WithDefaults(connectionString);
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string says otherwise: every ballot runs the same
    /// few statements, and preparing them halved PostgreSQL's CPU time per ballot (docs/performance.md).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 50, AutoPrepareMinUsages = 2 };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            // The app keeps no session state on a connection (no temporary tables, session settings, advisory locks or
            // LISTEN), so the reset statements Npgsql sends each time a pooled connection is reused only cost time.
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
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
