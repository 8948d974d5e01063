using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Web.Tests.Builders;

/// <summary>
/// The results tests' evaluation: six codes issued to the last rater group and four ballots, 东城 好, 好, 较好, 一般
/// (score 85.00) and 西城 好, 差 and two abstentions (score 50.00); every other reporter is left blank.
/// </summary>
internal static class FourBallots
{
    public const string Dongcheng = "中共清河区东城街道工作委员会";
    public const string Xicheng = "中共清河区西城街道工作委员会";

    /// <summary>Starts the session and the evaluation of <paramref name="meetingId"/> and stores the four ballots.</summary>
    public static async Task<int> CastAsync(AppDbContext db, Guid meetingId, byte[] codeHashKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == meetingId);
        meeting.StartSession(Guid.NewGuid(), DateTimeOffset.UtcNow);
        meeting.StartEvaluation(Guid.NewGuid(), DateTimeOffset.UtcNow);
        var rules = meeting.EvaluationRules!;
        var group = meeting.Attendance.OrderBy(g => g.Order).Last().Id.ToString();
        db.BallotCodes.AddRange(BallotCode.Issue(meetingId, group, 6, codeHashKey).Select(x => x.Code));
        var d = meeting.Reporters.Single(r => r.UnitName == Dongcheng).Id;
        var x = meeting.Reporters.Single(r => r.UnitName == Xicheng).Id;
        var reporters = meeting.Reporters.Select(r => r.Id).ToList();
        foreach (var (dg, xg) in new[] { ("好", "好"), ("好", (string?)null), ("较好", null), ("一般", "差") })
        {
            db.Ballots.Add(Ballot.Cast(meetingId, group, new Dictionary<Guid, string?> { [d] = dg, [x] = xg }, reporters, rules));
        }

        return await db.SaveChangesAsync();
    }
}
