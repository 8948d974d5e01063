using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>Counts a meeting's stored ballots with the meeting's own rules: the one place results are computed.</summary>
public static class MeetingResults
{
    public static async Task<MeetingTally> ComputeAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken) =>
        (await CountAsync(db, meeting, cancellationToken)).Tally;

    /// <summary>The tally and the ballots it was counted from (for the raw-ballot export).</summary>
    public static async Task<(MeetingTally Tally, IReadOnlyList<TallyBallot> Ballots)> CountAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var ballots = (await AllBallotsAsync(db, meeting.Id, cancellationToken)).Values.ToList();
        return (await CountAsync(db, meeting, ballots, cancellationToken), ballots);
    }

    /// <summary>
    /// <see cref="CountAsync(AppDbContext, Meeting, CancellationToken)"/> for the results page, which organizers refresh
    /// while ballots come in: a stored ballot never changes, so the ballots already read are kept by their random key and
    /// only the keys are read again, plus the ballots that are new. The count itself is always made afresh.
    /// </summary>
    public static async Task<(MeetingTally Tally, IReadOnlyList<TallyBallot> Ballots)> CountAsync(
        AppDbContext db, Meeting meeting, IMemoryCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(cache);
        var ids = await db.Ballots.Where(b => b.MeetingId == meeting.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        var known = await cache.GetOrCreateAsync((nameof(MeetingResults), meeting.Id), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return new ConcurrentDictionary<Guid, TallyBallot>(await AllBallotsAsync(db, meeting.Id, cancellationToken));
        });
        var missing = ids.Where(id => !known!.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var added = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meeting.Id && missing.Contains(b.Id))
                .Select(b => new { b.Id, b.GroupKey, b.Grades }).ToListAsync(cancellationToken);
            foreach (var ballot in added)
            {
                known![ballot.Id] = new TallyBallot(ballot.GroupKey, ballot.Grades);
            }
        }

        // Sorted by the random key, so the list carries no trace of the order the ballots were stored in. A key missing
        // now is a ballot removed with its meeting since the keys were read.
        ids.Sort();
        var ballots = ids.Where(known!.ContainsKey).Select(id => known[id]).ToList();

        // Mixing and sealing give ballots new keys (ADR 0011): forget the keys that are gone.
        var current = ids.ToHashSet();
        foreach (var gone in known.Keys.Where(id => !current.Contains(id)).ToList())
        {
            known.TryRemove(gone, out _);
        }
        return (await CountAsync(db, meeting, ballots, cancellationToken), ballots);
    }

    private static async Task<Dictionary<Guid, TallyBallot>> AllBallotsAsync(AppDbContext db, Guid meetingId, CancellationToken cancellationToken) =>
        await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meetingId)
            .Select(b => new { b.Id, b.GroupKey, b.Grades })
            .ToDictionaryAsync(b => b.Id, b => new TallyBallot(b.GroupKey, b.Grades), cancellationToken);

    private static async Task<MeetingTally> CountAsync(AppDbContext db, Meeting meeting, IReadOnlyList<TallyBallot> ballots, CancellationToken cancellationToken)
    {
        // Issued (发出) counts codes handed out (neither voided nor recorded as 未发放) and paper ballots handed out, so
        // the rules on returned ballots and the quorum apply to phone and paper ballots together; counted paper ballots
        // and blank phone ballots are among the stored ballots, so returned (收回) and void (废票) include them.
        var codesIssued = await db.BallotCodes.CountAsync(c => c.MeetingId == meeting.Id && BallotCode.HandedOutStates.Contains(c.State), cancellationToken);
        var paperIssued = await db.PaperIssues.Where(p => p.MeetingId == meeting.Id).SumAsync(p => p.Count, cancellationToken);
        var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.MeetingId == meeting.Id, cancellationToken);
        var rules = meeting.EffectiveEvaluationRules;
        return Tally.Compute(new TallyInput(
            rules,
            meeting.InBallotOrder().Select(r => r.Id).ToList(),
            ballots,
            codesIssued + paperIssued,
            meeting.Attendance.Sum(g => g.Expected),
            sheet?.ForTally(rules)));
    }
}
