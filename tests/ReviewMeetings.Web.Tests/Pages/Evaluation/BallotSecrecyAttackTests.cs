using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

/// <summary>
/// ADR 0011 tested the way it would be broken: ballots of two rater groups are cast through the phone pages with known
/// codes and known marks, and then an insider who can read everything PostgreSQL keeps, knows every code, its group and
/// its keyed hash (so the hashing is no obstacle) tries every way to tie a stored ballot to the code that cast it: shared
/// and neighbouring transaction ids, command ids, commit timestamps (<c>track_commit_timestamp</c> is on in the test
/// cluster), physical row order, key order, index order, and every row version and byte of free space in the pages,
/// read with pageinspect. The same attacks run against the old design (one statement uses the code and inserts the
/// ballot) and link every ballot there, so they are not toothless.
/// </summary>
public sealed class BallotSecrecyAttackTests : EvaluationTest
{
    private const int BatchSize = 10;
    private const int Voters = 24;

    // Grades for a ballot's first three reporters: base 5 over abstain and the four grades, so every voter's marks differ.
    private static readonly string?[] Grades = [null, "好", "较好", "一般", "差"];

    internal override AppFactory CreateFactory(string connectionString) => new(connectionString, settings: new Dictionary<string, string>
    {
        ["Voting:MixBatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Only casts and closing move ballots here, so each step below is the one under test.
        ["Voting:MixSweepSeconds"] = "3600",
    });

    [Fact]
    public async Task No_stored_trace_links_a_ballot_to_its_code_during_voting_beyond_its_batch_nor_at_all_once_voting_closed()
    {
        var meeting = await EvaluatingMeetingAsync();
        var groups = await DbAsync(db => db.Meetings.Where(m => m.Id == meeting).SelectMany(m => m.Attendance).OrderBy(g => g.Order).Select(g => g.Id).ToListAsync());
        var first = await IssueAsync(meeting, Voters / 2 + 1, groups[0]);
        var second = await IssueAsync(meeting, Voters / 2 + 1, groups[1]);
        var order = await BallotOrderAsync(meeting);

        // Voters of two rater groups take turns, as slips shuffled before printing make them.
        var codes = first.Take(Voters / 2).Zip(second.Take(Voters / 2)).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();
        await using var database = await InspectorAsync();
        var truth = new Dictionary<string, string>();
        var cast = 0;
        while (await DbAsync(db => db.Ballots.CountAsync()) == 0)
        {
            truth[CodeHash(codes[cast])] = await CastAsync(meeting, codes[cast], order, cast + 1);
            cast++;
            Assert.True(cast < Voters, "The first batch was never mixed.");
            if (cast >= 2 * BatchSize - 1)
            {
                // The first group's tenth ballot is in: its batch is mixed within moments.
                await WaitUntilAsync(async () => await DbAsync(db => db.Ballots.CountAsync()) > 0);
            }
        }

        // During voting: one batch of the first group's k ballots in ballots; the second group's, fewer than k, still sealed in the inbox.
        Assert.Equal(2 * BatchSize - 1, cast);
        Assert.Equal(BatchSize, await DbAsync(db => db.Ballots.CountAsync(b => b.GroupKey == groups[0].ToString())));
        Assert.Equal(BatchSize, await DbAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(BatchSize - 1, await DbAsync(db => db.BallotInbox.CountAsync()));
        var during = await ObserveAsync(database, "ballots", $"meeting_id = '{meeting}'", "ballot_codes", $"meeting_id = '{meeting}' AND state = 'Used'", "group_key", order);
        AssertNoLinkBeyondChance(during, truth, BatchSize);
        Assert.Single(during.Ballots.Select(b => b.Xmin).Distinct());
        await AssertInboxHoldsNoMarksAsync(database, order);

        for (; cast < Voters; cast++)
        {
            truth[CodeHash(codes[cast])] = await CastAsync(meeting, codes[cast], order, cast + 1);
        }

        using (var organizer = await SignInAsync("organizer"))
        {
            await organizer.FollowAsync(await organizer.SubmitConfirmedAsync($"/Evaluation/Codes/{meeting}", "form[action*='handler=CloseVoting']", []));
        }

        // Closing sealed and compacted; a compaction that had to keep a dead version (a query of the page still
        // running) is owed, and the mixer's sweep finishes it.
        var mixer = Factory.Services.GetRequiredService<Web.Pages.Vote.BallotMixer>();
        await WaitUntilAsync(async () =>
        {
            await mixer.SweepAsync(CancellationToken.None);
            return !await DbAsync(db => db.BallotSeals.AnyAsync(s => s.Compact));
        });

        // Voting closed: every ballot counted, nothing waiting, and no method links any ballot better than chance.
        var after = await ObserveAsync(database, "ballots", $"meeting_id = '{meeting}'", "ballot_codes", $"meeting_id = '{meeting}' AND state = 'Used'", "group_key", order);
        Assert.Equal(Voters, after.Ballots.Count);
        Assert.Equal(truth.Values.Order(), after.Ballots.Select(b => b.Key).Order());
        Assert.Equal(0, await DbAsync(db => db.BallotInbox.CountAsync()));
        AssertNoLinkBeyondChance(after, truth, Voters);
        Assert.Single(after.Ballots.Select(b => b.Xmin).Distinct());
        await AssertPagesHoldOnlyLiveBallotsAsync(database, "ballots");
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT pg_relation_size('ballot_inbox')"));

        // Without the voting secret the database cannot even confirm a code seen on a slip: its plain hash is stored nowhere.
        var stored = await DbAsync(db => db.BallotCodes.Select(c => c.Hash).ToListAsync());
        Assert.All(codes, code => Assert.DoesNotContain(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(Domain.Evaluation.BallotCodeFormat.Normalize(code)!))), stored));

        // The same attacks against the design this replaced link every single ballot.
        var old = await OldDesignAsync(database, truth, order);
        Assert.Equal(Voters, Correct(SameTransaction(old), truth));
        Assert.Equal(Voters, Correct(PhysicalOrder(old), truth));
    }

