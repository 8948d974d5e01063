using ReviewMeetings.Domain.Comments;
using ReviewMeetings.Domain.Common;
using Checked = ReviewMeetings.Domain.Common.Text;

namespace ReviewMeetings.Domain.Rectification;

/// <summary>
/// One problem on a reporter's problem list (问题清单) and its rectification (整改): the secretary's plan, approved by
/// staff; progress updates with evidence; completion, checked and closed (销号) by staff or sent back. Every change is in
/// <see cref="History"/>. Overdue (逾期) is derived from the deadline and today, never stored.
/// </summary>
public sealed class RectificationItem
{
    public const int TextMaxLength = 500;
    public const int PlanFieldMaxLength = 2000;
    public const int PersonMaxLength = 100;
    public const int CategoryMaxLength = 20;
    public const int ReasonMaxLength = 500;
    public const int UpdateMaxLength = 2000;
    public const int MaxEvidencePerUpdate = 10;

    /// <summary>Reminders list items whose deadline falls within this many days.</summary>
    public const int DueSoonDays = 14;

    private readonly List<ProblemSource> _sources = [];
    private readonly List<ProgressUpdate> _updates = [];
    private readonly List<ItemChange> _history = [];

    private RectificationItem()
    {
        Text = "";
        Category = "";
    }

    private RectificationItem(Guid meetingId, Guid reporterId, Guid organizationId, string text, string category, ProblemSource source, Guid by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        ReporterId = reporterId;
        OrganizationId = organizationId;
        Text = text;
        Category = category;
        Status = RectificationStatus.NotStarted;
        PlanState = PlanState.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        _sources.Add(source);
        Record(ItemAction.Created, by, now, $"{source.Describe()}；{text}");
    }

    public Guid Id { get; private set; }

    /// <summary>The meeting whose reporter must rectify this problem.</summary>
    public Guid MeetingId { get; private set; }

    public Guid ReporterId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Text { get; private set; }

    public string Category { get; private set; }

    public IReadOnlyList<ProblemSource> Sources => _sources;

    /// <summary>整改措施.</summary>
    public string? Measures { get; private set; }

    /// <summary>责任人: free text, e.g. a person of the unit and their post.</summary>
    public string? ResponsiblePerson { get; private set; }

    /// <summary>整改时限.</summary>
    public DateOnly? Deadline { get; private set; }

    /// <summary>预期目标.</summary>
    public string? Target { get; private set; }

    public PlanState PlanState { get; private set; }

    /// <summary>Why staff returned the plan; kept until the plan is submitted again.</summary>
    public string? PlanReturnReason { get; private set; }

    public RectificationStatus Status { get; private set; }

    /// <summary>Why staff refused the last completion report; kept until completion is reported again.</summary>
    public string? RejectionReason { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<ProgressUpdate> Updates => _updates;

    public IReadOnlyCollection<ItemChange> History => _history;

    public uint Version { get; private set; }

    public static RectificationItem FromComment(Comment comment, int problemIndex, Guid organizationId, string author, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(author);
        if (comment.Status != CommentStatus.Final)
        {
            throw new DomainException("只有已提交的点评才能形成问题清单。");
        }

        var text = comment.Problems[problemIndex];
        var kind = comment.Author == CommentAuthor.Leader ? ProblemSourceKind.LeaderComment : ProblemSourceKind.RepresentativeComment;
        return new RectificationItem(comment.MeetingId, comment.ReporterId, organizationId, text, RectificationCategories.Unsorted,
            new ProblemSource(kind, comment.MeetingId, comment.Id, author, text), by, now);
    }

    /// <summary>A problem found elsewhere (e.g. an inspection) and added by staff.</summary>
    public static RectificationItem ByStaff(
        Guid meetingId, Guid reporterId, Guid organizationId, string? text, string? category, IReadOnlyCollection<string> categories,
        string? raisedBy, Guid by, DateTimeOffset now)
    {
        var problem = CheckText(text);
        var source = Checked.Required(raisedBy, ProblemSource.AuthorMaxLength, "问题来源", "RaisedBy");
        return new RectificationItem(meetingId, reporterId, organizationId, problem, CheckCategory(category, categories),
            new ProblemSource(ProblemSourceKind.Staff, meetingId, null, source, problem), by, now);
    }

    /// <summary>A self-identified problem (自查问题) the secretary adds to their own list.</summary>
    public static RectificationItem SelfIdentified(
        Guid meetingId, Guid reporterId, Guid organizationId, string? text, string? category, IReadOnlyCollection<string> categories,
        string secretaryName, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secretaryName);
        var problem = CheckText(text);
        return new RectificationItem(meetingId, reporterId, organizationId, problem, CheckCategory(category, categories),
            new ProblemSource(ProblemSourceKind.SelfIdentified, meetingId, null, secretaryName, problem), by, now);
    }

