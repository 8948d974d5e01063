using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Live;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Meetings;

/// <summary>复制为下一年度会议: the draft it makes, what it leaves behind, double submits and other districts.</summary>
public sealed class CopyMeetingTests : AppTest
{
    private const string Dongcheng = "中共清河区东城街道工作委员会";
    private const string Xicheng = "中共清河区西城街道工作委员会";
    private const string Taoyuan = "中共清河区桃源镇委员会";
    private const string Finance = "中共清河区财政局党组";
    private const string Education = "中共清河区教育局委员会";
    private const string NextTitle = "清河区2027年度党组织书记抓基层党建工作述职评议会议";

    private readonly TestClock _clock = TestClock.BeijingMorning(2026, 11, 20);

    internal override AppFactory CreateFactory(string connectionString) =>
        new(connectionString, services: services => services.AddSingleton<TimeProvider>(_clock));

    private Task<Meeting> MeetingAsync(Guid id) =>
        DbAsync(db => db.Meetings.Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance).Include(m => m.StatusChanges)
            .AsSplitQuery().AsNoTracking().SingleAsync(m => m.Id == id));

    private Task<List<Guid>> CopiesAsync(Guid sourceId) =>
        DbAsync(db => db.Meetings.Where(m => m.Id != sourceId && m.ReviewYear == 2027).Select(m => m.Id).ToListAsync());

    /// <summary>A 2026 meeting arranged in every part, held (comments, codes, progress, attendance on the day) and closed.</summary>
    private async Task<Guid> HeldMeetingAsync()
    {
        var id = await DbAsync(db => new MeetingBuilder().ForYear(2026).On(new DateOnly(2026, 12, 28))
            .OnSite(Dongcheng, Xicheng, Taoyuan).Written(Finance, Education).CommentedBy("leader").Published().SaveAsync(db));
        await DbAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.Reporters).Include(m => m.Agenda).Include(m => m.Attendance)
                .AsSplitQuery().SingleAsync(m => m.Id == id);
            meeting.Reorder(meeting.OnSite().Select(r => r.Id).Reverse().ToList());
            meeting.ReorderWritten(meeting.Written().Select(r => r.Id).Reverse().ToList());
            meeting.SetAgenda(
            [
                new AgendaDraft(AgendaItemKind.ReportsAndComments, null, 80),
                new AgendaDraft(AgendaItemKind.Other, "签订党建工作责任书", 10),
                new AgendaDraft(AgendaItemKind.Evaluation, null, 15),
            ]);
            meeting.SetAttendance([new AttendanceDraft(null, "区级领导", 12), new AttendanceDraft(null, "基层党员群众代表", 30)]);
            var groups = meeting.Attendance.OrderBy(g => g.Order).ToList();
            meeting.SetEvaluationRules(EvaluationRules.Create(
                grades: GradeScales.Satisfaction,
                groups: [new RaterGroupRule(groups[0].Id.ToString(), "区级领导", 0.7m), new RaterGroupRule(groups[1].Id.ToString(), "基层党员群众代表", 0.3m)],
                quorum: 0.6m));
            var organizer = await db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync();
            var leader = await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync();
            var at = _clock.GetUtcNow();
            meeting.StartSession(organizer, at);
            meeting.StartEvaluation(organizer, at);
            meeting.RecordActualAttendance(groups[0].Id, 11);
            db.Comments.Add(Comment.ByLeader(id, meeting.Reporters.First().Id, leader, at));
            db.MeetingProgress.Add(MeetingProgress.Create(id, at));
            db.BallotCodes.AddRange(BallotCode.Issue(id, groups[0].Id.ToString(), 3, CodeHashKey).Select(c => c.Code));
            meeting.Close(organizer, at);
            await db.SaveChangesAsync();
            return 0;
        });
        return id;
    }

    [Fact]
    public async Task Copy_makes_a_draft_with_the_reporters_groups_agenda_leaders_and_rules_and_nothing_of_the_run()
    {
        var sourceId = await HeldMeetingAsync();
        var source = await MeetingAsync(sourceId);
        using var organizer = await SignInAsync("organizer");

        var details = await organizer.GetAsync($"/Meetings/Details/{sourceId}");
        var link = details.QuerySelectorAll<IHtmlAnchorElement>("main a").Single(a => a.TextContent.Trim() == "复制为下一年度会议");
        var confirm = await organizer.GetAsync(link.PathName);
        Assert.Equal("复制为下一年度会议", confirm.Heading());
        Assert.Contains("述职对象", confirm.QuerySelector("#copied")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("会议日期和书面述职报告截止日期", confirm.QuerySelector("#not-copied")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(NextTitle, ((IHtmlInputElement)confirm.QuerySelector("#Title")!).Value);

        var created = await organizer.FollowAsync(await organizer.SubmitAsync(confirm, "main form", []));

        var copyId = Assert.Single(await CopiesAsync(sourceId));
        Assert.Equal(NextTitle, created.Heading());
        Assert.Contains("已复制为2027年度会议（草稿）", created.MainText(), StringComparison.Ordinal);
        var copy = await MeetingAsync(copyId);
        Assert.Equal(MeetingStatus.Draft, copy.Status);
        Assert.Equal(2027, copy.ReviewYear);
        Assert.Equal(source.OrganizationId, copy.OrganizationId);
        Assert.Null(copy.Date);
        Assert.Null(copy.WrittenReportDeadline);
        Assert.Equal(source.OnSite().Select(r => (r.OrganizationId, r.Order)), copy.OnSite().Select(r => (r.OrganizationId, r.Order)));
        Assert.Equal(source.Written().Select(r => (r.OrganizationId, r.WrittenOrder)), copy.Written().Select(r => (r.OrganizationId, r.WrittenOrder)));
        Assert.Equal(Taoyuan, copy.OnSite().First().UnitName);
        Assert.Equal(source.Agenda.OrderBy(a => a.Order).Select(a => (a.Kind, a.Title, a.PlannedMinutes)), copy.Agenda.OrderBy(a => a.Order).Select(a => (a.Kind, a.Title, a.PlannedMinutes)));
        Assert.Equal([("区级领导", 12, (int?)null), ("基层党员群众代表", 30, null)], copy.Attendance.OrderBy(g => g.Order).Select(g => (g.Name, g.Expected, g.Actual)));
        Assert.Equal(source.LeaderIds, copy.LeaderIds);
        Assert.Single(copy.LeaderIds);
        var groups = copy.Attendance.OrderBy(g => g.Order).ToList();
        Assert.Equal(
            [(groups[0].Id.ToString(), 0.7m), (groups[1].Id.ToString(), 0.3m)],
            copy.EvaluationRules!.Groups.Select(g => (g.Key, g.Weight)));
        Assert.Equal(GradeScales.Satisfaction, copy.EvaluationRules.Grades);
        Assert.Equal(0.6m, copy.EvaluationRules.Quorum);
        Assert.Empty(copy.StatusChanges);
        Assert.Empty(copy.LotteryHistory);
        Assert.Equal(
            (0, 0, 0, 0),
            await DbAsync(async db => (
                await db.Comments.CountAsync(c => c.MeetingId == copyId),
                await db.BallotCodes.CountAsync(c => c.MeetingId == copyId),
                await db.MeetingProgress.CountAsync(p => p.MeetingId == copyId),
                await db.WrittenReports.CountAsync(r => r.MeetingId == copyId))));
        var after = await MeetingAsync(sourceId);
        Assert.Equal((MeetingStatus.Closed, (int?)11), (after.Status, after.Attendance.OrderBy(g => g.Order).First().Actual));
    }

    [Fact]
    public async Task A_deactivated_unit_is_named_on_the_confirmation_and_left_out()
    {
        var sourceId = await HeldMeetingAsync();
        await DbAsync(async db =>
        {
            var xicheng = await db.Organizations.SingleAsync(o => o.Name == Xicheng);
            xicheng.Deactivate([]);
            return await db.SaveChangesAsync();
        });
        using var organizer = await SignInAsync("organizer");

        var confirm = await organizer.GetAsync($"/Meetings/Copy/{sourceId}");

        Assert.Equal($"{Xicheng}：“{Xicheng}”已停用，不能作为述职对象。", confirm.QuerySelector("#skipped li")!.TextContent.Trim());
        var created = await organizer.FollowAsync(await organizer.SubmitAsync(confirm, "main form", []));
        Assert.Contains($"未复制的述职对象：{Xicheng}。", created.MainText(), StringComparison.Ordinal);
        var copy = await MeetingAsync(Assert.Single(await CopiesAsync(sourceId)));
        Assert.DoesNotContain(copy.Reporters, r => r.UnitName == Xicheng);
        Assert.Equal([1, 2], copy.OnSite().Select(r => r.Order!.Value));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_makes_one_copy()
    {
        var sourceId = await HeldMeetingAsync();
        using var organizer = await SignInAsync("organizer");
        var confirm = await organizer.GetAsync($"/Meetings/Copy/{sourceId}");

        using var first = await organizer.SubmitAsync(confirm, "main form", []);
        using var second = await organizer.SubmitAsync(confirm, "main form", []);

        var copyId = Assert.Single(await CopiesAsync(sourceId));
        Assert.Equal($"/Meetings/Details/{copyId}", first.Headers.Location!.OriginalString);
        Assert.Equal($"/Meetings/Details/{copyId}", second.Headers.Location!.OriginalString);
        var page = await organizer.FollowAsync(second);
        Assert.Contains("该会议已复制过", page.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organizer_of_another_district_cannot_copy_even_by_a_forged_post()
    {
        var sourceId = await HeldMeetingAsync();
        using var qinghe = await SignInAsync("organizer");
        var form = await qinghe.GetAsync($"/Meetings/Copy/{sourceId}");
        using var liulin = await SignInAsync("organizer.liulin");

        Assert.Equal(HttpStatusCode.NotFound, await liulin.StatusOfAsync($"/Meetings/Copy/{sourceId}"));
        // The Qinghe form with the Liulin organizer's own antiforgery token, as a forger would post it.
        var own = await liulin.GetAsync("/Meetings/Create");
        var token = ((IHtmlInputElement)own.QuerySelector("main form input[name=__RequestVerificationToken]")!).Value;
        ((IHtmlInputElement)form.QuerySelector("main form input[name=__RequestVerificationToken]")!).Value = token;
        form.AddConfirmation("main form");
        using var forged = await liulin.SubmitAsync(form, "main form", []);

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Empty(await CopiesAsync(sourceId));
        Assert.Equal(1, await DbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task Copying_into_a_year_that_has_a_meeting_asks_first_and_needs_a_title_of_its_own()
    {
        var sourceId = await HeldMeetingAsync();
        var existingId = await DbAsync(db => new MeetingBuilder().ForYear(2027).On(new DateOnly(2027, 12, 20)).SaveAsync(db));
        using var organizer = await SignInAsync("organizer");
        var confirm = await organizer.GetAsync($"/Meetings/Copy/{sourceId}");
        Assert.Contains($"{NextTitle}（草稿，2027年12月20日）", confirm.QuerySelector("#existing")!.TextContent.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var sameTitle = await organizer.SubmitAsync(confirm, "main form", []);
        var refused = await Session.ParseAsync(sameTitle);
        Assert.Equal(HttpStatusCode.OK, sameTitle.StatusCode);
        Assert.Equal($"本年度已有名为“{NextTitle}”的会议，再安排一次会议时请使用不同的会议名称（如注明“第二批”）。", refused.ErrorFor("Title"));
        Assert.Equal([existingId], await CopiesAsync(sourceId));

        using var asked = await organizer.SubmitAsync(refused, "main form", new() { ["Title"] = NextTitle + "（第二批）" });
        var question = await Session.ParseAsync(asked);
        Assert.Equal("本主办单位已有2027年度的会议，确定再安排一次？", question.Heading());
        Assert.Contains($"“{NextTitle}”（草稿，2027年12月20日）", question.MainText(), StringComparison.Ordinal);
        Assert.Single(await CopiesAsync(sourceId));

        using var confirmed = await organizer.ConfirmAsync(asked);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var titles = await DbAsync(db => db.Meetings.Where(m => m.ReviewYear == 2027).Select(m => m.Title).ToListAsync());
        Assert.Equal([NextTitle, NextTitle + "（第二批）"], titles.Order(StringComparer.Ordinal));
    }
}