    [Fact]
    public async Task A_mix_cut_off_midway_loses_nothing_and_the_next_one_counts_every_waiting_ballot_once()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 4);
        var order = await BallotOrderAsync(meeting);
        var cast = new List<string>();
        foreach (var (code, i) in codes.Select((c, i) => (c, i)))
        {
            cast.Add(await CastAsync(meeting, code, order, i + 1));
        }

        // Each cast asks the mixer to look 0.2 s later; those looks (too few ballots to mix) are over before voting closes.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await DbAsync(async db =>
        {
            var stored = await db.Meetings.SingleAsync(m => m.Id == meeting);
            stored.CloseVoting(Guid.NewGuid(), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var mixer = Factory.Services.GetRequiredService<Web.Pages.Vote.BallotMixer>();

        // A reader holds the ballots table, so the seal stops at its insert; then its connection dies, as in a crash.
        await using (var blocker = await InspectorAsync())
        {
            await using var hold = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE ballots IN ACCESS EXCLUSIVE MODE", blocker, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var seal = mixer.SettleAsync(meeting, CancellationToken.None);
            await using var killer = await InspectorAsync();
            await WaitUntilAsync(async () => await ScalarAsync<long>(killer,
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM ballots%'") == 1);
            await ScalarAsync<bool>(killer, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM ballots%'");
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => seal);
        }

        Assert.Equal(4, await DbAsync(db => db.BallotInbox.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.Ballots.CountAsync()));

        NpgsqlConnection.ClearAllPools();
        await mixer.SettleAsync(meeting, CancellationToken.None);

        Assert.Equal(0, await DbAsync(db => db.BallotInbox.CountAsync()));
        var stored = await DbAsync(db => db.Ballots.AsNoTracking().ToListAsync());
        Assert.Equal(cast.Order(), stored.Select(b => Signature(order, b.Grades)).Order());
    }

    [Fact]
    public async Task A_cast_in_flight_when_voting_closes_is_sealed_with_the_others_not_left_behind()
    {
        var meeting = await EvaluatingMeetingAsync();
        var codes = await IssueAsync(meeting, 2);
        var order = await BallotOrderAsync(meeting);
        await CastAsync(meeting, codes[0], order, 1);
        var mixer = Factory.Services.GetRequiredService<Web.Pages.Vote.BallotMixer>();

        // A second cast has taken the meeting's cast lock and not yet committed its ballot when staff close voting.
        await using var inFlight = await InspectorAsync();
        await using var cast = await inFlight.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock_shared({Web.Pages.Vote.BallotMixer.CastLockClass}, {Web.Pages.Vote.BallotMixer.LockKey(meeting)})", inFlight, cast))
        {
            await take.ExecuteNonQueryAsync();
        }

        using (var organizer = await SignInAsync("organizer"))
        {
            var page = await organizer.GetAsync($"/Evaluation/Codes/{meeting}");
            var closing = organizer.ConfirmAsync(await organizer.SubmitAsync(page, "form[action*='handler=CloseVoting']", []));
            await using var watcher = await InspectorAsync();
            await WaitUntilAsync(async () => await ScalarAsync<long>(watcher, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") >= 1);

            // The cast's statement, as BallotBox runs it, lands in the inbox only now.
            await using (var store = new NpgsqlCommand(
                "INSERT INTO ballot_inbox (id, meeting_id, sealed) SELECT gen_random_uuid(), meeting_id, sealed FROM ballot_inbox WHERE meeting_id = $1", inFlight, cast))
            {
                store.Parameters.AddWithValue(meeting);
                Assert.Equal(1, await store.ExecuteNonQueryAsync());
            }

            await cast.CommitAsync();
            using var closed = await closing;
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        Assert.Equal(0, await DbAsync(db => db.BallotInbox.CountAsync()));
        Assert.Equal(2, await DbAsync(db => db.Ballots.CountAsync()));
    }

    private async Task<string> CastAsync(Guid meeting, string code, List<Guid> order, int number)
    {
        var grades = new Dictionary<string, string>();
        var rest = number;
        for (var position = 0; position < 3; position++)
        {
            grades[$"Grades[{order[position]}]"] = Grades[rest % Grades.Length] ?? "";
            rest /= Grades.Length;
        }

        using var voter = Anonymous();
        var ballot = await voter.GetAsync($"/v/{code}");
        using var response = await voter.SubmitAsync(ballot, "main form", grades, "button[data-ballot-confirm]", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("done").GetBoolean(), meeting.ToString());
        return Signature(order, order.ToDictionary(id => id, id => grades.TryGetValue($"Grades[{id}]", out var g) && g.Length > 0 ? g : null));
    }

    private static string Signature(List<Guid> order, IReadOnlyDictionary<Guid, string?> grades) =>
        string.Join(',', order.Select(id => grades.GetValueOrDefault(id) ?? "-"));

    /// <summary>A superuser connection to the test's database with pageinspect, as a DBA or a stolen data directory gives.</summary>
    private async Task<NpgsqlConnection> InspectorAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pageinspect", connection);
        await extension.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not come true within 30 seconds.");
    }

    private sealed record Row(long Xmin, long Cmin, int Page, int Item, DateTimeOffset Committed, Guid Id, string Key, string Group);

    private sealed record Observation(List<Row> Codes, List<Row> Ballots, List<(int Page, int Item)> IndexOrder);

    /// <summary>Everything the attacks read: the used codes and the ballots with their system columns, and the order of the ballots' index.</summary>
    private static async Task<Observation> ObserveAsync(
        NpgsqlConnection connection, string ballots, string ballotFilter, string codes, string codeFilter, string group, List<Guid> order)
    {
        var codeRows = await RowsAsync(connection, $"SELECT xmin::text::bigint, cmin::text::bigint, ctid::text, pg_xact_commit_timestamp(xmin), gen_random_uuid(), hash, {group} FROM {codes} WHERE {codeFilter}", k => k.Trim());
        var ballotRows = await RowsAsync(connection, $"SELECT xmin::text::bigint, cmin::text::bigint, ctid::text, pg_xact_commit_timestamp(xmin), id, grades::text, {group} FROM {ballots} WHERE {ballotFilter}",
            json => Signature(order, JsonSerializer.Deserialize<Dictionary<Guid, string?>>(json)!));
        var index = await ScalarAsync<string>(connection, $"SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '{ballots}'::regclass ORDER BY indisprimary LIMIT 1");
        var leafOrder = new List<(int, int)>();
        var pages = await ScalarAsync<long>(connection, $"SELECT pg_relation_size('{index}') / current_setting('block_size')::bigint");
        for (var page = 1; page < pages; page++)
        {
            await using var items = new NpgsqlCommand($"SELECT coalesce(tids, ARRAY[htid])::text FROM bt_page_items('{index}', {page}) WHERE htid IS NOT NULL ORDER BY itemoffset", connection);
            await using var reader = await items.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                leafOrder.AddRange(reader.GetString(0).Trim('{', '}').Split("\",\"").Select(t => Tid(t.Trim('"'))));
            }
        }

        return new Observation(codeRows, ballotRows, leafOrder);
    }

    private static async Task<List<Row>> RowsAsync(NpgsqlConnection connection, string sql, Func<string, string> key)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            var (page, item) = Tid(reader.GetString(2));
            rows.Add(new Row(reader.GetInt64(0), reader.GetInt64(1), page, item, reader.GetFieldValue<DateTimeOffset>(3), reader.GetGuid(4), key(reader.GetString(5)), reader.GetString(6)));
        }

        return rows;
    }

    private static (int Page, int Item) Tid(string tid)
    {
        var parts = tid.Trim('(', ')').Split(',');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Every attack's guesses, scored against the truth. Attacks by transaction or time must not single out any ballot
    /// at all; attacks by an order may hit by chance (about one hit whatever the group size), never by design.
    /// </summary>
    private static void AssertNoLinkBeyondChance(Observation seen, Dictionary<string, string> truth, int group)
    {
        Assert.Empty(SameTransaction(seen));
        Assert.Empty(NextTransaction(seen));
        Assert.Empty(NearestCommit(seen));
        Assert.Empty(SameCommand(seen));

        // A random order of n has about one fixed point; more than 6 (of one batch of 10) or 8 (of two groups of 12)
        // come by chance less than once in 5,000 runs. The old design hits all of them.
        var chance = group <= BatchSize ? 6 : 8;
        Assert.InRange(Correct(PhysicalOrder(seen), truth), 0, chance);
        Assert.InRange(Correct(KeyOrder(seen), truth), 0, chance);
        Assert.InRange(Correct(IndexOrder(seen), truth), 0, chance);
    }

    private static int Correct(Dictionary<string, string> guesses, Dictionary<string, string> truth) =>
        guesses.Count(g => truth.GetValueOrDefault(g.Key) == g.Value);

    /// <summary>The attacker knows each code's and each ballot's rater group, so only ballots of the code's own group are candidates.</summary>
    private static Dictionary<string, string> Unique(Observation seen, Func<Row, IEnumerable<Row>> candidates) =>
        seen.Codes.Select(c => (c.Key, Candidates: candidates(c).Where(b => b.Group == c.Group).ToList()))
            .Where(x => x.Candidates.Count == 1)
            .ToDictionary(x => x.Key, x => x.Candidates[0].Key);

    private static Dictionary<string, string> SameTransaction(Observation seen) =>
        Unique(seen, code => seen.Ballots.Where(b => b.Xmin == code.Xmin));

    private static Dictionary<string, string> NextTransaction(Observation seen) => Unique(seen, code =>
    {
        var later = seen.Ballots.Where(b => b.Group == code.Group && b.Xmin >= code.Xmin).ToList();
        return later.Count == 0 ? [] : later.Where(b => b.Xmin == later.Min(x => x.Xmin));
    });

    private static Dictionary<string, string> NearestCommit(Observation seen) => Unique(seen, code =>
    {
        var own = seen.Ballots.Where(b => b.Group == code.Group).ToList();
        var nearest = own.Count == 0 ? TimeSpan.Zero : own.Min(b => (b.Committed - code.Committed).Duration());
        return own.Where(b => (b.Committed - code.Committed).Duration() == nearest);
    });

    private static Dictionary<string, string> SameCommand(Observation seen) =>
        Unique(seen, code => seen.Ballots.Where(b => b.Xmin == code.Xmin && b.Cmin == code.Cmin));

    /// <summary>Each group's codes in the order they were used, matched with that group's ballots in the order given.</summary>
    private static Dictionary<string, string> Zip(Observation seen, IEnumerable<Row> ballots)
    {
        var ordered = ballots.ToList();
        return seen.Codes.GroupBy(c => c.Group)
            .SelectMany(g => g.OrderBy(c => c.Xmin).Zip(ordered.Where(b => b.Group == g.Key)))
            .ToDictionary(x => x.First.Key, x => x.Second.Key);
    }

    private static Dictionary<string, string> PhysicalOrder(Observation seen) => Zip(seen, seen.Ballots.OrderBy(b => b.Page).ThenBy(b => b.Item));

    private static Dictionary<string, string> KeyOrder(Observation seen) => Zip(seen, seen.Ballots.OrderBy(b => b.Id));

    private static Dictionary<string, string> IndexOrder(Observation seen)
    {
        var byTid = seen.Ballots.ToDictionary(b => (b.Page, b.Item));
        return Zip(seen, seen.IndexOrder.Where(byTid.ContainsKey).Select(t => byTid[t]));
    }

    /// <summary>Every row version in the inbox's pages, live or dead, and the free space between them: sealed bytes only.</summary>
    private static async Task AssertInboxHoldsNoMarksAsync(NpgsqlConnection connection, List<Guid> order)
    {
        var raw = await RawPagesAsync(connection, "ballot_inbox");
        Assert.NotEmpty(raw);
        var text = Encoding.Latin1.GetString(raw.SelectMany(p => p).ToArray());
        Assert.All(order, id => Assert.DoesNotContain(id.ToString(), text, StringComparison.Ordinal));
        Assert.DoesNotContain("\"M\":{", text, StringComparison.Ordinal);
    }

    /// <summary>No dead or redirected row version, no version still marked as deleted, and only zeros between the line pointers and the rows.</summary>
    private static async Task AssertPagesHoldOnlyLiveBallotsAsync(NpgsqlConnection connection, string table)
    {
        await using (var items = new NpgsqlCommand($"""
            SELECT count(*) FILTER (WHERE lp_flags <> 1 OR t_xmax <> 0), count(*)
            FROM generate_series(0, pg_relation_size('{table}') / current_setting('block_size')::bigint - 1) AS page,
                 LATERAL heap_page_items(get_raw_page('{table}', page::int))
            """, connection))
        await using (var reader = await items.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Assert.Equal(0L, reader.GetInt64(0));
            Assert.True(reader.GetInt64(1) > 0);
        }

        foreach (var page in await RawPagesAsync(connection, table))
        {
            var lower = BitConverter.ToUInt16(page, 12);
            var upper = BitConverter.ToUInt16(page, 14);
            Assert.All(page[lower..upper], b => Assert.Equal(0, b));
        }
    }

    private static async Task<List<byte[]>> RawPagesAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT get_raw_page('{table}', page::int)
            FROM generate_series(0, pg_relation_size('{table}') / current_setting('block_size')::bigint - 1) AS page
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var pages = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            pages.Add(reader.GetFieldValue<byte[]>(0));
        }

        return pages;
    }

    /// <summary>
    /// The design this replaced, replayed with the same codes and marks: one statement uses a code and inserts its
    /// ballot, as <c>BallotBox</c> did before ADR 0011.
    /// </summary>
    private static async Task<Observation> OldDesignAsync(NpgsqlConnection connection, Dictionary<string, string> truth, List<Guid> order)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE old_codes (hash text PRIMARY KEY, state text NOT NULL) WITH (fillfactor = 50);
            CREATE TABLE old_ballots (id uuid PRIMARY KEY, grades jsonb NOT NULL);
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        foreach (var hash in truth.Keys)
        {
            await using var issue = new NpgsqlCommand("INSERT INTO old_codes VALUES ($1, 'Issued')", connection);
            issue.Parameters.AddWithValue(hash);
            await issue.ExecuteNonQueryAsync();
        }

        foreach (var (hash, marks) in truth)
        {
            var grades = order.Zip(marks.Split(',')).ToDictionary(x => x.First, x => x.Second == "-" ? null : x.Second);
            await using var cast = new NpgsqlCommand("""
                WITH used AS (UPDATE old_codes SET state = 'Used' WHERE hash = $1 AND state = 'Issued' RETURNING 1)
                INSERT INTO old_ballots (id, grades) SELECT gen_random_uuid(), CAST($2 AS jsonb) FROM used
                """, connection);
            cast.Parameters.AddWithValue(hash);
            cast.Parameters.AddWithValue(JsonSerializer.Serialize(grades));
            Assert.Equal(1, await cast.ExecuteNonQueryAsync());
        }

        return await ObserveAsync(connection, "old_ballots", "TRUE", "old_codes", "state = 'Used'", "'one group'", order);
    }
}
