using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Reports;

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Reviewed,
}

public static class ReportNames
{
    public const string NotSubmitted = "未提交";

    public static string ChineseName(this ReportStatus status) => status switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.Submitted => "已提交",
        ReportStatus.Returned => "已退回",
        ReportStatus.Reviewed => "已审核",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>
/// The written report (述职报告) of one reporter slot. Every save is kept as a version with its time and author;
/// the latest submitted version is the one that counts.
/// </summary>
public sealed class WrittenReport
{
    public const int ReasonMaxLength = 500;

    private readonly List<ReportVersion> _versions = [];

    private WrittenReport()
    {
    }

    public WrittenReport(Guid meetingId, Guid reporterId, Guid organizationId)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        ReporterId = reporterId;
        OrganizationId = organizationId;
        Status = ReportStatus.Draft;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public Guid ReporterId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public ReportStatus Status { get; private set; }

    /// <summary>Why staff returned the report (退回修改), shown to the secretary until the next submission.</summary>
    public string? ReturnReason { get; private set; }

    /// <summary>Set when staff allow submission after the deadline for this reporter.</summary>
    public bool Reopened { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<ReportVersion> Versions => _versions;

    public uint Version { get; private set; }

    public ReportVersion? LatestSubmitted => _versions.Where(v => v.Submitted).MaxBy(v => v.Number);

    public ReportVersion? Latest => _versions.MaxBy(v => v.Number);

    /// <summary>Whether the secretary may still save or submit: before the deadline, or when returned or reopened.</summary>
    public bool IsOpen(DateOnly? deadline, DateOnly today) => IsOpen(Reopened, Status, deadline, today);

    /// <summary><see cref="IsOpen(DateOnly?, DateOnly)"/> for lists that read the columns; a report not yet started is a draft.</summary>
    public static bool IsOpen(bool reopened, ReportStatus status, DateOnly? deadline, DateOnly today) =>
        reopened || status == ReportStatus.Returned || deadline is null || today <= deadline;

    /// <summary>Saves a new version, as a draft or submitted. Exactly one of <paramref name="fileId"/> and <paramref name="content"/> is given.</summary>
    public ReportVersion Save(ReportContent? content, Guid? fileId, bool submit, Guid by, DateTimeOffset at, DateOnly? deadline, DateOnly today)
    {
        if (!IsOpen(deadline, today))
        {
            throw new DomainException("已过书面述职报告截止日期，不能再提交。如需补交，请联系组织部重新开放。");
        }

        if ((content is null) == (fileId is null))
        {
            throw new ArgumentException("A version is either an uploaded file or an online text.");
        }

        if (submit && content is not null && string.IsNullOrWhiteSpace(content.Performance))
        {
            throw new DomainException("报告内容为空，不能提交。请至少填写“履职情况和工作亮点”。", nameof(ReportContent.Performance));
        }

        var version = new ReportVersion(Id, _versions.Count + 1, content, fileId, submit, by, at);
        _versions.Add(version);
        if (submit)
        {
            Status = ReportStatus.Submitted;
            ReturnReason = null;
            Reopened = false;
            ReviewedBy = null;
            ReviewedAt = null;
        }
        else if (Status == ReportStatus.Draft || LatestSubmitted is null)
        {
            Status = ReportStatus.Draft;
        }

        UpdatedAt = at;
        return version;
    }

    /// <summary>Whether staff may return the report for revision (退回修改): once submitted, reviewed or not.</summary>
    public bool CanReturn => Status is ReportStatus.Submitted or ReportStatus.Reviewed;

    /// <summary>Whether staff may mark the report reviewed (审核通过): submitted and neither returned nor reviewed yet.</summary>
    public bool CanMarkReviewed => Status == ReportStatus.Submitted;

    public void Return(string? reason, DateTimeOffset at)
    {
        if (!CanReturn)
        {
            throw new DomainException("只有已提交的报告才能退回。");
        }

        ReturnReason = Text.Required(reason, ReasonMaxLength, "退回原因", nameof(ReturnReason));
        Status = ReportStatus.Returned;
        UpdatedAt = at;
    }

    public void MarkReviewed(Guid by, DateTimeOffset at)
    {
        if (!CanMarkReviewed)
        {
            throw new DomainException("只有已提交且未退回的报告才能审核。");
        }

        Status = ReportStatus.Reviewed;
        ReviewedBy = by;
        ReviewedAt = at;
        UpdatedAt = at;
    }

    /// <summary>Whether staff may reopen submission: only when the secretary can no longer save or submit.</summary>
    public bool CanReopen(DateOnly? deadline, DateOnly today) => !IsOpen(deadline, today);

    public void Reopen(DateOnly? deadline, DateOnly today, DateTimeOffset at)
    {
        if (!CanReopen(deadline, today))
        {
            throw new DomainException("该报告仍可提交，无需重新开放。");
        }

        Reopened = true;
        UpdatedAt = at;
    }
}

/// <summary>One saved version of a report: an uploaded file or the online form's text.</summary>
public sealed class ReportVersion
{
    private ReportVersion()
    {
    }

    internal ReportVersion(Guid reportId, int number, ReportContent? content, Guid? fileId, bool submitted, Guid by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        Number = number;
        Content = content;
        FileId = fileId;
        Submitted = submitted;
        CreatedBy = by;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    public int Number { get; private set; }

    public ReportContent? Content { get; private set; }

    public Guid? FileId { get; private set; }

    public bool Submitted { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>The usual sections of a 述职报告 written online.</summary>
public sealed record ReportContent(string? Performance, string? Problems, string? NextSteps, string? Rectification)
{
    public const int SectionMaxLength = 20000;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Performance) && string.IsNullOrWhiteSpace(Problems)
        && string.IsNullOrWhiteSpace(NextSteps) && string.IsNullOrWhiteSpace(Rectification);

    public static ReportContent Create(string? performance, string? problems, string? nextSteps, string? rectification) => new(
        Text.Optional(performance, SectionMaxLength, "履职情况和工作亮点", nameof(Performance)),
        Text.Optional(problems, SectionMaxLength, "存在问题及原因", nameof(Problems)),
        Text.Optional(nextSteps, SectionMaxLength, "下一步工作思路和措施", nameof(NextSteps)),
        Text.Optional(rectification, SectionMaxLength, "上年度问题整改情况", nameof(Rectification)));
}
