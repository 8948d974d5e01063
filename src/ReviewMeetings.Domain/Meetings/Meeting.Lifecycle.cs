using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>The lifecycle: the moves between states, each kept as a <see cref="StatusChange"/>, and the guards that depend on the state.</summary>
public sealed partial class Meeting
{
    /// <summary>The forward moves of the lifecycle from each state, the usual one first; going back is <see cref="Revert"/>.</summary>
    public static IReadOnlyList<MeetingStatus> ForwardFrom(MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => [MeetingStatus.Published],
        MeetingStatus.Published => [MeetingStatus.InSession],
        MeetingStatus.InSession => [MeetingStatus.Evaluating, MeetingStatus.Closed],
        MeetingStatus.Evaluating => [MeetingStatus.Closed],
        MeetingStatus.Closed => [MeetingStatus.ResultsPublished, MeetingStatus.Archived],
        MeetingStatus.ResultsPublished => [MeetingStatus.Archived],
        _ => [],
    };

    /// <summary>Where the meeting may move forward from its current state.</summary>
    public IReadOnlyList<MeetingStatus> NextStatuses => ForwardFrom(Status);

    /// <summary>The evaluation has begun (测评中 or later): rules, ballot contents and attendance groups are fixed.</summary>
    public bool EvaluationStarted => Status >= MeetingStatus.Evaluating;

    /// <summary>The meeting is in session or evaluating: the console drives its timer and agenda.</summary>
    public bool UnderWay => IsUnderWay(Status);

    public static bool IsUnderWay(MeetingStatus status) => status is MeetingStatus.InSession or MeetingStatus.Evaluating;

    /// <summary>Published and not yet ended: the console is offered, first to start the meeting, then to run it.</summary>
    public bool ConsoleOpen => IsConsoleOpen(Status);

    public static bool IsConsoleOpen(MeetingStatus status) => status is MeetingStatus.Published || IsUnderWay(status);

    /// <summary>测评中: voting runs unless closed, and may be closed and reopened.</summary>
    public bool InEvaluation => Status == MeetingStatus.Evaluating;

    /// <summary>The meeting has ended (已结束 or later): no more codes are issued and comments lock.</summary>
    public bool Ended => Status >= MeetingStatus.Closed;

    /// <summary>
    /// The results are public (结果已公布 or 已归档): units see their own results, and the counts behind them (codes, paper
    /// ballots, scores) no longer change.
    /// </summary>
    public bool ResultsPublic => Status >= MeetingStatus.ResultsPublished;

    /// <summary>Ballot codes may be issued until the meeting ends.</summary>
    public bool CodesIssuable => !Ended;

    /// <summary>Draft → Published. <paramref name="unitsInScope"/> are the active units every meeting of this host must cover.</summary>
    public void Publish(IReadOnlyCollection<Guid> unitsInScope, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(unitsInScope);
        EnsureForward(MeetingStatus.Published);
        if (Date is null)
        {
            throw new DomainException("请先填写会议日期再发布。");
        }

        if (_reporters.Count == 0)
        {
            throw new DomainException("至少需要一个述职对象才能发布。");
        }

        var uncovered = Coverage.Uncovered(unitsInScope, this);
        if (uncovered.Count > 0)
        {
            throw new DomainException($"还有{uncovered.Count}个单位既未安排述职也未说明排除原因，请在“覆盖情况”中处理后再发布。");
        }

        ChangeStatus(MeetingStatus.Published, by, at, reason: null);
    }

    public void StartSession(Guid by, DateTimeOffset at) => Advance(MeetingStatus.InSession, by, at);

    public void Close(Guid by, DateTimeOffset at) => Advance(MeetingStatus.Closed, by, at);

    public void PublishResults(Guid by, DateTimeOffset at) => Advance(MeetingStatus.ResultsPublished, by, at);

    public void Archive(Guid by, DateTimeOffset at) => Advance(MeetingStatus.Archived, by, at);

    /// <summary>
    /// Goes back to an earlier state, always with a reason. Once a meeting is closed only an administrator may do this.
    /// </summary>
    public void Revert(MeetingStatus to, string? reason, bool byAdministrator, Guid by, DateTimeOffset at)
    {
        if (to >= Status)
        {
            throw new DomainException("只能退回到之前的状态。");
        }

        if (Status >= MeetingStatus.Closed && !byAdministrator)
        {
            throw new DomainException("会议已结束，只有系统管理员可以退回。");
        }

        ChangeStatus(to, by, at, Text.Required(reason, RevertReasonMaxLength, "退回原因", "Reason"));
    }

    /// <summary>The console drives the timer and agenda only while the meeting is under way.</summary>
    public void EnsureUnderWay()
    {
        if (!UnderWay)
        {
            throw new DomainException("会议尚未开始或已经结束，不能操作会议进程。");
        }
    }

    /// <summary>After the meeting, each secretary may read the finalised comments on their own report.</summary>
    public void ReleaseFeedback(DateTimeOffset at)
    {
        if (!Ended)
        {
            throw new DomainException("会议结束后才能向述职书记反馈点评意见。");
        }

        if (FeedbackReleasedAt is not null)
        {
            throw new DomainException("点评意见已经反馈。");
        }

        FeedbackReleasedAt = at;
        UpdatedAt = at;
    }

    private void ChangeStatus(MeetingStatus to, Guid by, DateTimeOffset at, string? reason)
    {
        _statusChanges.Add(new StatusChange(Status, to, by, at, reason));
        if (to == MeetingStatus.Evaluating)
        {
            // Entering the evaluation (again) always opens voting; a close belongs to the round it ended. The rules are
            // frozen here, the one place every way into 测评中 passes (starting it, or an administrator going back).
            VotingClosedAt = null;
            EvaluationRules = EffectiveEvaluationRules;
        }

        Status = to;
        UpdatedAt = at;
    }

    private void EnsureBefore(MeetingStatus status, string message)
    {
        if (Status >= status)
        {
            throw new DomainException(message);
        }
    }

    /// <summary>A forward step with no checks of its own beyond the transition table.</summary>
    private void Advance(MeetingStatus to, Guid by, DateTimeOffset at)
    {
        EnsureForward(to);
        ChangeStatus(to, by, at, reason: null);
    }

    private void EnsureForward(MeetingStatus to)
    {
        if (!NextStatuses.Contains(to))
        {
            throw new DomainException($"会议当前状态为“{Status.ChineseName()}”，不能执行此操作。");
        }
    }

    private void EnsureStatus(params MeetingStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException($"会议当前状态为“{Status.ChineseName()}”，不能执行此操作。");
        }
    }
}
