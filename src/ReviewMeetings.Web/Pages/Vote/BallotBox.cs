using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using NpgsqlTypes;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// A code with the meeting and rater group its ballot is cast in. Found (<see cref="BallotBox.OpenAsync"/>), the code
/// was unused and its meeting voting when it was read; claimed (<see cref="BallotBox.ClaimAsync"/>), it is only what the
/// ballot page says, and casting checks every part of it.
/// </summary>
public sealed record OpenCode(string Hash, string GroupKey, string Display, Meeting Meeting, bool Claimed = false)
{
    public EvaluationRules Rules => Meeting.EffectiveEvaluationRules;

    /// <summary>The reporters in ballot order: on-site reports first, then written ones.</summary>
    public IReadOnlyList<Reporter> Reporters { get; } = Meeting.InBallotOrder().ToList();

    public string GroupName => Meeting.Attendance.SingleOrDefault(g => g.Id.ToString() == GroupKey)?.Name ?? "";

    /// <summary>The length every sealed ballot of this meeting is padded to (<see cref="SealedBallot.Length"/>).</summary>
    public int SealedLength => SealedBallot.Length(Reporters.Count, Rules);

    /// <summary>The ballot these marks make with this code; the domain refuses marks the meeting's rules do not allow.</summary>
    public Ballot Cast(IReadOnlyDictionary<Guid, string?> grades) =>
        Ballot.Cast(Meeting.Id, GroupKey, grades, Reporters.Select(r => r.Id).ToList(), Rules);
}

/// <summary>
/// What looking up a typed code found: the code when it opens a ballot, whether the caller has guessed too often, and
/// whether the code has been used (its ballot is stored; nothing else about it is told).
/// </summary>
public sealed record CodeLookup(OpenCode? Code, bool TooManyFailures, bool Used = false);

/// <summary>
/// Where every phone ballot goes in and out: finds the code a voter typed and casts the ballot with it. The ballot
/// page and the script-driven submission (<see cref="BallotSubmission"/>) share it, so both keep the same guarantees.
/// Nothing here is logged. Finding and casting are one statement each on the voting data source (ADR 0010), in the
/// tables and columns EF Core maps (Data/Configurations); the meeting a ballot shows comes through EF Core. Codes are
/// found by their keyed hash, and a cast ballot waits sealed in the inbox until <see cref="BallotMixer"/> mixes it (ADR 0011).
/// </summary>
public sealed class BallotBox(AppDbContext db, VotingDataSource voting, VotingKeys keys, BallotMixer mixer, CodeGuessGuard guard, IMemoryCache cache)
{
    // The code, with whether it is unused and its meeting voting, and the meeting's row version, which keys the cached meeting.
    private static readonly string FindCodeSql = $"""
        SELECT c.meeting_id, c.group_key, m.xmin,
               c.state = '{BallotCodeState.Issued}' AND m.status = '{MeetingStatus.Evaluating}' AND m.voting_closed_at IS NULL,
               c.state = '{BallotCodeState.Used}'
        FROM ballot_codes AS c JOIN meetings AS m ON m.id = c.meeting_id
        WHERE c.hash = CAST($1 AS character(64))
        """;

    // $1 hash, $2 meeting, $3 group, $4 any meeting version (a found code) or only $5 (a claimed one), $6 inbox id,
    // $7 the sealed ballot. The ballot goes to the inbox, sealed, never straight to ballots (ADR 0011).
    private static readonly string CastSql = $"""
        WITH used AS (
            UPDATE ballot_codes SET state = '{BallotCodeState.Used}'
            WHERE hash = CAST($1 AS character(64)) AND meeting_id = $2 AND group_key = $3 AND state = '{BallotCodeState.Issued}'
              AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = ballot_codes.meeting_id AND m.status = '{MeetingStatus.Evaluating}'
                          AND m.voting_closed_at IS NULL AND ($4 OR m.xmin = $5))
            RETURNING 1)
        INSERT INTO ballot_inbox (id, meeting_id, sealed)
        SELECT $6, $2, $7 FROM used
        """;

    /// <summary>What the ballot page carries for <see cref="ClaimAsync"/>: the meeting, its version and the code's rater group.</summary>
    public static string ClaimOf(OpenCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Create(CultureInfo.InvariantCulture, $"{code.Meeting.Id:N}.{code.Meeting.Version}.{code.GroupKey}");
    }

    /// <summary>
    /// The code as its ballot page claims it, without reading the code: a shortcut for the script's one-request
    /// submission. Null when the claim is malformed, or names a meeting version no longer current or a meeting not voting.
    /// </summary>
    public async Task<OpenCode?> ClaimAsync(string? typed, string? claim, CancellationToken cancellationToken)
    {
        var canonical = BallotCodeFormat.Normalize(typed);
        var parts = claim?.Split('.', 3);
        if (canonical is null || parts is not [var id, var version, var group]
            || !Guid.TryParseExact(id, "N", out var meetingId) || !uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var meetingVersion))
        {
            return null;
        }

