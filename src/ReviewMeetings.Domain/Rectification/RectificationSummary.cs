using System.Globalization;

namespace ReviewMeetings.Domain.Rectification;

/// <summary>
/// Where a set of items stands, status by status, as the printed ledger and the minutes report it:
/// "共 N 项，其中未启动 …、整改中 …、已完成待审核 …、已销号 …，逾期 … 项，完成率 …". The rate is named 完成率 (整改完成率) everywhere: on pages, in documents and in exports.
/// </summary>
public sealed record RectificationSummary(RectificationStats Stats, IReadOnlyList<(RectificationStatus Status, int Count)> ByStatus)
{
    public static RectificationSummary Of(IReadOnlyCollection<(RectificationStatus Status, DateOnly? Deadline)> items, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RectificationSummary(
            RectificationStats.Of(items, today),
            [.. Enum.GetValues<RectificationStatus>().Select(status => (status, items.Count(i => i.Status == status)))]);
    }

    public int Count(RectificationStatus status) => ByStatus.Single(s => s.Status == status).Count;

    public string Sentence() => string.Create(CultureInfo.InvariantCulture,
        $"共{Stats.Total}项，其中{string.Join("、", ByStatus.Select(s => $"{s.Status.ChineseName()}{s.Count}项"))}；逾期{Stats.Overdue}项，完成率{Stats.RateText()}。");
}
