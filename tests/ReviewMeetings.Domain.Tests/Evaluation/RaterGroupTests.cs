using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class RaterGroupTests
{
    [Fact]
    public void Each_group_shows_its_own_breakdown_and_score()
    {
        var rules = Rules(("leaders", 0m), ("masses", 0m));
        // masses: 一般 ×3, abstained, 好 → 5 valid; (3 × 60 + 100) / 4 = 70.00. The second reporter keeps
        // the abstaining ballot from being all blank.
        var tally = new BallotBox(reporters: 2)
            .Repeat(3, "leaders", "好", "好")
            .Repeat(3, "masses", "一般", "好")
            .CastIn("masses", null, "好")
            .CastIn("masses", "好", "好")
            .Count(rules);

        var groups = tally.Reporters[0].Groups;
        Assert.Equal(
            [("leaders", false, (int?)3, (int?)0, (decimal?)100.00m), ("masses", false, 5, 1, 70.00m)],
            groups.Select(g => (g.Key, g.Hidden, g.Valid, g.Abstained, g.Score)));
        Assert.Equal([3, 0, 0, 0], groups[0].Grades!.Select(g => g.Count));
        Assert.Equal([20.0m, 0.0m, 60.0m, 0.0m], groups[1].Grades!.Select(g => g.Rate!.Value));
    }

    [Fact]
    public void Without_weights_the_evaluation_score_is_the_plain_mean_over_all_votes()
    {
        // leaders 好 ×3, masses 一般 ×5: (300 + 300) / 8 = 75.00.
        var tally = new BallotBox(reporters: 1)
            .Repeat(3, "leaders", "好")
            .Repeat(5, "masses", "一般")
            .Count(Rules(("leaders", 0m), ("masses", 0m)));

        var reporter = tally.Reporters[0];
        Assert.Null(reporter.GroupWeightedScore);
        Assert.Equal((75.00m, 75.00m), (reporter.WeightedScore!.Value, reporter.EvaluationScore!.Value));
    }

    [Fact]
    public void Group_weights_can_reorder_two_reporters()
    {
        // leaders (3 ballots): A 好, B 较好 → A 100, B 80.  masses (5 ballots): A 一般, B 好 → A 60, B 100.
        // Plain mean: A = (300 + 300) / 8 = 75.00, B = (240 + 500) / 8 = 92.50.
        // Weights 0.7 / 0.3: A = 70 + 18 = 88.00, B = 56 + 30 = 86.00, so A overtakes B.
        var box = new BallotBox(reporters: 2)
            .Repeat(3, "leaders", "好", "较好")
            .Repeat(5, "masses", "一般", "好");

        var tally = box.Count(Rules(("leaders", 0.7m), ("masses", 0.3m)));

        Assert.Equal(
            [(75.00m, 88.00m, 88.00m, 1), (92.50m, 86.00m, 86.00m, 2)],
            tally.Reporters.Select(r => (r.WeightedScore!.Value, r.GroupWeightedScore!.Value, r.EvaluationScore!.Value, r.Rank!.Value)));
    }

    [Fact]
    public void Weights_need_not_sum_to_one_as_they_are_normalised()
    {
        // Weights 3 / 1 act like 0.75 / 0.25: A = 75 + 15 = 90.00.
        var tally = new BallotBox(reporters: 1)
            .Repeat(3, "leaders", "好")
            .Repeat(3, "masses", "一般")
            .Count(Rules(("leaders", 3m), ("masses", 1m)));

        Assert.Equal(90.00m, tally.Reporters[0].GroupWeightedScore);
    }

    [Fact]
    public void A_group_under_the_disclosure_size_is_hidden_but_still_counted_in_the_pool()
    {
        // leaders 2 ballots (好, 好 → 100), deputies 1 ballot (差 → 0), masses 5 ballots (较好 → 80).
        // leaders and deputies are under 3 and hidden; together they hold 3 ballots, so masses can stay visible.
        // Pooled (ADR 0012): 3 ballots at 0.5 + 0.2 = 0.7, (200 + 0) / 3 = 66.67; 0.7 × 66.67 + 0.3 × 80 = 70.67.
        // Plain mean: (200 + 0 + 400) / 8 = 75.00.
        var tally = new BallotBox(reporters: 1)
            .Repeat(2, "leaders", "好")
            .CastIn("deputies", "差")
            .Repeat(5, "masses", "较好")
            .Count(Rules(("leaders", 0.5m), ("deputies", 0.2m), ("masses", 0.3m)));

        var reporter = tally.Reporters[0];
        Assert.Equal([true, true, false], reporter.Groups.Select(g => g.Hidden));
        Assert.All(reporter.Groups.Take(2), g => Assert.Equal((null, null, null, null), (g.Valid, g.Grades, g.Abstained, g.Score)));
        Assert.Equal((5, 80.00m), (reporter.Groups[2].Valid!.Value, reporter.Groups[2].Score!.Value));
        Assert.Equal(70.67m, reporter.GroupWeightedScore);
        Assert.Equal(70.67m, reporter.EvaluationScore);
        Assert.Equal(75.00m, reporter.WeightedScore);
        Assert.Equal([2, 5, 0, 1], reporter.Grades.Select(g => g.Count));
    }

    [Fact]
    public void When_one_group_alone_is_hidden_the_smallest_visible_group_is_hidden_too()
    {
        // Otherwise the overall counts minus the visible groups would give the two leaders' votes away.
        var tally = new BallotBox(reporters: 1)
            .Repeat(2, "leaders", "好")
            .Repeat(5, "heads", "较好")
            .Repeat(4, "deputies", "较好")
            .Repeat(6, "masses", "一般")
            .Count(Rules(("leaders", 0m), ("heads", 0m), ("deputies", 0m), ("masses", 0m)));

        Assert.Equal(
            [("leaders", true), ("heads", false), ("deputies", true), ("masses", false)],
            tally.Reporters[0].Groups.Select(g => (g.Key, g.Hidden)));
    }

    [Fact]
    public void A_group_with_no_ballots_is_hidden_without_hiding_another()
    {
        var tally = new BallotBox(reporters: 1)
            .Repeat(3, "heads", "较好")
            .Repeat(4, "masses", "一般")
            .Count(Rules(("leaders", 0m), ("heads", 0m), ("masses", 0m)));

        Assert.Equal([true, false, false], tally.Reporters[0].Groups.Select(g => g.Hidden));
    }

    [Fact]
    public void The_disclosure_size_is_configurable_per_group()
    {
        // leaders and heads need 5 and have 4 each: hidden, and together they hold 8. deputies need just 1.
        var rules = EvaluationRules.Create(groups:
        [
            new("leaders", "区级领导", 1m, MinDisclosure: 5),
            new("heads", "部门负责人", 1m, MinDisclosure: 5),
            new("deputies", "党代表", 1m, MinDisclosure: 1),
            new("masses", "群众代表", 1m),
        ]);
        var tally = new BallotBox(reporters: 1)
            .Repeat(4, "leaders", "好")
            .Repeat(4, "heads", "好")
            .CastIn("deputies", "较好")
            .Repeat(3, "masses", "一般")
            .Count(rules);

        Assert.Equal([true, true, false, false], tally.Reporters[0].Groups.Select(g => g.Hidden));
    }

    [Fact]
    public void A_group_that_gave_no_points_drops_out_and_the_other_weights_are_renormalised()
    {
        // leaders all abstained on A; masses 一般 → 60. Weighted over masses alone: 60.00.
        var tally = new BallotBox(reporters: 2)
            .Repeat(3, "leaders", null, "好")
            .Repeat(3, "masses", "一般", "好")
            .Count(Rules(("leaders", 0.7m), ("masses", 0.3m)));

        Assert.Null(tally.Reporters[0].Groups[0].Score);
        Assert.Equal(60.00m, tally.Reporters[0].GroupWeightedScore);
    }

    [Fact]
    public void With_weights_but_no_weighted_group_giving_points_there_is_no_evaluation_score()
    {
        // Only the unweighted observers voted on A; the weighted leaders all abstained.
        var tally = new BallotBox(reporters: 2)
            .Repeat(3, "leaders", null, "好")
            .Repeat(3, "observers", "好", "好")
            .Count(Rules(("leaders", 1m), ("observers", 0m)));

        var reporter = tally.Reporters[0];
        Assert.Equal(100.00m, reporter.WeightedScore);
        Assert.Null(reporter.GroupWeightedScore);
        Assert.Null(reporter.EvaluationScore);
        Assert.Null(reporter.Rank);
    }

    private static EvaluationRules Rules(params (string Key, decimal Weight)[] groups) =>
        EvaluationRules.Create(groups: groups.Select(g => new RaterGroupRule(g.Key, g.Key, g.Weight)).ToList());
}
