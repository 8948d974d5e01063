using ReviewMeetings.Domain.Rectification;

namespace ReviewMeetings.Domain.Tests.Rectification;

public sealed class RectificationStatsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void Carry_over_line_counts_closed_and_overdue_items()
    {
        var stats = RectificationStats.Of(
        [
            (RectificationStatus.Closed, new DateOnly(2026, 6, 30)),
            (RectificationStatus.Closed, new DateOnly(2026, 3, 31)),
            (RectificationStatus.Closed, null),
            (RectificationStatus.Closed, new DateOnly(2026, 9, 30)),
            (RectificationStatus.InProgress, new DateOnly(2026, 11, 30)),
        ], Today);

        Assert.Equal("上年度问题 5 项，已销号 4 项，逾期 1 项", stats.CarryOverLine());
        Assert.Equal(80.0m, stats.CompletionRate);
    }

    [Fact]
    public void Completion_rate_rounds_half_up_to_one_decimal_and_is_empty_without_items()
    {
        var stats = RectificationStats.Of(
        [
            (RectificationStatus.Closed, null),
            (RectificationStatus.AwaitingReview, null),
            (RectificationStatus.NotStarted, null),
        ], Today);

        Assert.Equal(33.3m, stats.CompletionRate);
        Assert.Equal("33.3%", stats.RateText());
        Assert.Equal(1, stats.AwaitingReview);
        Assert.Null(RectificationStats.Empty.CompletionRate);
        Assert.Equal("—", RectificationStats.Empty.RateText());
    }

    [Fact]
    public void Configured_categories_are_cleaned_and_always_end_with_other()
    {
        Assert.Equal(["纪律建设", "党员队伍", "其他"], RectificationCategories.From([" 纪律建设 ", "其他", "党员队伍", "纪律建设", ""]));
        Assert.Equal(RectificationCategories.Defaults, RectificationCategories.From(null));
    }
}
