using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>Whether comments (点评) may still change: open until the meeting closes, then only while an organizer has reopened them.</summary>
public sealed partial class Meeting
{
    public void EnsureCommentsOpen()
    {
        if (!CommentsOpen)
        {
            throw new DomainException(Status == MeetingStatus.Archived
                ? "会议已归档，点评已锁定，不能再新增或修改。"
                : "会议已结束，点评已锁定，不能再新增或修改。如确需补充或更正，请组织部门说明原因后重新开放点评。");
        }
    }

    /// <summary>The locked comments of an ended meeting may be reopened once, until the meeting is archived.</summary>
    public bool CommentsReopenable => Status is MeetingStatus.Closed or MeetingStatus.ResultsPublished && CommentsReopenedAt is null;

    /// <summary>Lets leaders and organizers add or correct comments of a closed meeting; who, when and why are kept.</summary>
    public void ReopenComments(string? reason, Guid by, DateTimeOffset at)
    {
        EnsureStatus(MeetingStatus.Closed, MeetingStatus.ResultsPublished);
        if (CommentsReopenedAt is not null)
        {
            throw new DomainException("点评已经重新开放。");
        }

        var why = Text.Required(reason, CommentsReopenReasonMaxLength, "重新开放点评的原因", "Reason");
        CommentsReopenedAt = at;
        CommentsReopenedBy = by;
        CommentsReopenReason = why;
        _statusChanges.Add(new StatusChange(Status, Status, by, at, $"{CommentsReopenedReason}：{why}"));
        UpdatedAt = at;
    }

    public void LockComments(Guid by, DateTimeOffset at)
    {
        if (Status < MeetingStatus.Closed || CommentsReopenedAt is null)
        {
            throw new DomainException("点评没有重新开放，无需锁定。");
        }

        CommentsReopenedAt = null;
        CommentsReopenedBy = null;
        CommentsReopenReason = null;
        _statusChanges.Add(new StatusChange(Status, Status, by, at, CommentsLockedReason));
        UpdatedAt = at;
    }
}