    /// <summary>Overdue (逾期): the deadline has passed and the item is not closed. Due on the deadline day itself is not late.</summary>
    public bool IsOverdue(DateOnly today) => IsOverdue(Deadline, Status, today);

    public bool IsOverdue(TimeProvider clock) => IsOverdue(BeijingTime.Today(clock));

    public static bool IsOverdue(DateOnly? deadline, RectificationStatus status, DateOnly today) =>
        deadline is { } due && due < today && status != RectificationStatus.Closed;

    public static bool IsDueSoon(DateOnly? deadline, RectificationStatus status, DateOnly today) =>
        deadline is { } due && due >= today && due.DayNumber - today.DayNumber <= DueSoonDays && status != RectificationStatus.Closed;

    public void Reword(string? text, Guid by, DateTimeOffset now)
    {
        EnsureOpen();
        var reworded = CheckText(text);
        if (reworded == Text)
        {
            return;
        }

        Record(ItemAction.Reworded, by, now, $"“{Text}”改为“{reworded}”");
        Text = reworded;
    }

    public void Recategorize(string? category, IReadOnlyCollection<string> categories, Guid by, DateTimeOffset now)
    {
        EnsureOpen();
        var checkedCategory = CheckCategory(category, categories);
        if (checkedCategory == Category)
        {
            return;
        }

        Record(ItemAction.Recategorized, by, now, $"{Category} → {checkedCategory}");
        Category = checkedCategory;
    }

    /// <summary>The secretary drafts the plan; it can change until submitted, and again after staff return it.</summary>
    public void SavePlan(RectificationPlan plan, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        EnsureOpen();
        if (PlanState is PlanState.Submitted or PlanState.Approved)
        {
            throw new DomainException(PlanState == PlanState.Submitted ? "整改方案已提交，正在审核，不能修改。" : "整改方案已审核通过，不能再修改。");
        }

        var measures = Checked.Optional(plan.Measures, PlanFieldMaxLength, "整改措施", nameof(Measures));
        var person = Checked.Optional(plan.ResponsiblePerson, PersonMaxLength, "责任人", nameof(ResponsiblePerson));
        var target = Checked.Optional(plan.Target, PlanFieldMaxLength, "预期目标", nameof(Target));
        if (plan.Deadline is { } deadline && deadline < BeijingTime.DateOf(CreatedAt))
        {
            throw new DomainException("整改时限不能早于问题形成的日期。", nameof(Deadline));
        }

        Measures = measures;
        ResponsiblePerson = person;
        Deadline = plan.Deadline;
        Target = target;
        Record(ItemAction.PlanSaved, by, now, DescribePlan());
    }

    public void SubmitPlan(Guid by, DateTimeOffset now)
    {
        EnsureOpen();
        if (PlanState is PlanState.Submitted or PlanState.Approved)
        {
            throw new DomainException("整改方案已提交。");
        }

        if (Measures is null || ResponsiblePerson is null || Deadline is null || Target is null)
        {
            var missing = new[] { (Measures is null, "整改措施"), (ResponsiblePerson is null, "责任人"), (Deadline is null, "整改时限"), (Target is null, "预期目标") }
                .Where(x => x.Item1).Select(x => x.Item2);
            throw new DomainException($"请先填写{string.Join("、", missing)}，再提交整改方案。");
        }

        PlanState = PlanState.Submitted;
        PlanReturnReason = null;
        Record(ItemAction.PlanSubmitted, by, now, DescribePlan());
    }

    /// <summary>Approving the plan starts the rectification (整改中).</summary>
    public void ApprovePlan(Guid by, DateTimeOffset now)
    {
        if (PlanState != PlanState.Submitted)
        {
            throw new DomainException("只有已提交、待审核的整改方案才能审核通过。");
        }

        PlanState = PlanState.Approved;
        Status = RectificationStatus.InProgress;
        Record(ItemAction.PlanApproved, by, now, "");
    }

    public void ReturnPlan(string? reason, Guid by, DateTimeOffset now)
    {
        if (PlanState != PlanState.Submitted)
        {
            throw new DomainException("只有已提交、待审核的整改方案才能退回。");
        }

        var why = Checked.Required(reason, ReasonMaxLength, "退回原因", "Reason");
        PlanState = PlanState.Returned;
        PlanReturnReason = why;
        Record(ItemAction.PlanReturned, by, now, why);
    }

    public ProgressUpdate ReportProgress(string? text, IReadOnlyCollection<Guid> evidenceFileIds, Guid by, DateTimeOffset now)
    {
        if (Status != RectificationStatus.InProgress)
        {
            throw new DomainException(Status == RectificationStatus.NotStarted
                ? "整改方案审核通过后才能报送整改进展。"
                : $"问题当前状态为“{Status.ChineseName()}”，不能报送整改进展。");
        }

        var update = NewUpdate(text, evidenceFileIds, completion: false, by, now);
        Record(ItemAction.ProgressReported, by, now, DescribeUpdate(update));
        return update;
    }

