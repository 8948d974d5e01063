using Npgsql;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Data;

/// <summary>
/// The phone ballot's own connections to the database (ADR 0010). When a hall votes, hundreds of ballots arrive at once,
/// and each needs one short statement to open its ballot and one to cast it. Through EF Core's pool each statement held
/// one of up to 100 connections, and PostgreSQL spent its time switching between as many busy server processes. This
/// data source keeps a few connections (<c>Voting:DatabaseConnections</c>, 16 by default) and multiplexes the
/// statements of concurrent requests onto them, written and read in batches. Only the ballot box uses it, for single
/// statements: multiplexing keeps no connection state between statements and allows no synchronous calls, so EF Core,
/// Identity and data protection stay on the ordinary pool.
/// </summary>
public sealed class VotingDataSource(IConfiguration configuration) : IAsyncDisposable
{
    public const int DefaultConnections = 16;

    // Made when the first ballot needs it: the container builds a singleton on first use.
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(Settings(configuration));

    /// <summary>The app's connection string (with its defaults), multiplexed on at most <c>Voting:DatabaseConnections</c> connections.</summary>
    public static string Settings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.ConnectionString(configuration))
        {
            Multiplexing = configuration.GetValue("Voting:Multiplexing", true),
            MaxPoolSize = Math.Max(1, configuration.GetValue("Voting:DatabaseConnections", DefaultConnections)),
        };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        return builder.ConnectionString;
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
