using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// Moves cast phone ballots from the sealed inbox into <c>ballots</c> so that no stored ballot can be tied to the code
/// that cast it or to when it was cast (ADR 0011).
/// <list type="bullet">
/// <item>While voting is open, a meeting's waiting ballots are mixed once there are at least <see cref="BatchSize"/>
/// of them: one transaction deletes them from the inbox and inserts them, shuffled, with one statement, so every ballot
/// of a batch has the same transaction and command id and the batch's physical order is random.</item>
/// <item>Once voting is no longer open, the meeting is sealed: one transaction waits for every cast still in flight,
/// then rewrites all of the meeting's ballots and what is left in the inbox as one shuffled insert with fresh keys.
/// Then the tables are rewritten (<c>VACUUM FULL</c>), so no dead row version of a batch or of the inbox stays in the
/// files.</item>
/// </list>
/// A cast notifies the mixer, which tries soon after, off the voter's request; a sweep every few seconds catches what
/// notifications missed (another app instance, a restart, a close). Every step is one transaction under advisory
/// locks, so any number of app instances may run it.
/// </summary>
public sealed partial class BallotMixer(
    IServiceScopeFactory scopes, VotingKeys keys, IConfiguration configuration, ILogger<BallotMixer> logger) : BackgroundService
{
    public const int DefaultBatchSize = 10;

    // Advisory lock classes: casts hold the first shared while they store a ballot; mixing and sealing hold the second.
    internal const int CastLockClass = 0x524D_0001;
    private const int MixLockClass = 0x524D_0002;

    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<Guid, byte> _scheduled = new();
    private readonly TimeSpan _sweep = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Voting:MixSweepSeconds", 5)));

    /// <summary>The smallest batch mixed while voting is open (<c>Voting:MixBatchSize</c>, at least 2).</summary>
    public int BatchSize { get; } = Math.Max(2, configuration.GetValue("Voting:MixBatchSize", DefaultBatchSize));

    /// <summary>The key both lock classes use for one meeting: all 16 bytes folded, as meeting ids made close together share their first ones.</summary>
    internal static int LockKey(Guid meetingId)
    {
        var bytes = meetingId.ToByteArray();
        return BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 4) ^ BitConverter.ToInt32(bytes, 8) ^ BitConverter.ToInt32(bytes, 12);
    }

    /// <summary>A ballot of this meeting was cast: try a batch soon, once for all the ballots that arrive meanwhile.</summary>
    public void Notify(Guid meetingId)
    {
        if (_scheduled.TryAdd(meetingId, 0))
        {
            _ = MixSoonAsync(meetingId);
        }
    }

    /// <summary>
    /// Brings a meeting's ballots to where they belong now: mixed in batches while voting is open (at least
    /// <paramref name="minimum"/>, by default <see cref="BatchSize"/>), sealed and compacted once it is not.
    /// Returns the number of ballots moved or rewritten.
    /// </summary>
    public async Task<int> SettleAsync(Guid meetingId, CancellationToken cancellationToken, int? minimum = null)
    {
        var (moved, sealedNow) = await MixOrSealAsync(meetingId, minimum ?? BatchSize, cancellationToken);
        if (sealedNow)
        {
            await CompactAsync(cancellationToken);
        }

        return moved;
    }

    /// <summary>
    /// <see cref="SettleAsync"/> for a page that has just closed voting: a failure (the database busy, a waiting ballot
    /// that cannot be opened because this instance has another secret) is logged and left to the sweep, and the
    /// staff member's action stands.
    /// </summary>
    public async Task TrySettleAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        try
        {
            await SettleAsync(meetingId, cancellationToken);
        }
        catch (Exception ex) when (IsMixFailure(ex))
        {
            LogSweepFailed(ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_sweep);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The app is stopping; whatever is left is picked up by the next sweep after a restart.
        }
    }

    // A waiting ballot that does not open (another instance with another secret, a changed secret) is an operator's
    // alarm, never a reason to stop the app or to lose the other meetings' mixing.
    private static bool IsMixFailure(Exception ex) =>
        ex is NpgsqlException or InvalidOperationException or CryptographicException or System.Text.Json.JsonException or TimeoutException;

    /// <summary>Every meeting with ballots waiting or batches not yet sealed, then any compaction still owed.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            List<Guid> meetings;
            bool compact;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                meetings = await db.BallotInbox.Select(b => b.MeetingId)
                    .Union(db.BallotSeals.Where(s => s.Mixed).Select(s => s.MeetingId))
                    .ToListAsync(cancellationToken);
                compact = await db.BallotSeals.AnyAsync(s => s.Compact, cancellationToken);
            }

            foreach (var meeting in meetings)
            {
                try
                {
                    var (_, sealedNow) = await MixOrSealAsync(meeting, BatchSize, cancellationToken);
                    compact |= sealedNow;
                }
                catch (Exception ex) when (IsMixFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    LogSweepFailed(ex);
                }
            }

            if (compact)
            {
                await CompactAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (IsMixFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogSweepFailed(ex);
        }
    }

    private async Task MixSoonAsync(Guid meetingId)
    {
        try
        {
            await Task.Delay(Coalescing);
            _scheduled.TryRemove(meetingId, out _);
            await SettleAsync(meetingId, CancellationToken.None);
        }
        catch (Exception ex) when (IsMixFailure(ex) || ex is ObjectDisposedException)
        {
            // The sweep tries again; the ballots are safe in the inbox meanwhile.
            _scheduled.TryRemove(meetingId, out _);
            LogSweepFailed(ex);
        }
    }

    private async Task<(int Moved, bool Sealed)> MixOrSealAsync(Guid meetingId, int minimum, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new Batch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), meetingId);
        await batch.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, MixLockClass, LockKey(meetingId));
        if (await batch.VotingOpenAsync(cancellationToken))
        {
            var waiting = await batch.ScalarAsync<long>("SELECT count(*) FROM ballot_inbox WHERE meeting_id = $1", cancellationToken, meetingId);
            if (waiting < minimum)
            {
                return (0, false);
            }

            var mixed = await MixAsync(batch, rewrite: false, minimum, cancellationToken);
            if (mixed == 0)
            {
                return (0, false);
            }

            await batch.ExecuteAsync(
                "INSERT INTO ballot_seals (meeting_id, mixed, compact) VALUES ($1, TRUE, FALSE) ON CONFLICT (meeting_id) DO UPDATE SET mixed = TRUE",
                cancellationToken, meetingId);
            await transaction.CommitAsync(cancellationToken);
            return (mixed, false);
        }

        // Casts hold this lock shared while they store a ballot: taking it exclusively waits for every cast that
        // started before voting closed, and each cast after it finds voting closed and stores nothing.
        await batch.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, CastLockClass, LockKey(meetingId));
        var owed = await batch.ScalarAsync<bool?>("SELECT mixed FROM ballot_seals WHERE meeting_id = $1", cancellationToken, meetingId) ?? false;
        var waitingNow = await batch.ScalarAsync<long>("SELECT count(*) FROM ballot_inbox WHERE meeting_id = $1", cancellationToken, meetingId);
        if (!owed && waitingNow == 0)
        {
            return (0, false);
        }

        var rewritten = await MixAsync(batch, rewrite: true, minimum: 0, cancellationToken);
        await batch.ExecuteAsync(
            "INSERT INTO ballot_seals (meeting_id, mixed, compact) VALUES ($1, FALSE, TRUE) ON CONFLICT (meeting_id) DO UPDATE SET mixed = FALSE, compact = TRUE",
            cancellationToken, meetingId);
        await transaction.CommitAsync(cancellationToken);
        return (rewritten, true);
    }

    /// <summary>
    /// Takes waiting ballots of the meeting out of the inbox (and, to seal, every stored one out of <c>ballots</c>) and
    /// stores them again with fresh random keys in one insert, in an order drawn at random. While voting is open only
    /// the rater groups with at least <paramref name="minimum"/> waiting ballots move: a code's row says its group and,
    /// by its transaction id, roughly when it was used, so a batch must hide each code among that many of its own group.
    /// </summary>
    private async Task<int> MixAsync(Batch batch, bool rewrite, int minimum, CancellationToken cancellationToken)
    {
        var waiting = new List<(Guid Id, string GroupKey, string Grades)>();
        foreach (var (id, sealedBallot) in await batch.WaitingAsync(cancellationToken))
        {
            var (group, grades) = SealedBallot.Read(keys.Open(batch.MeetingId, sealedBallot));
            waiting.Add((id, group, grades));
        }

        var moving = rewrite ? waiting : waiting.GroupBy(b => b.GroupKey, StringComparer.Ordinal).Where(g => g.Count() >= minimum).SelectMany(g => g).ToList();
        if (moving.Count == 0)
        {
            return 0;
        }

        await batch.RemoveWaitingAsync(moving.Select(b => b.Id).ToArray(), cancellationToken);
        var ballots = moving.Select(b => (b.GroupKey, b.Grades)).ToList();
        if (rewrite)
        {
            ballots.AddRange(await batch.StoredAsync(cancellationToken));
        }

        var shuffled = ballots.ToArray();
        RandomNumberGenerator.Shuffle<(string, string)>(shuffled);
        await using var insert = batch.Command("""
            INSERT INTO ballots (id, meeting_id, group_key, grades)
            SELECT id, $1, group_key, CAST(grades AS jsonb) FROM unnest($2, $3, $4) AS b(id, group_key, grades)
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batch.MeetingId });
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = shuffled.Select(_ => Guid.NewGuid()).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = shuffled.Select(b => b.Item1).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = shuffled.Select(b => b.Item2).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return shuffled.Length;
    }

    /// <summary>
    /// Rewrites the inbox and the ballots into new files, dropping every dead row version a mix or a seal left behind
    /// (their bytes would otherwise stay in the pages' free space). It takes each table's exclusive lock for the few
    /// milliseconds a small table's rewrite takes; when the lock is not had quickly, the next sweep tries again.
    /// <c>VACUUM FULL</c> copies a dead version that some transaction might still see (one of a session, a prepared
    /// transaction, a replication slot), so the seals count as compacted only when PostgreSQL reports that no dead
    /// version had to be kept, and only the seals read before the rewrite.
    /// </summary>
    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.ConnectionString(configuration))
        {
            Pooling = false,
            Options = "-c lock_timeout=1000",
        };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var owed = new List<(Guid Meeting, string Version)>();
        await using (var read = new NpgsqlCommand("SELECT meeting_id, xmin::text FROM ballot_seals WHERE compact", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                owed.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        if (!await OlderSnapshotsGoneAsync(connection, cancellationToken))
        {
            LogCompactionDeferred();
            return;
        }

        var kept = 0;
        connection.Notice += (_, e) => kept += KeptDeadVersions(e.Notice.Detail);
        try
        {
            foreach (var table in new[] { "ballot_inbox", "ballots" })
            {
                await using var vacuum = new NpgsqlCommand($"VACUUM (FULL, VERBOSE) {table}", connection);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            LogCompactionDeferred();
            return;
        }

        if (kept > 0)
        {
            LogCompactionDeferred();
            return;
        }

        await using var done = new NpgsqlCommand("""
            UPDATE ballot_seals SET compact = FALSE
            WHERE (meeting_id, xmin::text) IN (SELECT * FROM unnest($1, $2))
            """, connection);
        done.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = owed.Select(o => o.Meeting).ToArray() });
        done.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owed.Select(o => o.Version).ToArray() });
        await done.ExecuteNonQueryAsync(cancellationToken);
    }

    // VACUUM VERBOSE's detail line: "N dead row versions cannot be removed yet."
    private static int KeptDeadVersions(string? detail)
    {
        var match = detail is null ? null : System.Text.RegularExpressions.Regex.Match(detail, @"(\d+) dead row versions cannot be removed yet");
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// Waits until no other session of this database (or a standby's feedback) holds a snapshot or a transaction older
    /// than this moment, when every seal so far has committed, so that the rewrite can drop their dead versions; a
    /// session that keeps one for ten seconds defers compaction to the next sweep.
    /// </summary>
    private static async Task<bool> OlderSnapshotsGoneAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var now = new NpgsqlCommand("SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text", connection);
        var horizon = (string)(await now.ExecuteScalarAsync(cancellationToken))!;
        await using var older = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND (datname = current_database() OR backend_type = 'walsender')
              AND (age(backend_xmin) > age(CAST($1 AS xid)) OR age(backend_xid) > age(CAST($1 AS xid)))
            """, connection);
        older.Parameters.Add(new NpgsqlParameter<string> { TypedValue = horizon });
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((long)(await older.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mixing waiting ballots failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacting the ballot tables waited too long for a lock or an older snapshot; the next sweep tries again")]
    private partial void LogCompactionDeferred();

    /// <summary>The statements of one mixing transaction, all about one meeting.</summary>
    private sealed class Batch(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid meetingId)
    {
        private static readonly string VotingOpenSql =
            $"SELECT status = '{MeetingStatus.Evaluating}' AND voting_closed_at IS NULL FROM meetings WHERE id = $1";

        public Guid MeetingId => meetingId;

        public NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

        public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
        {
            await using var command = With(sql, values);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object[] values)
        {
            await using var command = With(sql, values);
            var result = await command.ExecuteScalarAsync(cancellationToken);
            return result is null or DBNull ? default : (T)result;
        }

        /// <summary>A meeting that is gone counts as not voting: its ballots went with it.</summary>
        public async Task<bool> VotingOpenAsync(CancellationToken cancellationToken) =>
            await ScalarAsync<bool?>(VotingOpenSql, cancellationToken, meetingId) ?? false;

        public async Task<List<(Guid Id, byte[] Sealed)>> WaitingAsync(CancellationToken cancellationToken)
        {
            await using var command = With("SELECT id, sealed FROM ballot_inbox WHERE meeting_id = $1", [meetingId]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var waiting = new List<(Guid, byte[])>();
            while (await reader.ReadAsync(cancellationToken))
            {
                waiting.Add((reader.GetGuid(0), reader.GetFieldValue<byte[]>(1)));
            }

            return waiting;
        }

        public async Task RemoveWaitingAsync(Guid[] ids, CancellationToken cancellationToken)
        {
            await using var command = Command("DELETE FROM ballot_inbox WHERE id = ANY($1)");
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<List<(string GroupKey, string Grades)>> StoredAsync(CancellationToken cancellationToken)
        {
            await using var command = With("DELETE FROM ballots WHERE meeting_id = $1 RETURNING group_key, CAST(grades AS text)", [meetingId]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ballots = new List<(string, string)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ballots.Add((reader.GetString(0), reader.GetString(1)));
            }

            return ballots;
        }

        private NpgsqlCommand With(string sql, object[] values)
        {
            var command = Command(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            return command;
        }
    }
}
