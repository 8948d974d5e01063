using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>
/// A report-and-review meeting (述职评议会议) hosted by one unit for the units below it: who reports and how,
/// the agenda, the attendees, and where it stands in its lifecycle.
/// </summary>
public sealed partial class Meeting
{
    public const int TitleMaxLength = 150;
    public const int VenueMaxLength = 100;
    public const int HostMaxLength = 100;
    public const int MaxSubVenues = 30;
    public const int DefaultTimeLimitMinutes = 6;
    public const int MinTimeLimitMinutes = 1;
    public const int MaxTimeLimitMinutes = 30;
    public const int MinReviewYear = 2000;
    public const int MaxReviewYear = 2100;

    /// <summary>The planned minutes of leaders' comments after each on-site report.</summary>
    public const int CommentMinutesPerReport = 3;
    public const int DefaultEvaluationMinutes = 15;
    public const int DefaultSpeechMinutes = 20;
    public const int RevertReasonMaxLength = 200;
    public const int LeaderRequirementsMaxLength = 20000;
    public const string VotingClosedReason = "关闭投票";
    public const string VotingReopenedReason = "重新开放投票";
    public const string CommentsReopenedReason = "重新开放点评";
    public const string CommentsLockedReason = "重新锁定点评";
    public const int CommentsReopenReasonMaxLength = 150;

    private readonly List<Reporter> _reporters = [];
    private readonly List<AgendaItem> _agenda = [];
    private readonly List<AttendanceGroup> _attendance = [];
    private readonly List<StatusChange> _statusChanges = [];
    private List<Guid> _leaderIds = [];
    private List<string> _subVenues = [];
    private List<GuidanceAttendee> _guidance = [];
    private readonly List<CoverageExclusion> _exclusions = [];
    private readonly List<LotteryRecord> _lotteryHistory = [];
    private List<OrganizationCategory> _coverageCategories = DefaultCoverageCategories();
    private List<OrganizationType> _coverageTypes = DefaultCoverageTypes();

    private Meeting()
    {
        Title = null!;
    }

