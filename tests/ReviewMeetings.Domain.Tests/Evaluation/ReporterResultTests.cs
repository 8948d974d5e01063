using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class ReporterResultTests
{
    [Fact]
    public void Counts_rates_and_score_of_a_hand_worked_round()
    {
        // 10 valid ballots: 好 6, 较好 2, 一般 1, 差 0, abstained 1.
        // Rates of 10: 60.0 / 20.0 / 10.0 / 0.0 / 10.0. 好评率 60.0, 好和较好率 (6 + 2) / 10 = 80.0.
        // Score over the 9 who voted: (6×100 + 2×80 + 1×60) / 9 = 820 / 9 = 91.111… → 91.11.
        // A second reporter, always 好, keeps the abstaining ballot from being all blank.
        var tally = new BallotBox(reporters: 2)
            .Repeat(6, "", "好", "好")
            .Repeat(2, "", "较好", "好")
            .Cast("一般", "好")
            .Cast(null, "好")
            .Count();

        var reporter = tally.Reporters[0];
        Assert.Equal(
            [("好", 6, 60.0m), ("较好", 2, 20.0m), ("一般", 1, 10.0m), ("差", 0, 0.0m)],
            BallotBox.Grades(reporter));
        Assert.Equal((1, (decimal?)10.0m), (reporter.Abstained, reporter.AbstainedRate));
        Assert.Equal(60.0m, reporter.TopGradeRate);
        Assert.Equal(80.0m, reporter.TopTwoGradesRate);
        Assert.Equal(91.11m, reporter.WeightedScore);
        Assert.Equal(91.11m, reporter.EvaluationScore);
        Assert.Equal(91.11m, reporter.Composite);
        Assert.Empty(reporter.MissingParts);
    }

    [Fact]
    public void All_abstaining_reporter_has_no_score_and_no_rank()
    {
        var tally = new BallotBox(reporters: 2).Repeat(3, "", "好", null).Count();

        var abstained = tally.Reporters[1];
        Assert.Equal((3, (decimal?)100.0m), (abstained.Abstained, abstained.AbstainedRate));
        Assert.Equal(0.0m, abstained.TopGradeRate);
        Assert.Null(abstained.WeightedScore);
        Assert.Null(abstained.Composite);
        Assert.Equal(["evaluation"], abstained.MissingParts);
        Assert.Null(abstained.Rank);
        Assert.Null(abstained.Band);
        Assert.Equal((1, "好"), (tally.Reporters[0].Rank, tally.Reporters[0].Band));
    }

    [Theory]
    [InlineData(1, 8, 12.5)] // exact
    [InlineData(1, 6, 16.7)] // 16.666…
    [InlineData(2, 3, 66.7)] // 66.666…
    [InlineData(1, 3, 33.3)] // 33.333…
    [InlineData(1, 16, 6.3)] // 6.25 exactly: half up gives 6.3 where banker's rounding would give 6.2
    [InlineData(1, 40, 2.5)] // exact
    [InlineData(1, 400, 0.3)] // 0.25 exactly, half up
    public void Rates_have_one_decimal_rounded_half_up(int good, int valid, double rate)
    {
        var tally = new BallotBox(reporters: 1).Repeat(good, "", "好").Repeat(valid - good, "", "差").Count();

        Assert.Equal((decimal)rate, tally.Reporters[0].TopGradeRate);
    }

    [Fact]
    public void Scores_have_two_decimals_rounded_half_up()
    {
        // Points 100/85/61/0; one 61 and seven 0: 61 / 8 = 7.625 exactly → 7.63 (banker's would give 7.62).
        var rules = EvaluationRules.Create(grades: [new("好", "好", 100m), new("较好", "较好", 85m), new("一般", "一般", 61m), new("差", "差", 0m)]);
        var tally = new BallotBox(reporters: 1).Cast("一般").Repeat(7, "", "差").Count(rules);

        Assert.Equal(7.63m, tally.Reporters[0].WeightedScore);
    }

    [Fact]
    public void Rates_are_rounded_one_by_one_so_their_printed_sum_may_be_100_point_1()
    {
        // 好 1, 较好 1, 一般 4 of 6: 16.7 + 16.7 + 66.7 = 100.1.
        var tally = new BallotBox(reporters: 1).Cast("好").Cast("较好").Repeat(4, "", "一般").Count();

        var reporter = tally.Reporters[0];
        Assert.Equal(100.1m, reporter.Grades.Sum(g => g.Rate) + reporter.AbstainedRate);
    }

    [Fact]
    public void Rates_are_rounded_one_by_one_so_their_printed_sum_may_be_99_point_9()
    {
        // 好, 较好 and abstained once each of 3: 33.3 × 3 = 99.9.
        var tally = new BallotBox(reporters: 2).Cast("好", "好").Cast("较好", "好").Cast(null, "好").Count();

        var reporter = tally.Reporters[0];
        Assert.Equal(99.9m, reporter.Grades.Sum(g => g.Rate) + reporter.AbstainedRate);
    }

    [Fact]
    public void Top_two_rate_is_rounded_from_the_combined_count_not_summed_from_rounded_rates()
    {
        // 好 1 and 较好 1 of 6: (1 + 1) / 6 = 33.3, while 16.7 + 16.7 would be 33.4.
        var tally = new BallotBox(reporters: 1).Cast("好").Cast("较好").Repeat(4, "", "一般").Count();

        Assert.Equal((16.7m, 33.3m), (tally.Reporters[0].TopGradeRate!.Value, tally.Reporters[0].TopTwoGradesRate!.Value));
    }

    [Fact]
    public void Not_knowing_is_counted_and_shown_but_carries_no_points()
    {
        // 满意 1, 基本满意 1, 不了解 2 of 4: rates 25.0 / 25.0 / 0.0 / 50.0; score (100 + 60) / 2 = 80.00.
        var rules = EvaluationRules.Create(grades: GradeScales.SatisfactionWithUnknown);
        var tally = new BallotBox(reporters: 2)
            .Cast("满意", "不了解")
            .Cast("基本满意", "不了解")
            .Cast("不了解", "不了解")
            .Cast("不了解", "不了解")
            .Count(rules);

        Assert.Equal(4, tally.Valid);
        var reporter = tally.Reporters[0];
        Assert.Equal(
            [("满意", 1, 25.0m), ("基本满意", 1, 25.0m), ("不满意", 0, 0.0m), ("不了解", 2, 50.0m)],
            BallotBox.Grades(reporter));
        Assert.Equal((0, (decimal?)0.0m), (reporter.Abstained, reporter.AbstainedRate));
        Assert.Equal(80.00m, reporter.WeightedScore);
        Assert.Equal(50.0m, reporter.TopTwoGradesRate);
        Assert.Null(tally.Reporters[1].WeightedScore);
        Assert.Null(tally.Reporters[1].Rank);
    }

    [Fact]
    public void A_different_point_map_can_reorder_two_reporters()
    {
        // A: 好 2, 差 2; B: 一般 4.
        // Default 100/80/60/0: A = 200 / 4 = 50.00, B = 60.00, so B ranks first.
        // Milder 100/85/70/50: A = (200 + 100) / 4 = 75.00, B = 70.00, so A ranks first.
        var box = new BallotBox(reporters: 2).Repeat(2, "", "好", "一般").Repeat(2, "", "差", "一般");
        var milder = EvaluationRules.Create(grades: [new("好", "好", 100m), new("较好", "较好", 85m), new("一般", "一般", 70m), new("差", "差", 50m)]);

        var byDefault = box.Count();
        var byMilder = box.Count(milder);

        Assert.Equal([(50.00m, 2), (60.00m, 1)], byDefault.Reporters.Select(r => (r.WeightedScore!.Value, r.Rank!.Value)));
        Assert.Equal([(75.00m, 1), (70.00m, 2)], byMilder.Reporters.Select(r => (r.WeightedScore!.Value, r.Rank!.Value)));
    }

    [Fact]
    public void Other_scales_name_their_own_top_grades()
    {
        var rules = EvaluationRules.Create(grades: GradeScales.Competence);
        var tally = new BallotBox(reporters: 1).Cast("优秀").Cast("称职").Cast("基本称职").Cast("不称职").Count(rules);

        var reporter = tally.Reporters[0];
        Assert.Equal((25.0m, 50.0m), (reporter.TopGradeRate!.Value, reporter.TopTwoGradesRate!.Value));
        Assert.Equal(60.00m, reporter.WeightedScore); // (100 + 80 + 60 + 0) / 4
    }
}
