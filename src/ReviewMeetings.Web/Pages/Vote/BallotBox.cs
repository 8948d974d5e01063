using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Data.Configurations;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// A code with the meeting and rater group its ballot is cast in. Found (<see cref="BallotBox.OpenAsync"/>), the code
/// was unused and its meeting voting when it was read; claimed (<see cref="BallotBox.ClaimAsync"/>), it is only what the
/// ballot page says, and casting checks every part of it.
/// </summary>
public sealed record OpenCode(string Hash, string GroupKey, string Display, Meeting Meeting, bool Claimed = false)
{
    public EvaluationRules Rules => Meeting.EvaluationRules ?? EvaluationRules.Default;

    /// <summary>The reporters in ballot order: on-site reports first, then written ones.</summary>
    public IReadOnlyList<Reporter> Reporters { get; } = Meeting.OnSite().Concat(Meeting.Written()).ToList();

    public string GroupName => Meeting.Attendance.SingleOrDefault(g => g.Id.ToString() == GroupKey)?.Name ?? "";

    /// <summary>The ballot these marks make with this code; the domain refuses marks the meeting's rules do not allow.</summary>
    public Ballot Cast(IReadOnlyDictionary<Guid, string?> grades) =>
        Ballot.Cast(Meeting.Id, GroupKey, grades, Reporters.Select(r => r.Id).ToList(), Rules);
}

/// <summary>
/// Where every phone ballot goes in and out: finds the code a voter typed and casts the ballot with it. The ballot
/// page and the script-driven submission (<see cref="BallotSubmission"/>) share it, so both keep the same guarantees.
/// Nothing here is logged.
/// </summary>
public sealed class BallotBox(AppDbContext db, IMemoryCache cache)
{
    private static readonly Func<AppDbContext, string, CancellationToken, Task<CodeRow?>> FindCode = EF.CompileAsyncQuery(
        (AppDbContext db, string hash, CancellationToken _) => db.BallotCodes
            .Where(c => c.Hash == hash && c.State == BallotCodeState.Issued)
            .Join(db.Meetings.Where(m => m.Status == MeetingStatus.Evaluating && m.VotingClosedAt == null),
                c => c.MeetingId, m => m.Id, (c, m) => new CodeRow(c.MeetingId, c.GroupKey, m.Version))
            .SingleOrDefault());

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
            ? new OpenCode(BallotCodeFormat.Hash(canonical), group, BallotCodeFormat.Display(canonical), meeting, Claimed: true)
            : null;
    }

    /// <summary>The code when it is unused and its meeting's voting is open; null for every other case alike.</summary>
    public async Task<OpenCode?> OpenAsync(string? typed, CancellationToken cancellationToken)
    {
        var canonical = BallotCodeFormat.Normalize(typed);
        if (canonical is null)
        {
            return null;
        }

        var hash = BallotCodeFormat.Hash(canonical);
        var row = await FindCode(db, hash, cancellationToken);
        var meeting = row is null ? null : await MeetingAsync(row.MeetingId, row.Version, cancellationToken);
        return meeting is null ? null : new OpenCode(hash, row!.GroupKey, BallotCodeFormat.Display(canonical), meeting);
    }

    /// <summary>
    /// Uses the code and stores the ballot in one statement, so both happen or neither does. The conditional update is
    /// the one-vote guarantee: of any number of parallel submissions of one code, one changes the row, and the others
    /// find it used when they get the row lock. The code must belong to the ballot's meeting and group, and the meeting
    /// is checked again in the same statement, so a ballot in flight when staff close voting is refused; a claimed code's
    /// meeting must also still be at the version the ballot was checked against. Returns false, and stores nothing,
    /// when any of that does not hold.
    /// </summary>
    public async Task<bool> CastAsync(OpenCode code, Ballot ballot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(ballot);
        var issued = nameof(BallotCodeState.Issued);
        var used = nameof(BallotCodeState.Used);
        var evaluating = nameof(MeetingStatus.Evaluating);
        var anyVersion = !code.Claimed;
        var version = code.Meeting.Version.ToString(CultureInfo.InvariantCulture);
        var grades = BallotConfiguration.GradesJson(ballot.Grades);
        var stored = await db.Database.ExecuteSqlAsync(
            $"""
            WITH used AS (
                UPDATE ballot_codes SET state = {used}
                WHERE hash = CAST({code.Hash} AS character(64)) AND meeting_id = {ballot.MeetingId} AND group_key = {ballot.GroupKey} AND state = {issued}
                  AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = ballot_codes.meeting_id AND m.status = {evaluating} AND m.voting_closed_at IS NULL
                              AND ({anyVersion} OR m.xmin = CAST({version} AS xid)))
                RETURNING 1)
            INSERT INTO ballots (id, meeting_id, group_key, grades)
            SELECT {ballot.Id}, {ballot.MeetingId}, {ballot.GroupKey}, CAST({grades} AS jsonb) FROM used
            """,
            cancellationToken);
        return stored == 1;
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

    private sealed record CodeRow(Guid MeetingId, string GroupKey, uint Version);
}
