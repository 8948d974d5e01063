namespace ReviewMeetings.Domain.Meetings;

/// <summary>The lifecycle of a meeting, in order. Later states never become earlier ones except through <see cref="Meeting.Revert"/>.</summary>
public enum MeetingStatus
{
    Draft,
    Published,
    InSession,
    Evaluating,
    Closed,
    ResultsPublished,
    Archived,
}

public enum ReportMode
{
    OnSite,
    Written,
}

public enum AgendaItemKind
{
    ReportsAndComments,
    WrittenReports,
    Evaluation,
    Speech,
    Other,
}

public static class MeetingNames
{
    public static string ChineseName(this MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => "草稿",
        MeetingStatus.Published => "已发布",
        MeetingStatus.InSession => "进行中",
        MeetingStatus.Evaluating => "测评中",
        MeetingStatus.Closed => "已结束",
        MeetingStatus.ResultsPublished => "结果已公布",
        MeetingStatus.Archived => "已归档",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ChineseName(this ReportMode mode) => mode switch
    {
        ReportMode.OnSite => "现场述职",
        ReportMode.Written => "书面述职",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static string ChineseName(this AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.ReportsAndComments => "述职与点评",
        AgendaItemKind.WrittenReports => "书面述职",
        AgendaItemKind.Evaluation => "民主测评",
        AgendaItemKind.Speech => "领导讲话",
        AgendaItemKind.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
