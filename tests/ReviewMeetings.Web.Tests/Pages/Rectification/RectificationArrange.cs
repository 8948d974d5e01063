using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Builders;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>
/// A closed 清河区 meeting where the leader raised two problems for 东城 and a representative one for 西城. Times and
/// deadlines come from the clock given (the one the test pinned into the app; the system clock when none is given), so
/// "overdue" and "due in 60 days" mean the same to the arrangement and to the pages.
/// </summary>
internal static class RectificationArrange
{
    /// <summary>The day the tests that pin the clock run on: 2026年12月7日, 09:00 in Beijing.</summary>
    public static TestClock PinnedClock() => TestClock.BeijingMorning(2026, 12, 7);

    public const string Dongcheng = "中共清河区东城街道工作委员会";
    public const string Xicheng = "中共清河区西城街道工作委员会";
    public const string ProblemA = "部分社区党组织阵地建设滞后";
    public const string ProblemB = "流动党员管理存在薄弱环节";
    public const string ProblemC = "党群服务中心开放时间不合理";
    public const string Inspection = "区委巡察反馈：部分社区“三会一课”记录不规范";

    public static async Task<Guid> ClosedMeetingWithCommentsAsync(AppDbContext db, int year = 2025, TimeProvider? clock = null)
    {
        var id = await new MeetingBuilder().ForYear(year).OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db);
        var meeting = await db.Meetings.Include(m => m.Reporters).SingleAsync(m => m.Id == id);
        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        meeting.StartSession(organizer.Id, now);
        meeting.StartEvaluation(organizer.Id, now);
        meeting.Close(organizer.Id, now);
        var dongcheng = meeting.Reporters.Single(r => r.UnitName == Dongcheng).Id;
        var xicheng = meeting.Reporters.Single(r => r.UnitName == Xicheng).Id;

        var byLeader = Comment.ByLeader(id, dongcheng, leader.Id, now);
        byLeader.Save("成绩突出。", [ProblemA, ProblemB], "再接再厉。", leader.Id, now);
        byLeader.Finalize(leader.Id, now);
        var byRepresentative = Comment.ByRepresentative(id, xicheng, "李华", "党员代表", organizer.Id, now);
        byRepresentative.Save("", [ProblemC], "", organizer.Id, now);
        byRepresentative.Finalize(organizer.Id, now);
        var draft = Comment.ByLeader(id, xicheng, leader.Id, now);
        draft.Save("", ["草稿中的问题不应形成清单"], "", leader.Id, now);
        db.Comments.AddRange(byLeader, byRepresentative, draft);
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Releases the feedback as the comments page does: the final comments' problems become problem-list items.</summary>
    /// <summary>
    /// A released 2025 meeting whose four items stand at every status, one of them overdue. Two units of work, as the
    /// release must be saved before the items move: <paramref name="inDb"/> runs each on its own context (AppTest.DbAsync).
    /// </summary>
    public static async Task<Guid> LedgerMeetingAsync(Func<Func<AppDbContext, Task<Guid>>, Task<Guid>> inDb, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(inDb);
        var id = await inDb(db => ClosedMeetingWithCommentsAsync(db, clock: clock));
        return await inDb(async db =>
        {
            await ReleaseAsync(db, id, clock);
            await SpreadOverTheLoopAsync(db, id, clock: clock);
            return id;
        });
    }

    public static async Task ReleaseAsync(AppDbContext db, Guid meetingId, TimeProvider? clock = null)
    {
        var meeting = await db.Meetings.Include(m => m.Reporters).SingleAsync(m => m.Id == meetingId);
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var leaders = await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var comments = await db.Comments.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Author).ToListAsync();
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        meeting.ReleaseFeedback(now);
        db.RectificationItems.AddRange(ProblemList.FromComments(comments, r => meeting.Reporters.Single(x => x.Id == r).OrganizationId,
            c => c.LeaderId is { } id ? leaders[id] : $"{c.RepresentativeName}（{c.RepresentativeIdentity}）", organizer.Id, now));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Spreads a released meeting's items over the loop: A closed, B in progress and (when <paramref name="overdue"/>)
    /// past its deadline, C not started, and an inspection finding staff added for 西城 awaiting review.
    /// </summary>
    public static async Task SpreadOverTheLoopAsync(AppDbContext db, Guid meetingId, bool overdue = true, TimeProvider? clock = null)
    {
        var items = await db.RectificationItems.Where(i => i.MeetingId == meetingId).ToListAsync();
        var secretary = await db.Users.Where(u => u.UserName == "secretary").Select(u => u.Id).SingleAsync();
        var organizer = await db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).SingleAsync();
        var xicheng = await db.Reporters.SingleAsync(r => r.MeetingId == meetingId && r.UnitName == Xicheng);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var deadline = BeijingTime.DateOf(now).AddDays(60);
        void Approve(RectificationItem item, string measures)
        {
            item.SavePlan(new RectificationPlan(measures, "张明（党建办主任）", deadline, "年底前全部达标"), secretary, now);
            item.SubmitPlan(secretary, now);
            item.ApprovePlan(organizer, now);
        }

        var a = items.Single(i => i.Text == ProblemA);
        Approve(a, "对不达标社区逐一制定改造方案");
        a.ReportCompletion("改造全部完成。", [], secretary, now);
        a.Close(organizer, now);
        var b = items.Single(i => i.Text == ProblemB);
        Approve(b, "建立流动党员台账，每季度集中教育一次");
        b.ReportProgress("台账已建立。", [], secretary, now);
        var inspection = RectificationItem.ByStaff(meetingId, xicheng.Id, xicheng.OrganizationId, Inspection, "责任落实",
            RectificationCategories.Defaults, "区委第二巡察组", organizer, now);
        Approve(inspection, "统一会议记录模板，每月抽查一次");
        inspection.ReportCompletion("记录已规范。", [], secretary, now);
        db.RectificationItems.Add(inspection);
        await db.SaveChangesAsync();
        if (overdue)
        {
            // A deadline cannot be set in the past through the domain; time passing is what makes an item overdue.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE rectification_items SET deadline = {BeijingTime.DateOf(now).AddDays(-3)} WHERE id = {b.Id}");
        }
    }
}
