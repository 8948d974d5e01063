using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class CompositeAndStandingTests
{
    private static readonly EvaluationRules EvaluationAndDaily = EvaluationRules.Create(
        compositeParts: [new("evaluation", "民主测评", 40m), new("daily", "日常考核", 60m)]);

    [Fact]
    public void Composite_combines_the_evaluation_with_a_daily_assessment()
    {
        // A: 好, 好, 较好, 一般 → 340 / 4 = 85.00; daily 92.5 → 0.4 × 85 + 0.6 × 92.5 = 34 + 55.5 = 89.50 → 较好.
        // B: 好 ×4 → 100.00; daily 85 → 40 + 51 = 91.00 → 好.
        var box = new BallotBox(reporters: 2)
            .Repeat(2, "", "好", "好")
            .Cast("较好", "好")
            .Cast("一般", "好")
            .Score(0, "daily", 92.5m)
            .Score(1, "daily", 85m);

        var tally = box.Count(EvaluationAndDaily);

        Assert.Equal(
            [(85.00m, 89.50m, 2, "较好"), (100.00m, 91.00m, 1, "好")],
            tally.Reporters.Select(r => (r.EvaluationScore!.Value, r.Composite!.Value, r.Rank!.Value, r.Band!)));
    }

    [Fact]
    public void Composite_is_rounded_to_two_decimals_half_up()
    {
        // Evaluation 85.00, daily 88.33: 34 + 52.998 = 86.998 → 87.00.
        var box = new BallotBox(reporters: 1).Repeat(2, "", "好").Cast("较好").Cast("一般").Score(0, "daily", 88.33m);

        Assert.Equal(87.00m, box.Count(EvaluationAndDaily).Reporters[0].Composite);
    }

    [Fact]
    public void A_reporter_missing_a_daily_score_has_no_composite_and_no_rank()
    {
        var box = new BallotBox(reporters: 2).Cast("好", "较好").Score(1, "daily", 90m);

        var tally = box.Count(EvaluationAndDaily);

        var missing = tally.Reporters[0];
        Assert.Equal(100.00m, missing.EvaluationScore);
        Assert.Null(missing.Composite);
        Assert.Equal(["daily"], missing.MissingParts);
        Assert.Null(missing.Rank);
        Assert.Null(missing.Band);
        Assert.Equal((1, "较好"), (tally.Reporters[1].Rank, tally.Reporters[1].Band)); // 32 + 54 = 86.00
    }

    [Fact]
    public void The_composite_not_the_evaluation_decides_the_rank()
    {
        // A: evaluation 100, daily 70 → 40 + 42 = 82.00.  B: evaluation 80, daily 90 → 32 + 54 = 86.00.
        var box = new BallotBox(reporters: 2).Cast("好", "较好").Score(0, "daily", 70m).Score(1, "daily", 90m);

        Assert.Equal([2, 1], box.Count(EvaluationAndDaily).Reporters.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void A_score_outside_0_to_100_is_refused()
    {
        var box = new BallotBox(reporters: 1).Cast("好").Score(0, "daily", 101m);

        var error = Assert.Throws<DomainException>(() => box.Count(EvaluationAndDaily));

        Assert.Equal("“日常考核”的得分应在0到100之间。", error.Message);
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped()
    {
        var tally = new BallotBox(reporters: 4).Cast("好", "较好", "较好", "一般").Count();

        Assert.Equal([1, 2, 2, 4], tally.Reporters.Select(r => r.Rank!.Value));
        Assert.Equal(["好", "较好", "较好", "一般"], tally.Reporters.Select(r => r.Band!));
    }

    [Fact]
    public void Bands_start_at_their_minimum_score()
    {
        var tally = Single(90m, 89.99m, 80m, 60m, 59.99m, 0m).Count(PointsScale(90m, 89.99m, 80m, 60m, 59.99m, 0m));

        Assert.Equal(["好", "较好", "较好", "一般", "差", "差"], tally.Reporters.Select(r => r.Band!));
    }

    [Fact]
    public void Capped_top_band_goes_to_the_best_ranked_and_the_rest_drop_to_the_next_band()
    {
        // 30% of 7 reporters = 2.1, so at most 2 get 好; 93 and 91 drop to 较好.
        var points = new[] { 98m, 95m, 93m, 91m, 85m, 70m, 50m };
        var rules = PointsScale(points, topBandMaxShare: 0.3m);

        var tally = Single(98m, 95m, 93m, 91m, 85m, 70m, 50m).Count(rules);

        Assert.Equal(["好", "好", "较好", "较好", "较好", "一般", "差"], tally.Reporters.Select(r => r.Band!));
    }

    [Fact]
    public void Reporters_tied_across_the_top_band_cap_all_drop_to_the_next_band()
    {
        // 40% of 5 = 2. 98 keeps 好; the two at 95 would make three, so both drop.
        var rules = PointsScale([98m, 95m, 85m, 70m], topBandMaxShare: 0.4m);

        var tally = Single(98m, 95m, 95m, 85m, 70m).Count(rules);

        Assert.Equal([1, 2, 2, 4, 5], tally.Reporters.Select(r => r.Rank!.Value));
        Assert.Equal(["好", "较好", "较好", "较好", "一般"], tally.Reporters.Select(r => r.Band!));
    }

    [Fact]
    public void Reporters_tied_within_the_top_band_cap_all_keep_it()
    {
        var rules = PointsScale([98m, 95m, 85m, 70m], topBandMaxShare: 0.4m);

        var tally = Single(98m, 98m, 95m, 85m, 70m).Count(rules);

        Assert.Equal(["好", "好", "较好", "较好", "一般"], tally.Reporters.Select(r => r.Band!));
    }

    [Fact]
    public void The_top_band_cap_is_a_share_of_all_reporters_scored_or_not()
    {
        // 50% of 4 = 2, so 98 and 95 both keep 好; counting only the three with a score would allow just 1.
        var rules = PointsScale([98m, 95m, 50m], topBandMaxShare: 0.5m);

        var tally = Single(98m, 95m, 50m, null).Count(rules);

        Assert.Equal(["好", "好", "差", null], tally.Reporters.Select(r => r.Band));
    }

    /// <summary>One ballot giving each reporter the grade keyed by the points it should score.</summary>
    private static BallotBox Single(params decimal?[] points)
    {
        var box = new BallotBox(reporters: points.Length);
        return box.Cast([.. points.Select(Key)]);
    }

    private static EvaluationRules PointsScale(params decimal[] points) => PointsScale(points, null);

    private static EvaluationRules PointsScale(decimal[] points, decimal? topBandMaxShare) =>
        EvaluationRules.Create(
            grades: points.Select(p => new GradeDefinition(Key(p)!, Key(p)!, p)).ToList(),
            topBandMaxShare: topBandMaxShare);

    private static string? Key(decimal? points) => points?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
