namespace ReviewMeetings.Domain.Rectification;

/// <summary>整改状态: 未启动 → 整改中 → 已完成待审核 → 已销号. 逾期 is not a status; it is derived from the deadline.</summary>
public enum RectificationStatus
{
    NotStarted,
    InProgress,
    AwaitingReview,
    Closed,
}

/// <summary>Where the secretary's plan (整改措施, 责任人, 整改时限, 预期目标) stands with the staff.</summary>
public enum PlanState
{
    Draft,
    Submitted,
    Approved,
    Returned,
}

public enum ProblemSourceKind
{
    LeaderComment,
    RepresentativeComment,
    Staff,
    SelfIdentified,
}

public enum ItemAction
{
    Created,
    Reworded,
    Recategorized,
    PlanSaved,
    PlanSubmitted,
    PlanApproved,
    PlanReturned,
    ProgressReported,
    CompletionReported,
    Closed,
    CompletionRejected,
    Merged,
}

public static class RectificationNames
{
    public static string ChineseName(this RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "未启动",
        RectificationStatus.InProgress => "整改中",
        RectificationStatus.AwaitingReview => "已完成待审核",
        RectificationStatus.Closed => "已销号",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ChineseName(this PlanState state) => state switch
    {
        PlanState.Draft => "待提交",
        PlanState.Submitted => "待审核",
        PlanState.Approved => "已通过",
        PlanState.Returned => "已退回",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string ChineseName(this ProblemSourceKind kind) => kind switch
    {
        ProblemSourceKind.LeaderComment => "领导点评",
        ProblemSourceKind.RepresentativeComment => "基层代表点评",
        ProblemSourceKind.Staff => "组织部门",
        ProblemSourceKind.SelfIdentified => "自查问题",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ChineseName(this ItemAction action) => action switch
    {
        ItemAction.Created => "形成问题",
        ItemAction.Reworded => "修改问题表述",
        ItemAction.Recategorized => "调整问题类别",
        ItemAction.PlanSaved => "保存整改方案",
        ItemAction.PlanSubmitted => "提交整改方案",
        ItemAction.PlanApproved => "审核通过整改方案",
        ItemAction.PlanReturned => "退回整改方案",
        ItemAction.ProgressReported => "报送整改进展",
        ItemAction.CompletionReported => "报告整改完成",
        ItemAction.Closed => "销号",
        ItemAction.CompletionRejected => "退回整改完成",
        ItemAction.Merged => "合并重复问题",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>Who raised a problem and at which meeting. A merged item keeps the sources of every item merged into it.</summary>
public sealed class ProblemSource
{
    public const int AuthorMaxLength = 100;

    private ProblemSource()
    {
        Author = "";
        OriginalText = "";
    }

    public ProblemSource(ProblemSourceKind kind, Guid meetingId, Guid? commentId, string author, string originalText)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        MeetingId = meetingId;
        CommentId = commentId;
        Author = author.Length > AuthorMaxLength ? author[..AuthorMaxLength] : author;
        OriginalText = originalText;
    }

    public Guid Id { get; private set; }

    public ProblemSourceKind Kind { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid? CommentId { get; private set; }

    /// <summary>The commenting leader, the representative (with identity), the staff member or body, or the secretary.</summary>
    public string Author { get; private set; }

    /// <summary>The problem as first written, before any rewording or merging.</summary>
    public string OriginalText { get; private set; }

    public string Describe() => $"{Kind.ChineseName()}：{Author}";
}

/// <summary>One progress report (整改进展) with its evidence (佐证材料), or the report that the work is complete.</summary>
public sealed class ProgressUpdate
{
    private ProgressUpdate()
    {
        Text = "";
    }

    internal ProgressUpdate(string text, IEnumerable<Guid> evidenceFileIds, bool completion, Guid by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Text = text;
        EvidenceFileIds = [.. evidenceFileIds];
        IsCompletion = completion;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }

    public string Text { get; private set; }

    /// <summary>Stored files (in report_files) checked by content on upload.</summary>
    public Guid[] EvidenceFileIds { get; private set; } = [];

    public bool IsCompletion { get; private set; }

    public Guid By { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>One entry of an item's history: who did what when, in words a reader of the ledger understands.</summary>
public sealed class ItemChange
{
    public const int DetailMaxLength = 2000;

    private ItemChange()
    {
        Detail = "";
    }

    internal ItemChange(ItemAction action, Guid by, DateTimeOffset at, string detail)
    {
        Id = Guid.CreateVersion7();
        Action = action;
        By = by;
        At = at;
        Detail = detail.Length > DetailMaxLength ? detail[..DetailMaxLength] : detail;
    }

    public Guid Id { get; private set; }

    public ItemAction Action { get; private set; }

    public Guid By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Detail { get; private set; }
}

/// <summary>The plan a secretary writes for one problem.</summary>
public sealed record RectificationPlan(string? Measures, string? ResponsiblePerson, DateOnly? Deadline, string? Target);
