using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ReviewMeetings.Benchmarks;

/// <summary>What the database alone can do: ballots written with Npgsql, with no HTTP, EF Core or Razor in the way.</summary>
internal static class DirectInsert
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One INSERT per ballot, as many in flight as there are clients: the floor the issue asks for.</summary>
    public static async Task<LoadResult> InsertsAsync(NpgsqlDataSource dataSource, SeededMeeting meeting, int clients) =>
        await RunAsync(await CodesAsync(dataSource, meeting), clients, async (code, seed) =>
        {
            await using var command = dataSource.CreateCommand("INSERT INTO ballots (id, meeting_id, group_key, grades) VALUES ($1, $2, $3, $4)");
            AddBallot(command, meeting, code.GroupKey, seed);
            await command.ExecuteNonQueryAsync();
        });

    /// <summary>
    /// The app's own transaction, by hand: use the code with a conditional UPDATE and insert the ballot, committed
    /// together (ADR 0006). The gap between this and the HTTP run is what the web stack costs.
    /// </summary>
    public static async Task<LoadResult> TransactionsAsync(NpgsqlDataSource dataSource, SeededMeeting meeting, int clients) =>
        await RunAsync(await CodesAsync(dataSource, meeting), clients, async (code, seed) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var use = new NpgsqlCommand("UPDATE ballot_codes SET state = 'Used' WHERE id = $1 AND state = 'Issued'", connection, transaction);
            use.Parameters.AddWithValue(code.Id);
            if (await use.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The code was already used.");
            }

            await using var insert = new NpgsqlCommand("INSERT INTO ballots (id, meeting_id, group_key, grades) VALUES ($1, $2, $3, $4)", connection, transaction);
            AddBallot(insert, meeting, code.GroupKey, seed);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });

    /// <summary>One more ballot for the meeting, in a group its codes were issued to: the results page's cached count is stale.</summary>
    public static async Task AddOneAsync(NpgsqlDataSource dataSource, SeededMeeting meeting, int seed)
    {
        var group = (await CodesAsync(dataSource, meeting))[0].GroupKey;
        await using var command = dataSource.CreateCommand("INSERT INTO ballots (id, meeting_id, group_key, grades) VALUES ($1, $2, $3, $4)");
        AddBallot(command, meeting, group, seed);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(Guid Id, string GroupKey)>> CodesAsync(NpgsqlDataSource dataSource, SeededMeeting meeting)
    {
        var codes = new List<(Guid Id, string GroupKey)>();
        await using var query = dataSource.CreateCommand("SELECT id, group_key FROM ballot_codes WHERE meeting_id = $1");
        query.Parameters.AddWithValue(meeting.Id);
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return codes;
    }

    private static void AddBallot(NpgsqlCommand command, SeededMeeting meeting, string groupKey, int seed)
    {
        var random = new Random(seed);
        string[] grades = ["好", "较好", "一般", "差"];
        var marks = meeting.Reporters.ToDictionary(r => r, _ => (string?)grades[random.Next(grades.Length)]);
        command.Parameters.AddWithValue(Guid.NewGuid());
        command.Parameters.AddWithValue(meeting.Id);
        command.Parameters.AddWithValue(groupKey);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(marks, Json));
    }

    private static async Task<LoadResult> RunAsync<T>(List<T> work, int clients, Func<T, int, Task> write)
    {
        var queue = new ConcurrentQueue<(T Item, int Seed)>(work.Select((w, i) => (w, i)));
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var succeeded = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var next))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await write(next.Item, next.Seed);
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    errors.Add(ex.Message);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        return new LoadResult(succeeded, [.. errors], clock.Elapsed, new Dictionary<string, Latencies> { ["ballot"] = new(latencies) });
    }
}
