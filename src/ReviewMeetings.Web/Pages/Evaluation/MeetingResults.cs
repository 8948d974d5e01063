using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;

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
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meeting.Id)
            .Select(b => new { b.GroupKey, b.Grades }).ToListAsync(cancellationToken);
        // Issued (发出) counts unvoided codes and paper ballots handed out, so the rules on returned ballots and the
        // quorum apply to phone and paper ballots together; counted paper ballots are among the stored ballots.
        var codesIssued = await db.BallotCodes.CountAsync(c => c.MeetingId == meeting.Id && c.State != BallotCodeState.Voided, cancellationToken);
        var paperIssued = await db.PaperIssues.Where(p => p.MeetingId == meeting.Id).SumAsync(p => p.Count, cancellationToken);
        var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.MeetingId == meeting.Id, cancellationToken);
        var rules = EvaluationModel.EffectiveRules(meeting);
        var counted = ballots.Select(b => new TallyBallot(b.GroupKey, b.Grades)).ToList();
        var tally = Tally.Compute(new TallyInput(
            rules,
            meeting.OnSite().Concat(meeting.Written()).Select(r => r.Id).ToList(),
            counted,
            codesIssued + paperIssued,
            meeting.Attendance.Sum(g => g.Expected),
            sheet?.ForTally(rules)));
        return (tally, counted);
    }
}
