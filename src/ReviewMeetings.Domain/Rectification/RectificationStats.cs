using System.Globalization;

namespace ReviewMeetings.Domain.Rectification;

/// <summary>Counts over a set of items, and the completion rate (整改完成率): closed items as a percentage of all items.</summary>
public sealed record RectificationStats(int Total, int Closed, int AwaitingReview, int Overdue)
{
    public static readonly RectificationStats Empty = new(0, 0, 0, 0);

    /// <summary>One decimal, rounded half up; null when there is nothing to rectify.</summary>
    public decimal? CompletionRate =>
        Total == 0 ? null : Math.Round(Closed * 100m / Total, 1, MidpointRounding.AwayFromZero);

    public static RectificationStats Of(IEnumerable<(RectificationStatus Status, DateOnly? Deadline)> items, DateOnly today)
    {
        var list = items.ToList();
        return new RectificationStats(
            list.Count,
            list.Count(i => i.Status == RectificationStatus.Closed),
            list.Count(i => i.Status == RectificationStatus.AwaitingReview),
            list.Count(i => RectificationItem.IsOverdue(i.Deadline, i.Status, today)));
    }

    /// <summary>The one-line carry-over summary shown next year, e.g. "上年度问题 5 项，已销号 4 项，逾期 1 项".</summary>
    public string CarryOverLine() =>
        string.Create(CultureInfo.InvariantCulture, $"上年度问题 {Total} 项，已销号 {Closed} 项，逾期 {Overdue} 项");

    public string RateText() =>
        CompletionRate is { } rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
