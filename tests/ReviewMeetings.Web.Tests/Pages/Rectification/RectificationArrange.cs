using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Builders;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>A closed 清河区 meeting where the leader raised two problems for 东城 and a representative one for 西城.</summary>
internal static class RectificationArrange
{
    public const string Dongcheng = "中共清河区东城街道工作委员会";
    public const string Xicheng = "中共清河区西城街道工作委员会";
    public const string ProblemA = "部分社区党组织阵地建设滞后";
    public const string ProblemB = "流动党员管理存在薄弱环节";
    public const string ProblemC = "党群服务中心开放时间不合理";

    public static async Task<Guid> ClosedMeetingWithCommentsAsync(AppDbContext db, int year = 2025)
    {
        var id = await new MeetingBuilder().ForYear(year).OnSite(Dongcheng, Xicheng).CommentedBy("leader").Published().SaveAsync(db);
        var meeting = await db.Meetings.Include(m => m.Reporters).SingleAsync(m => m.Id == id);
        var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
        var organizer = await db.Users.SingleAsync(u => u.UserName == "organizer");
        var now = DateTimeOffset.UtcNow;
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
}
