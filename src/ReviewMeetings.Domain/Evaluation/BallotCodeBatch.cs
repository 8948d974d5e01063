using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// One press of 生成并打印: a named batch of ballot codes for one rater group (how many, who, when). Its id is chosen
/// when the form is rendered, so a repeated post of the same form finds the batch instead of issuing a second one.
/// For a short time after issuing, the person who issued it can print its slips again: the plain codes are kept
/// only sealed (<see cref="SealedCodes"/>), and erased once that window has passed. A batch whose slips were never
/// handed out can be voided as a whole, with a reason.
/// </summary>
public sealed class BallotCodeBatch
{
    public const int ReasonMaxLength = 200;
    public const int MinCount = 1;
    public const int MaxCount = 2000;

    /// <summary>Spare codes suggested on top of the expected attendance, in percent of it, rounded up.</summary>
    public const int SparePercent = 10;

    private BallotCodeBatch()
    {
        GroupKey = null!;
    }

    private BallotCodeBatch(Guid id, Guid meetingId, string groupKey, int count, Guid issuedBy, DateTimeOffset issuedAt)
    {
        Id = id;
        MeetingId = meetingId;
        GroupKey = groupKey;
        Count = count;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string GroupKey { get; private set; }

    public int Count { get; private set; }

    public Guid IssuedBy { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>The batch's plain codes, sealed for a reprint by <see cref="IssuedBy"/>; null once the reprint window has passed.</summary>
    public byte[]? SealedCodes { get; private set; }

    public string? VoidReason { get; private set; }

    public Guid? VoidedBy { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    public uint Version { get; private set; }

    public bool Voided => VoidedAt is not null;

    /// <summary>
    /// A new batch and its codes, while the meeting still issues codes (<see cref="Meeting.CodesIssuable"/>); the plain
    /// codes are returned once, to be sealed for reprinting and printed.
    /// </summary>
    public static (BallotCodeBatch Batch, IReadOnlyList<(BallotCode Code, string Plain)> Codes) Issue(
        Guid id, Meeting meeting, string groupKey, int count, Guid issuedBy, DateTimeOffset issuedAt, byte[] hashKey)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (!meeting.CodesIssuable)
        {
            throw new DomainException(EndedMessage);
        }

        if (id == Guid.Empty)
        {
            throw new DomainException("页面已过期，请刷新后重新生成。");
        }

        if (count is < MinCount or > MaxCount)
        {
            throw new DomainException(CountMessage);
        }

        var batch = new BallotCodeBatch(id, meeting.Id, groupKey, count, issuedBy, issuedAt);
        return (batch, BallotCode.Issue(meeting.Id, groupKey, count, hashKey, id));
    }

    public const string EndedMessage = "会议已结束，不能再发放测评码。";

    public static string CountMessage => $"一次可生成{MinCount}到{MaxCount}个测评码。";

    /// <summary>How many codes to print for a group by default: the expected attendance and the spares.</summary>
    public static int SuggestedCount(int expected) => expected + (int)Math.Ceiling(expected * SparePercent / 100m);

    /// <summary>When the slips can no longer be printed again, whoever asks.</summary>
    public DateTimeOffset ReprintUntil(TimeSpan window) => IssuedAt + window;

    /// <summary>Whether <paramref name="user"/> may see the batch's codes again at <paramref name="now"/>.</summary>
    public bool CanReprint(Guid user, DateTimeOffset now, TimeSpan window) =>
        SealedCodes is not null && !Voided && user == IssuedBy && now < ReprintUntil(window);

    public void KeepForReprint(byte[] sealedCodes) => SealedCodes = sealedCodes ?? throw new ArgumentNullException(nameof(sealedCodes));

    /// <summary>Erases the sealed codes once the window has passed; returns whether there was anything to erase.</summary>
    public bool ForgetExpired(DateTimeOffset now, TimeSpan window)
    {
        if (SealedCodes is null || (now < ReprintUntil(window) && !Voided))
        {
            return false;
        }

        SealedCodes = null;
        return true;
    }

    /// <summary>
    /// Voids every code of the batch: its slips were never handed out (lost, misprinted, printed twice). Refused when a
    /// code of the batch has been used, since those slips were handed out.
    /// </summary>
    public void Void(string? reason, Guid by, DateTimeOffset at, IReadOnlyCollection<BallotCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new DomainException("请填写作废原因", nameof(VoidReason));
        }

        if (reason.Length > ReasonMaxLength)
        {
            throw new DomainException($"作废原因不能超过{ReasonMaxLength}个字。", nameof(VoidReason));
        }

        if (Voided)
        {
            throw new DomainException("该批测评码已作废。");
        }

        if (codes.Any(c => c.BatchId != Id))
        {
            throw new ArgumentException("A code of another batch.", nameof(codes));
        }

        var used = codes.Count(c => c.State == BallotCodeState.Used);
        if (used > 0)
        {
            throw new DomainException("该批已有测评码投票，说明测评票已发出，不能整批作废。请逐个作废遗失的测评码，或登记未发放的测评码。");
        }

        foreach (var code in codes)
        {
            code.Void();
        }

        VoidReason = reason;
        VoidedBy = by;
        VoidedAt = at;
        SealedCodes = null;
    }
}