        // Only a meeting that is voting is worth a try; the statement checks that again, and the code, in any case.
        var meeting = await MeetingAsync(meetingId, meetingVersion, cancellationToken);
        return meeting is { Status: MeetingStatus.Evaluating, VotingClosedAt: null }
            ? new OpenCode(keys.CodeHash(canonical), group, BallotCodeFormat.Display(canonical), meeting, Claimed: true)
            : null;
    }

    /// <summary>
    /// The code when it is unused and its meeting's voting is open; no code for every other case alike, except that a used
    /// code is flagged as used (<see cref="CodeLookup.Used"/>). A code that does
    /// not exist at all counts as a guess from <paramref name="from"/> (<see cref="CodeGuessGuard"/>), answered late and
    /// flagged once that address or everyone has guessed too often; a used or voided code, or one of a meeting not
    /// voting, was printed on a slip and is no guess.
    /// </summary>
    public async Task<CodeLookup> OpenAsync(string? typed, IPAddress? from, CancellationToken cancellationToken)
    {
        var canonical = BallotCodeFormat.Normalize(typed);
        var hash = canonical is null ? null : keys.CodeHash(canonical);
        var row = hash is null ? null : await FindCodeAsync(hash, cancellationToken);
        if (row is null)
        {
            return new CodeLookup(null, await guard.FailedAsync(from, cancellationToken));
        }

        var meeting = row.Usable ? await MeetingAsync(row.MeetingId, row.Version, cancellationToken) : null;
        return new CodeLookup(meeting is null ? null : new OpenCode(hash!, row.GroupKey, BallotCodeFormat.Display(canonical!), meeting), TooManyFailures: false, row.Used);
    }

    /// <summary>
    /// Uses the code and stores the ballot, sealed, in the inbox in one statement, so both happen or neither does. The
    /// conditional update is the one-vote guarantee: of any number of parallel submissions of one code, one changes the
    /// row, and the others find it used when they get the row lock. The code must belong to the ballot's meeting and
    /// group, and the meeting is checked again in the same statement, so a ballot in flight when staff close voting is
    /// refused; a claimed code's meeting must also still be at the version the ballot was checked against. Returns
    /// false, and stores nothing, when any of that does not hold.
    /// The statement runs after taking the meeting's cast lock shared, in the same implicit transaction: sealing the
    /// meeting's ballots takes it exclusively, so it waits for every cast in flight (<see cref="BallotMixer"/>).
    /// </summary>
    public async Task<bool> CastAsync(OpenCode code, Ballot ballot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(ballot);
        await using var batch = voting.Source.CreateBatch();
        var lockCommand = batch.CreateBatchCommand();
        lockCommand.CommandText = "SELECT pg_advisory_xact_lock_shared($1, $2)";
        lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BallotMixer.CastLockClass });
        lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BallotMixer.LockKey(ballot.MeetingId) });
        batch.BatchCommands.Add(lockCommand);
        var cast = batch.CreateBatchCommand();
        cast.CommandText = CastSql;
        cast.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code.Hash });
        cast.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ballot.MeetingId });
        cast.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ballot.GroupKey });
        cast.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = !code.Claimed });
        cast.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = code.Meeting.Version, NpgsqlDbType = NpgsqlDbType.Xid });
        cast.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        cast.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = keys.Seal(ballot.MeetingId, SealedBallot.Plain(ballot, code.SealedLength)) });
        batch.BatchCommands.Add(cast);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (cast.RecordsAffected != 1)
        {
            return false;
        }

        mixer.Notify(ballot.MeetingId);
        return true;
    }

    /// <summary>
    /// The meeting as the ballot shows it. Every voter opens it at least twice, so it is shared by meeting and row
    /// version: while voting is open its reporters and rules cannot change, and any change to the meeting moves its version.
    /// </summary>
    private async Task<Meeting?> MeetingAsync(Guid id, uint version, CancellationToken cancellationToken)
    {
        var key = (nameof(BallotBox), id, version);
        if (cache.TryGetValue(key, out Meeting? meeting))
        {
            return meeting;
        }

        meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id && m.Version == version, cancellationToken);
        if (meeting is not null)
        {
            cache.Set(key, meeting, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });
        }

        return meeting;
    }

    private async Task<CodeRow?> FindCodeAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = voting.Source.CreateCommand(FindCodeSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CodeRow(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<uint>(2), reader.GetBoolean(3), reader.GetBoolean(4))
            : null;
    }

    private sealed record CodeRow(Guid MeetingId, string GroupKey, uint Version, bool Usable, bool Used);
}
