using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// How many paper ballots were handed out to one rater group (纸质票发出). Added to the unvoided codes of the group,
/// it makes the number issued that the "more returned than issued" and quorum rules are checked against.
/// </summary>
public sealed class PaperIssue
{
    public const int MaxCount = 10000;

    private PaperIssue()
    {
        GroupKey = null!;
    }

    private PaperIssue(Guid meetingId, string groupKey)
    {
        MeetingId = meetingId;
        GroupKey = groupKey;
    }

    public Guid MeetingId { get; private set; }

    public string GroupKey { get; private set; }

    public int Count { get; private set; }

    public uint Version { get; private set; }

    public static PaperIssue Create(Guid meetingId, string groupKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupKey);
        return new PaperIssue(meetingId, groupKey);
    }

    /// <summary>Records the number handed out; it can be corrected until the results are published.</summary>
    public void Record(MeetingStatus status, int count)
    {
        if (status >= MeetingStatus.ResultsPublished)
        {
            throw new DomainException("测评结果已公布，不能再修改纸质票发出数。");
        }

        if (count is < 0 or > MaxCount)
        {
            throw new DomainException($"纸质票发出数应在0到{MaxCount}之间。", nameof(Count));
        }

        Count = count;
    }
}
