using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Meetings;

/// <summary>
/// What each step of a meeting's lifecycle does, asked before it is done. Every page that offers a step (the status
/// page, the live console, the comments page) takes its wording from here, so the question reads the same everywhere.
/// </summary>
public static class MeetingConfirmations
{
    /// <summary>Moving a meeting forward to <paramref name="to"/>; starting it warns when today (Beijing) is not its date.</summary>
    public static Confirmation Advance(MeetingStatus to, DateOnly? meetingDate, DateTimeOffset now) => to switch
    {
        MeetingStatus.Published => new("确定发布会议？", "发布后，述职书记和点评领导即可看到本次会议，述职书记可以提交书面述职报告。", "发布会议"),
        MeetingStatus.InSession => StartSession(meetingDate, now),
        MeetingStatus.Evaluating => StartEvaluation,
        MeetingStatus.Closed => new("确定结束会议？", "结束后测评码不能再投票，手机票和纸质票将封存统计；如需重新打开，只有系统管理员可以退回。", "结束会议"),
        MeetingStatus.ResultsPublished => new("确定公布结果？", "公布后，点评领导和述职书记即可看到测评结果，测评票数和得分不能再修改。", "公布结果"),
        MeetingStatus.Archived => new("确定归档？", "归档后会议只能查看，不能再修改。", "归档"),
        _ => new("确定继续？", "会议状态将改变。", "确定"),
    };

    /// <summary>开始会议, with a warning when today (Beijing) is not the meeting date.</summary>
    public static Confirmation StartSession(DateOnly? meetingDate, DateTimeOffset now)
    {
        var today = BeijingTime.DateOf(now);
        return new("确定开始会议？", "开始后会议进入“进行中”，述职对象、述职顺序和议程不能再调整。", "开始会议",
            meetingDate is { } date && date != today ? $"今天（{today.ToChineseDate()}）不是会议日期（{date.ToChineseDate()}）。" : null);
    }

    /// <summary>开始民主测评: opens voting and freezes the rules.</summary>
    public static Confirmation StartEvaluation { get; } =
        new("确定开始民主测评？", "开始后测评码即可投票，测评规则（测评等次、类别权重）随即锁定，不能再修改。", "开始民主测评");

    /// <summary>反馈点评意见: the secretaries see the comments and the problem lists are formed; drafts are left out.</summary>
    public static Confirmation ReleaseFeedback(int drafts) =>
        new("确定反馈点评意见？",
            "反馈后，每位述职书记即可在首页看到对本单位已提交的点评，点评指出的问题随即形成问题清单；反馈不能撤回。",
            "反馈点评意见",
            drafts > 0 ? $"还有{drafts}条点评未提交，反馈时不会包含未提交的点评。" : null);
}
