using Npgsql;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// One template database, migrated and seeded once through the app's own start-up, and a fresh copy of it per test
/// (CREATE DATABASE … TEMPLATE is a file copy, far cheaper than migrating again).
/// </summary>
internal static class TestDatabases
{
    private const string Template = "reviewmeetings_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;
    private static int _counter;

    public static async Task<string> CreateAsync()
    {
        await EnsureTemplateAsync();
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
        return PostgresServer.Shared.ConnectionString(name);
    }

    /// <summary>A database with nothing in it, for tests of the app's own start-up (migrations and seeding).</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = $"empty_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return PostgresServer.Shared.ConnectionString(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Only this database's pools (the test's own and the app's, whose connection string has the app's defaults added):
        // clearing every pool closed the idle connections of the tests still running.
        foreach (var pooled in new[] { connectionString, Web.Infrastructure.DatabaseSetup.WithDefaults(connectionString) })
        {
            using var connection = new NpgsqlConnection(pooled);
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        if (_templateReady)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAsync($"CREATE DATABASE \"{Template}\"");
            var connectionString = PostgresServer.Shared.ConnectionString(Template).Replace("Pooling=true", "Pooling=false", StringComparison.Ordinal);
            await using (var factory = new AppFactory(connectionString, prepareDatabase: true))
            {
                // Starting the host runs the app's own migrations and demo seeding into the template.
                _ = factory.Services;
            }

            _templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Shared.ConnectionString("postgres").Replace("Pooling=true", "Pooling=false", StringComparison.Ordinal));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