    /// <summary>The secretary reports the work done (已完成待审核); staff then close the item or send it back.</summary>
    public ProgressUpdate ReportCompletion(string? text, IReadOnlyCollection<Guid> evidenceFileIds, Guid by, DateTimeOffset now)
    {
        if (Status != RectificationStatus.InProgress)
        {
            throw new DomainException(Status == RectificationStatus.NotStarted
                ? "整改方案审核通过后才能报告整改完成。"
                : $"问题当前状态为“{Status.ChineseName()}”，不能报告整改完成。");
        }

        var update = NewUpdate(text, evidenceFileIds, completion: true, by, now);
        Status = RectificationStatus.AwaitingReview;
        CompletedAt = now;
        RejectionReason = null;
        Record(ItemAction.CompletionReported, by, now, DescribeUpdate(update));
        return update;
    }

    /// <summary>销号: staff have checked the completion and the evidence.</summary>
    public void Close(Guid by, DateTimeOffset now)
    {
        if (Status != RectificationStatus.AwaitingReview)
        {
            throw new DomainException("只有已完成待审核的问题才能销号。");
        }

        Status = RectificationStatus.Closed;
        ClosedAt = now;
        Record(ItemAction.Closed, by, now, "");
    }

    public void RejectCompletion(string? reason, Guid by, DateTimeOffset now)
    {
        if (Status != RectificationStatus.AwaitingReview)
        {
            throw new DomainException("只有已完成待审核的问题才能退回。");
        }

        var why = Checked.Required(reason, ReasonMaxLength, "退回原因", "Reason");
        Status = RectificationStatus.InProgress;
        CompletedAt = null;
        RejectionReason = why;
        Record(ItemAction.CompletionRejected, by, now, why);
    }

    /// <summary>
    /// Staff merge a duplicate into this item: this item keeps its wording and plan and gains the duplicate's sources.
    /// The duplicate must not have been worked on yet, so nothing the secretary wrote is lost; the caller deletes it.
    /// </summary>
    public void Absorb(RectificationItem duplicate, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        EnsureOpen();
        if (duplicate.Id == Id)
        {
            throw new DomainException("不能把问题合并到它自己。");
        }

        if (duplicate.ReporterId != ReporterId)
        {
            throw new DomainException("只能合并同一述职对象的问题。");
        }

        if (duplicate.Status != RectificationStatus.NotStarted || duplicate.PlanState is PlanState.Submitted or PlanState.Approved || duplicate._updates.Count > 0)
        {
            throw new DomainException("被合并的问题已开始整改，不能合并。");
        }

        foreach (var source in duplicate._sources)
        {
            _sources.Add(new ProblemSource(source.Kind, source.MeetingId, source.CommentId, source.Author, source.OriginalText));
        }

        Record(ItemAction.Merged, by, now, $"并入重复问题“{duplicate.Text}”（{string.Join("；", duplicate._sources.Select(s => s.Describe()))}）");
    }

    private ProgressUpdate NewUpdate(string? text, IReadOnlyCollection<Guid> evidenceFileIds, bool completion, Guid by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidenceFileIds);
        var body = Checked.Required(text, UpdateMaxLength, completion ? "整改完成情况" : "整改进展", "Text");
        if (evidenceFileIds.Count > MaxEvidencePerUpdate)
        {
            throw new DomainException($"每次最多上传{MaxEvidencePerUpdate}个佐证材料。", "Evidence");
        }

        var update = new ProgressUpdate(body, evidenceFileIds, completion, by, now);
        _updates.Add(update);
        return update;
    }

    private void EnsureOpen()
    {
        if (Status == RectificationStatus.Closed)
        {
            throw new DomainException("问题已销号，不能再修改。");
        }
    }

    private void Record(ItemAction action, Guid by, DateTimeOffset now, string detail)
    {
        _history.Add(new ItemChange(action, by, now, detail));
        UpdatedAt = now;
    }

    private string DescribePlan() =>
        $"整改措施：{Measures ?? "（未填）"}；责任人：{ResponsiblePerson ?? "（未填）"}；整改时限：{Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "（未填）"}；预期目标：{Target ?? "（未填）"}";

    private static string DescribeUpdate(ProgressUpdate update) =>
        update.EvidenceFileIds.Length == 0 ? update.Text : $"{update.Text}（佐证材料{update.EvidenceFileIds.Length}份）";

    private static string CheckText(string? text) => Checked.Required(text, TextMaxLength, "问题内容", nameof(Text));

    private static string CheckCategory(string? category, IReadOnlyCollection<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var chosen = category?.Trim() ?? "";
        if (chosen.Length == 0)
        {
            throw new DomainException("请选择问题类别。", nameof(Category));
        }

        return categories.Contains(chosen) ? chosen : throw new DomainException("问题类别不在可选范围内。", nameof(Category));
    }
}