    private Meeting(Guid organizationId, string title, int reviewYear, Guid createdBy, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Title = title;
        ReviewYear = reviewYear;
        TimeLimitMinutes = DefaultTimeLimitMinutes;
        Status = MeetingStatus.Draft;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The hosting unit (e.g. 中共清河区委员会); reporters come from its subtree.</summary>
    public Guid OrganizationId { get; private set; }

    public string Title { get; private set; }

    public int ReviewYear { get; private set; }

    public DateOnly? Date { get; private set; }

    public TimeOnly? StartTime { get; private set; }

    public string? MainVenue { get; private set; }

    public IReadOnlyList<string> SubVenues => _subVenues;

    /// <summary>The presiding leader (主持人), as written on the notice, e.g. "区委书记 陈立群".</summary>
    public string? Host { get; private set; }

    public int TimeLimitMinutes { get; private set; }

    public DateOnly? WrittenReportDeadline { get; private set; }

    public MeetingStatus Status { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The draw that set the current on-site order; null once the order was changed by hand or the reporters changed.</summary>
    public LotteryDraw? Lottery { get; private set; }

    /// <summary>Every drawing of lots for this meeting, oldest first, kept even when a later draw or a manual change replaced it.</summary>
    public IReadOnlyList<LotteryRecord> LotteryHistory => _lotteryHistory;

    /// <summary>How the democratic evaluation is counted; null until staff save rules or voting starts (<see cref="EffectiveEvaluationRules"/>).</summary>
    public EvaluationRules? EvaluationRules { get; private set; }

    /// <summary>The presiding leader's overall assessment and requirements for next year (领导讲话要求), for the minutes.</summary>
    public string? LeaderRequirements { get; private set; }

    /// <summary>When the organizer released the comments to the secretaries (反馈点评意见); null until then.</summary>
    public DateTimeOffset? FeedbackReleasedAt { get; private set; }
    /// <summary>When staff closed voting during the evaluation (关闭投票); null while codes may be used.</summary>
    public DateTimeOffset? VotingClosedAt { get; private set; }

    /// <summary>Ballot codes work only while this is true: the meeting is evaluating and staff have not closed voting.</summary>
    public bool VotingOpen => InEvaluation && VotingClosedAt is null;

    /// <summary>When an organizer reopened the comments of a closed meeting (重新开放点评); null while they are locked.</summary>
    public DateTimeOffset? CommentsReopenedAt { get; private set; }

    public Guid? CommentsReopenedBy { get; private set; }

    public string? CommentsReopenReason { get; private set; }

    /// <summary>
    /// Comments (点评) may be written until the meeting closes. After that the feedback and minutes rest on them, so
    /// they change only while an organizer has reopened them with a recorded reason, and never once archived.
    /// </summary>
    public bool CommentsOpen => Status < MeetingStatus.Closed || (Status != MeetingStatus.Archived && CommentsReopenedAt is not null);

    /// <summary>Whether the ballot shows each reporter's carry-over line (上年度问题…); off unless the organizer enables it.</summary>
    public bool ShowsRectificationOnBallot { get; private set; }

    /// <summary>User ids of the commenting leaders (点评领导), in the order they were chosen.</summary>
    public IReadOnlyList<Guid> LeaderIds => _leaderIds;

    public IReadOnlyList<GuidanceAttendee> Guidance => _guidance;

    public IReadOnlyList<CoverageExclusion> Exclusions => _exclusions;

    /// <summary>Units of these categories and types in the host's subtree are expected to report (覆盖范围).</summary>
    public IReadOnlyList<OrganizationCategory> CoverageCategories => _coverageCategories;

    public IReadOnlyList<OrganizationType> CoverageTypes => _coverageTypes;

    public IReadOnlyCollection<Reporter> Reporters => _reporters;

    public IReadOnlyCollection<AgendaItem> Agenda => _agenda;

    public IReadOnlyCollection<AttendanceGroup> Attendance => _attendance;

    public IReadOnlyCollection<StatusChange> StatusChanges => _statusChanges;

    public uint Version { get; private set; }

    public bool ReportersEditable => Status is MeetingStatus.Draft or MeetingStatus.Published;

    public static Meeting Create(Guid organizationId, string? title, int reviewYear, Guid createdBy, DateTimeOffset createdAt)
    {
        var meeting = new Meeting(organizationId, CheckTitle(title), CheckYear(reviewYear), createdBy, createdAt);
        meeting.SetAgenda(
        [
            new AgendaDraft(AgendaItemKind.ReportsAndComments, null, null),
            new AgendaDraft(AgendaItemKind.Evaluation, null, DefaultEvaluationMinutes),
            new AgendaDraft(AgendaItemKind.Speech, null, DefaultSpeechMinutes),
        ]);
        meeting.SetAttendance(
        [
            new AttendanceDraft(null, "区级领导", 0),
            new AttendanceDraft(null, "部门负责人", 0),
            new AttendanceDraft(null, "党代表、人大代表、政协委员", 0),
            new AttendanceDraft(null, "基层党员群众代表", 0),
        ]);
        return meeting;
    }

    /// <summary>The usual title: "清河区2025年度党组织书记抓基层党建工作述职评议会议".</summary>
    public static string SuggestTitle(string hostUnitName, int reviewYear) =>
        $"{PlaceName(hostUnitName)}{reviewYear}年度党组织书记抓基层党建工作述职评议会议";

    /// <summary>The place a Party committee stands for, as titles and file names use it: 中共清河区委员会 → 清河区.</summary>
    public static string PlaceName(string hostUnitName)
    {
        ArgumentNullException.ThrowIfNull(hostUnitName);
        var place = hostUnitName.Trim();
        if (place.StartsWith("中共", StringComparison.Ordinal))
        {
            place = place[2..];
        }

        foreach (var suffix in new[] { "工作委员会", "委员会", "党工委", "党委", "党组" })
        {
            if (place.EndsWith(suffix, StringComparison.Ordinal) && place.Length > suffix.Length)
            {
                place = place[..^suffix.Length];
                break;
            }
        }

        return place;
    }

    /// <summary>
    /// Changes the meeting facts. <paramref name="currentYear"/> (this year in Beijing) bounds the review year of a
    /// meeting without a date to one year either side; with a date the date does.
    /// </summary>
    public void UpdateDetails(MeetingDetails details, int? currentYear = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureBefore(MeetingStatus.Closed, "会议已结束，不能再修改会议信息。");
        var errors = DetailsErrors(details, Status, currentYear);
        if (errors.Count > 0)
        {
            throw new DomainException(errors);
        }

        var year = details.ReviewYear;
        var subVenues = details.SubVenues.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
        // Everything is checked before anything changes, so a refused update leaves the meeting as it was.
        var title = CheckTitle(details.Title);
        var mainVenue = Text.Optional(details.MainVenue, VenueMaxLength, "主会场", nameof(MainVenue));
        var host = Text.Optional(details.Host, HostMaxLength, "主持人", nameof(Host));
        Title = title;
        ReviewYear = year;
        Date = details.Date;
        StartTime = details.StartTime;
        MainVenue = mainVenue;
        _subVenues = subVenues;
        Host = host;
        TimeLimitMinutes = details.TimeLimitMinutes;
        WrittenReportDeadline = details.WrittenReportDeadline;
    }

    /// <summary>Every rule the details break, each next to its field, so a form shows them all in one round.</summary>
    public static IReadOnlyList<DomainError> DetailsErrors(MeetingDetails details, MeetingStatus status, int? currentYear = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = new List<DomainError>();
        void Check(Action rule)
        {
            try
            {
                rule();
            }
            catch (DomainException ex)
            {
                errors.Add(new DomainError(ex.Message, ex.Field));
            }
        }

        var year = details.ReviewYear;
        Check(() => CheckTitle(details.Title));
        Check(() => CheckYear(year));
        // A dated meeting's year is bounded by the date rule below; an undated one is held this year, give or take one.
        if (year is >= MinReviewYear and <= MaxReviewYear && details.Date is null && currentYear is { } thisYear && Math.Abs(year - thisYear) > 1)
        {
            errors.Add(new DomainError($"述职年度应在{thisYear - 1}到{thisYear + 1}之间。", nameof(ReviewYear)));
        }

        if (details.TimeLimitMinutes is < MinTimeLimitMinutes or > MaxTimeLimitMinutes)
        {
            errors.Add(new DomainError($"现场述职时限应在{MinTimeLimitMinutes}到{MaxTimeLimitMinutes}分钟之间。", nameof(TimeLimitMinutes)));
        }

        if (year is >= MinReviewYear and <= MaxReviewYear && details.Date is { } date && (date < new DateOnly(year, 11, 1) || date > new DateOnly(year + 1, 12, 31)))
        {
            errors.Add(new DomainError($"{year}年度的会议日期应在{year}年11月至{year + 1}年12月之间。", nameof(Date)));
        }

        if (details.Date is null && status != MeetingStatus.Draft)
        {
            errors.Add(new DomainError("会议已发布，必须填写会议日期。", nameof(Date)));
        }

        if (details.WrittenReportDeadline is { } deadline && details.Date is { } meetingDate && deadline > meetingDate)
        {
            errors.Add(new DomainError("书面述职报告截止日期不能晚于会议日期。", nameof(WrittenReportDeadline)));
        }

        var subVenues = details.SubVenues.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();
        if (subVenues.Count > MaxSubVenues)
        {
            errors.Add(new DomainError($"分会场不能超过{MaxSubVenues}个。", nameof(SubVenues)));
        }

        if (subVenues.Any(v => v.Length > VenueMaxLength))
        {
            errors.Add(new DomainError($"分会场名称不能超过{VenueMaxLength}个字。", nameof(SubVenues)));
        }

        Check(() => Text.Optional(details.MainVenue, VenueMaxLength, "主会场", nameof(MainVenue)));
        Check(() => Text.Optional(details.Host, HostMaxLength, "主持人", nameof(Host)));
        return errors;
    }

    public void SetLeaders(IEnumerable<Guid> leaderIds, IEnumerable<GuidanceAttendee> guidance)
    {
        EnsureBefore(MeetingStatus.Closed, "会议已结束，不能再修改点评领导。");
        _leaderIds = leaderIds.Distinct().ToList();
        _guidance = guidance.ToList();
    }

    public void SetAgenda(IEnumerable<AgendaDraft> items)
    {
        EnsureBefore(MeetingStatus.InSession, "会议已开始，不能再修改议程。");
        var list = items.ToList();
        if (list.Count == 0)
        {
            throw new DomainException("议程至少需要一项。");
        }

        var built = list.Select((item, index) => new AgendaItem(item.Kind, item.Title, item.PlannedMinutes, index + 1)).ToList();
        _agenda.Clear();
        _agenda.AddRange(built);
    }

    /// <summary>Planned end: the start time plus every planned duration, on-site reports counted at the time limit.</summary>
    public TimeOnly? PlannedEnd()
    {
        if (StartTime is not { } start)
        {
            return null;
        }

        return start.AddMinutes(_agenda.Sum(item => PlannedMinutes(item) ?? 0));
    }

    /// <summary>An item's planned minutes; reports and comments without a plan take the time limit plus comments per on-site report.</summary>
    public int? PlannedMinutes(AgendaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.PlannedMinutes
            ?? (item.Kind == AgendaItemKind.ReportsAndComments ? OnSiteCount * (TimeLimitMinutes + CommentMinutesPerReport) : null);
    }

    public void SetAttendance(IEnumerable<AttendanceDraft> groups)
    {
        EnsureBefore(MeetingStatus.Closed, "会议已结束，不能再修改参会人员。");
        var drafts = groups.ToList();
        var names = drafts.Select(d => d.Name?.Trim()).Where(n => !string.IsNullOrEmpty(n)).ToList();
        if (names.Count != names.Distinct().Count())
        {
            throw new DomainException("参会人员类别不能重名。");
        }

        var ids = drafts.Where(d => d.Id is not null).Select(d => d.Id!.Value).ToList();
        if (ids.Count != ids.Distinct().Count())
        {
            throw new DomainException("同一参会人员类别不能出现两次。");
        }

        // Ballot codes, ballots and the frozen rules refer to the groups by id: once voting has started a group can be
        // renamed or its numbers changed, but none added or removed, or ballots would belong to no group of the rules.
        if (EvaluationStarted
            && !drafts.Select(d => d.Id).ToHashSet().SetEquals(_attendance.Select(g => (Guid?)g.Id)))
        {
            throw new DomainException("民主测评已开始，参会人员类别只能修改名称和人数，不能增加或删除。");
        }

        // Build every new group first (which checks every row), then apply, so a refused row changes nothing.
        var checkedRows = drafts.Select((d, i) => (Draft: d, Checked: new AttendanceGroup(d.Name, d.Expected, i + 1))).ToList();
        var kept = new List<AttendanceGroup>();
        foreach (var (draft, fresh) in checkedRows)
        {
            var existing = draft.Id is { } id ? _attendance.SingleOrDefault(g => g.Id == id) : null;
            if (existing is null)
            {
                kept.Add(fresh);
            }
            else
            {
                existing.Update(fresh.Name, fresh.Expected, fresh.Order);
                kept.Add(existing);
            }
        }

        _attendance.Clear();
        _attendance.AddRange(kept);
    }

    public void RecordActualAttendance(Guid groupId, int? actual)
    {
        EnsureBefore(MeetingStatus.ResultsPublished, "结果已公布，不能再修改实到人数。");
        var group = _attendance.SingleOrDefault(g => g.Id == groupId) ?? throw new DomainException("参会人员类别不存在。");
        group.RecordActual(actual);
    }

    public void SetLeaderRequirements(string? text, DateTimeOffset at)
    {
        if (Status == MeetingStatus.Archived)
        {
            throw new DomainException("会议已归档，不能再修改。");
        }

        LeaderRequirements = Text.Optional(text, LeaderRequirementsMaxLength, "领导讲话要求", nameof(LeaderRequirements));
        UpdatedAt = at;
    }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    private static string CheckTitle(string? title) => Text.Required(title, TitleMaxLength, "会议名称", nameof(Title));

    private static int CheckYear(int year) =>
        year is < MinReviewYear or > MaxReviewYear ? throw new DomainException($"述职年度应在{MinReviewYear}到{MaxReviewYear}之间。", nameof(ReviewYear)) : year;
}

public sealed record MeetingDetails(
    string? Title,
    int ReviewYear,
    DateOnly? Date,
    TimeOnly? StartTime,
    string? MainVenue,
    IReadOnlyList<string> SubVenues,
    string? Host,
    int TimeLimitMinutes,
    DateOnly? WrittenReportDeadline);

public sealed record AgendaDraft(AgendaItemKind Kind, string? Title, int? PlannedMinutes);

public sealed record AttendanceDraft(Guid? Id, string? Name, int Expected);
