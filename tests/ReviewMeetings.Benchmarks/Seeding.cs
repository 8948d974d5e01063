using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Benchmarks;

/// <summary>A meeting in voting with its reporters and its printed codes (the plain codes exist only here, as on the slips).</summary>
internal sealed record SeededMeeting(Guid Id, IReadOnlyList<Guid> Reporters, IReadOnlyList<string> Codes);

/// <summary>Arranges meetings through the domain and EF Core, the way the app's own pages would leave them.</summary>
internal static class Seeding
{
    private const string Host = "中共清河区委员会";
    private const int OnSite = 8;
    private static readonly decimal[] GroupWeights = [0.3m, 0.3m, 0.2m, 0.2m];

    /// <summary>
    /// A 清河区 meeting with <paramref name="reporters"/> reporters (8 on site, the rest written; units are added under
    /// 清河区 until there are enough), four rater groups weighted 0.3/0.3/0.2/0.2 and <paramref name="codes"/> codes
    /// spread evenly over them, in voting.
    /// </summary>
    public static async Task<SeededMeeting> VotingMeetingAsync(IServiceProvider services, string title, int reporters, int codes)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var host = await db.Organizations.SingleAsync(o => o.Name == Host);
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var units = await db.Organizations.Where(o => o.ParentId == host.Id && o.IsActive).OrderBy(o => o.Name).ToListAsync();
        for (var i = units.Count + 1; i <= reporters; i++)
        {
            var unit = Organization.CreateChild(host, $"中共清河区第{i}社区联合委员会", OrganizationType.PartyCommittee, OrganizationCategory.Community);
            unit.AssignSecretary(Secretary.Create($"书记{i}", "社区联合党委书记", null, userId: null));
            db.Organizations.Add(unit);
            units.Add(unit);
        }

        units = units.Take(reporters).ToList();
        var now = DateTimeOffset.UtcNow;
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var meeting = Meeting.Create(host.Id, title, date.Year - 1, organizer.Id, now);
        meeting.UpdateDetails(new MeetingDetails(title, date.Year - 1, date, new TimeOnly(9, 0), "区委第一会议室", [], "区委书记 陈立群", 6, date));
        foreach (var (unit, index) in units.Select((u, i) => (u, i)))
        {
            meeting.AddReporter(unit, index < OnSite ? ReportMode.OnSite : ReportMode.Written);
        }

        meeting.SetAttendance(
        [
            new AttendanceDraft(null, "区级领导", codes / 4),
            new AttendanceDraft(null, "部门负责人", codes / 4),
            new AttendanceDraft(null, "党代表、人大代表、政协委员", codes / 4),
            new AttendanceDraft(null, "基层党员群众代表", codes - (3 * (codes / 4))),
        ]);
        var groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
        meeting.SetEvaluationRules(EvaluationRules.Create(
            groups: groups.Select((g, i) => new RaterGroupRule(g.Id.ToString(), g.Name, GroupWeights[i])).ToList()));
        meeting.Publish(units.Select(u => u.Id).ToList(), organizer.Id, now);
        meeting.StartSession(organizer.Id, now);
        meeting.StartEvaluation(organizer.Id, now);
        db.Meetings.Add(meeting);

        var issued = groups.SelectMany(g => BallotCode.Issue(meeting.Id, g.Id.ToString(), g.Expected, services.GetRequiredService<VotingKeys>().CodeHashKey)).ToList();
        db.BallotCodes.AddRange(issued.Select(x => x.Code));
        await db.SaveChangesAsync();
        var plain = issued.Select(x => BallotCodeFormat.Display(x.Plain)).ToArray();
        // Slips are shuffled before printing, so voters from all groups arrive mixed.
        Random.Shared.Shuffle(plain);
        return new SeededMeeting(meeting.Id, meeting.InBallotOrder().Select(r => r.Id).ToList(), plain);
    }
}
