using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>The democratic evaluation: its rules, frozen when voting starts, and voting being open or closed.</summary>
public sealed partial class Meeting
{
    /// <summary>The rules the meeting is counted with: its own (always, once voting started), or until saved the defaults over its attendance.</summary>
    public EvaluationRules EffectiveEvaluationRules => EvaluationRules ?? EvaluationRules.DefaultFor(_attendance);

    /// <summary>Sets the counting rules; they are frozen once voting starts, so results are always computed with the rules announced.</summary>
    public void SetEvaluationRules(EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        EnsureBefore(MeetingStatus.Evaluating, "民主测评已开始，测评规则已锁定，不能再修改。");
        var attendance = _attendance.Select(g => g.Id.ToString()).ToHashSet();
        if (rules.Groups.Any(g => !attendance.Contains(g.Key)))
        {
            throw new DomainException("测评人类别必须与参会人员类别一致，请先保存参会人员。");
        }

        EvaluationRules = rules;
    }

    /// <summary>
    /// InSession → Evaluating. The rules are frozen on entering the evaluation (<see cref="ChangeStatus"/>): the saved
    /// ones, or the defaults over the attendance when the organizer saved none, so a meeting that has started voting
    /// always has rules.
    /// </summary>
    public void StartEvaluation(Guid by, DateTimeOffset at)
    {
        EnsureForward(MeetingStatus.Evaluating);

        // Attendance may have changed since the rules were saved; every group that gets codes must be counted. The
        // defaults are made from the attendance, so only saved rules can disagree with it.
        if (EvaluationRules is { Groups.Count: > 0 } saved
            && !saved.Groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal).SetEquals(_attendance.Select(g => g.Id.ToString())))
        {
            throw new DomainException("测评规则中的测评人类别与参会人员类别不一致，请先重新保存测评规则。");
        }

        ChangeStatus(MeetingStatus.Evaluating, by, at, reason: null);
    }

    /// <summary>Stops every ballot code from working while the meeting stays in evaluation, e.g. once all ballots are in.</summary>
    public void CloseVoting(Guid by, DateTimeOffset at)
    {
        EnsureStatus(MeetingStatus.Evaluating);
        if (VotingClosedAt is not null)
        {
            throw new DomainException("投票已经关闭。");
        }

        VotingClosedAt = at;
        _statusChanges.Add(new StatusChange(Status, Status, by, at, VotingClosedReason));
        UpdatedAt = at;
    }

    /// <summary>Lets unused codes work again, e.g. when voting was closed before late voters had finished.</summary>
    public void ReopenVoting(Guid by, DateTimeOffset at)
    {
        EnsureStatus(MeetingStatus.Evaluating);
        if (VotingClosedAt is null)
        {
            throw new DomainException("投票正在进行，无需重新开放。");
        }

        VotingClosedAt = null;
        _statusChanges.Add(new StatusChange(Status, Status, by, at, VotingReopenedReason));
        UpdatedAt = at;
    }

    /// <summary>Every voter must see the same ballot, so this is fixed once voting starts.</summary>
    public void ShowRectificationOnBallot(bool show)
    {
        EnsureBefore(MeetingStatus.Evaluating, "测评已开始，不能再修改测评票上显示的内容。");
        ShowsRectificationOnBallot = show;
    }
}
