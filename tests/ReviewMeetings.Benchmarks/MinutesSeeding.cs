using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;

namespace ReviewMeetings.Benchmarks;

/// <summary>
/// Turns a seeded meeting in voting into a held one, as the minutes see it after a real meeting: speaking times of the
/// on-site reports, a full three-part comment for every reporter (plus a grassroots representative's for those on
/// site), ballots, the leader's requirements, closed, and feedback released into problem lists. All text is invented,
/// at the lengths real comments have (a few hundred characters per part, four or five problems each).
/// </summary>
internal static class MinutesSeeding
{
    private static readonly string[] Achievements =
    [
        "坚持把抓基层党建作为最大政绩，党（工）委书记第一责任人职责落实到位，全年专题研究基层党建工作{0}次，",
        "深入推进“支部建设标准化”，新建改建党群服务中心{0}个，社区“两委”班子结构进一步优化，",
        "创新开展“红色网格”治理，{0}名在职党员到社区报到服务，群众反映的急难愁盼问题办结率明显提升，",
        "严格落实“三会一课”、主题党日等组织生活制度，党员教育培训实现全覆盖，发展党员质量稳步提高，",
        "抓党建促乡村振兴成效明显，村级集体经济收入全部达到{0}万元以上，带头人队伍建设持续加强，",
        "扎实开展软弱涣散基层党组织整顿，{0}个后进党组织全部转化提升，基层党组织政治功能和组织功能不断增强，",
    ];

    private static readonly string[] Problems =
    [
        "党建工作与中心工作结合不够紧密，存在“两张皮”现象，个别社区党组织抓发展、抓治理的能力不强",
        "党员教育管理方式较为单一，对流动党员、年轻党员的吸引力不够，部分党员参加组织生活不够经常",
        "基层党组织书记队伍年龄结构偏大，后备力量储备不足，个别村（社区）书记能力素质与岗位要求有差距",
        "党建责任压力传导不够到位，对下属党组织督促指导不够经常，考核结果运用不够充分",
        "“两新”组织党建覆盖质量不高，有的非公企业党组织作用发挥不明显，党建工作指导员履职不够到位",
        "阵地建设和运行管理不够规范，部分党群服务中心功能单一、使用率不高，服务群众的实效性有待提升",
        "上年度述职评议指出的问题整改不够彻底，个别问题整改措施针对性不强，长效机制建立不够健全",
    ];

    private static readonly string[] Expectations =
    [
        "希望进一步提高政治站位，切实扛起抓基层党建主体责任，坚持书记抓、抓书记，把党建工作与中心工作同谋划、同部署、同考核。",
        "要聚焦问题短板，逐条制定整改措施，明确责任人和整改时限，确保问题整改到位、群众满意，并以整改为契机建立健全长效机制。",
        "要持续加强基层党组织书记队伍和党员队伍建设，注重在青年群众中发展党员，充分发挥基层党组织战斗堡垒作用和党员先锋模范作用。",
    ];

    private const string Requirements =
        "一要提高政治站位，把抓基层党建作为最大政绩，书记带头履行第一责任人职责，一级抓一级、层层抓落实。\n"
        + "二要坚持问题导向，对照本次述职评议指出的问题建立问题清单、责任清单和整改清单，逐项销号、按期办结。\n"
        + "三要强化结果运用，把述职评议结果作为年度考核、评先评优和干部选拔任用的重要依据，对排名靠后的及时约谈。";

    public static async Task<(int Comments, int Ballots)> HeldAsync(IServiceProvider services, SeededMeeting seeded)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Attendance).SingleAsync(m => m.Id == seeded.Id);
        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        meeting.SetLeaders([leader.Id], [GuidanceAttendee.Create("刘振宇", "江州市委组织部组织二处处长")]);

        var progress = MeetingProgress.Create(meeting.Id, at);
        var order = meeting.OnSite().Select(r => r.Id).ToList();
        foreach (var (reporter, index) in order.Select((r, i) => (r, i)))
        {
            progress.Next(order, at);
            progress.Start(at);
            progress.Stop(at.AddSeconds(330 + (index * 17)));
        }

        db.MeetingProgress.Add(progress);
        var comments = new List<Comment>();
        foreach (var (reporter, index) in meeting.InBallotOrder().Select((r, i) => (r, i)))
        {
            var byLeader = Comment.ByLeader(meeting.Id, reporter.Id, leader.Id, at);
            byLeader.Save(AchievementsOf(reporter.UnitName, index), ProblemsOf(index, 4 + (index % 2)), string.Concat(Expectations), leader.Id, at);
            comments.Add(byLeader);
            if (reporter.Mode == ReportMode.OnSite)
            {
                var byRepresentative = Comment.ByRepresentative(meeting.Id, reporter.Id, "李秀英", "基层党员代表", organizer.Id, at);
                byRepresentative.Save(AchievementsOf(reporter.UnitName, index + 3)[..120] + "。", ProblemsOf(index + 2, 2), Expectations[index % Expectations.Length], organizer.Id, at);
                comments.Add(byRepresentative);
            }
        }

        foreach (var comment in comments)
        {
            comment.Finalize(comment.LeaderId ?? organizer.Id, at);
        }

        db.Comments.AddRange(comments);
        var ballots = Ballots(meeting, seeded).ToList();
        db.Ballots.AddRange(ballots);
        meeting.Close(organizer.Id, at.AddHours(2));
        meeting.SetLeaderRequirements(Requirements, at.AddHours(2));
        meeting.ReleaseFeedback(at.AddHours(3));
        var units = meeting.Reporters.ToDictionary(r => r.Id, r => r.OrganizationId);
        db.RectificationItems.AddRange(ProblemList.FromComments(comments, r => units[r],
            c => c.LeaderId is null ? $"{c.RepresentativeName}（{c.RepresentativeIdentity}）" : leader.DisplayName, organizer.Id, at.AddHours(3)));
        await db.SaveChangesAsync();
        return (comments.Count, ballots.Count);
    }

    private static string AchievementsOf(string unit, int index) =>
        $"{unit}党组织书记" + string.Concat(Enumerable.Range(0, 4).Select(i => string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Achievements[(index + i) % Achievements.Length], 3 + ((index + i) % 9))))
        + "基层党建工作整体水平稳步提升，为全区高质量发展提供了坚强组织保证。";

    private static List<string> ProblemsOf(int index, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Problems[(index + i) % Problems.Length])];

    /// <summary>Nine in ten codes return a ballot, mostly 好 and 较好, with a few abstentions, spread over the groups.</summary>
    private static IEnumerable<Ballot> Ballots(Meeting meeting, SeededMeeting seeded)
    {
        var rules = meeting.EffectiveEvaluationRules;
        var random = new Random(2025);
        string?[] grades = ["好", "好", "好", "较好", "较好", "一般", null];
        var groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
        for (var i = 0; i < seeded.Codes.Count * 9 / 10; i++)
        {
            var marks = seeded.Reporters.ToDictionary(r => r, _ => grades[random.Next(grades.Length)]);
            yield return Ballot.Cast(meeting.Id, groups[i % groups.Count].Id.ToString(), marks, seeded.Reporters, rules);
        }
    }
}
