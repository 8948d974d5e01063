using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>Counts a meeting's stored ballots with the meeting's own rules: the one place results are computed.</summary>
public static class MeetingResults
{
    public static async Task<MeetingTally> ComputeAsync(AppDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(meeting);
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.MeetingId == meeting.Id)
            .Select(b => new { b.GroupKey, b.Grades }).ToListAsync(cancellationToken);
        var issued = await db.BallotCodes.CountAsync(c => c.MeetingId == meeting.Id && c.State != BallotCodeState.Voided, cancellationToken);
        return Tally.Compute(new TallyInput(
            EvaluationModel.EffectiveRules(meeting),
            meeting.OnSite().Concat(meeting.Written()).Select(r => r.Id).ToList(),
            ballots.Select(b => new TallyBallot(b.GroupKey, b.Grades)).ToList(),
            issued,
            meeting.Attendance.Sum(g => g.Expected)));
    }
}
