using Npgsql;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Benchmarks;

/// <summary>An empty database on a throwaway PostgreSQL cluster (the tests' own), removed when the process ends.</summary>
internal static class BenchmarkDatabase
{
    public static async Task<string> CreateAsync()
    {
        var server = PostgresServer.Shared;
        var name = $"benchmark_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Npgsql's default pool (100), as a production connection string without pool settings gets.
        return new NpgsqlConnectionStringBuilder(server.ConnectionString(name)) { MaxPoolSize = 100 }.ConnectionString;
    }

    public static async Task<int> BallotsAsync(NpgsqlDataSource dataSource, Guid meetingId) =>
        await CountAsync(dataSource, "SELECT count(*) FROM ballots WHERE meeting_id = $1", meetingId);

    /// <summary>Ballots received: mixed into <c>ballots</c> or still waiting, sealed, in the inbox (ADR 0011).</summary>
    public static async Task<int> ReceivedAsync(NpgsqlDataSource dataSource, Guid meetingId) =>
        await CountAsync(dataSource, "SELECT (SELECT count(*) FROM ballots WHERE meeting_id = $1) + (SELECT count(*) FROM ballot_inbox WHERE meeting_id = $1)", meetingId);

    public static async Task<int> WaitingAsync(NpgsqlDataSource dataSource, Guid meetingId) =>
        await CountAsync(dataSource, "SELECT count(*) FROM ballot_inbox WHERE meeting_id = $1", meetingId);

    public static async Task<int> UsedCodesAsync(NpgsqlDataSource dataSource, Guid meetingId) =>
        await CountAsync(dataSource, "SELECT count(*) FROM ballot_codes WHERE meeting_id = $1 AND state = 'Used'", meetingId);

    private static async Task<int> CountAsync(NpgsqlDataSource dataSource, string sql, Guid meetingId)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(meetingId);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}
