using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Domain.Tests.Rectification;

public sealed class RectificationSummaryTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void Summary_counts_every_status_in_workflow_order_with_overdue_and_closing_rate()
    {
        var summary = RectificationSummary.Of(
        [
            (RectificationStatus.Closed, new DateOnly(2026, 6, 30)),
            (RectificationStatus.Closed, null),
            (RectificationStatus.InProgress, new DateOnly(2026, 11, 30)),
            (RectificationStatus.InProgress, new DateOnly(2027, 3, 31)),
            (RectificationStatus.AwaitingReview, new DateOnly(2026, 10, 31)),
            (RectificationStatus.NotStarted, null),
            (RectificationStatus.InProgress, null),
        ], Today);

        Assert.Equal(3, summary.Count(RectificationStatus.InProgress));
        Assert.Equal(0, RectificationSummary.Of([], Today).Count(RectificationStatus.Closed));
        Assert.Equal("共7项，其中未启动1项、整改中3项、已完成待审核1项、已销号2项；逾期2项，完成率28.6%。", summary.Sentence());
    }
}
