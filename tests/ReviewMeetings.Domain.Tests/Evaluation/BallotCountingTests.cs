using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class BallotCountingTests
{
    [Fact]
    public void Zero_ballots_give_no_rates_no_scores_and_no_ranks()
    {
        var tally = new BallotBox(reporters: 2).Count(issued: 10, expected: 10);

        Assert.Equal((10, 0, 0, 0), (tally.Issued, tally.Returned, tally.Valid, tally.Void));
        Assert.False(tally.QuorumMet);
        Assert.False(tally.RoundVoid);
        Assert.All(tally.Reporters, r =>
        {
            Assert.All(r.Grades, g => Assert.Equal((0, (decimal?)null), (g.Count, g.Rate)));
            Assert.Equal((0, (decimal?)null, (decimal?)null, (decimal?)null), (r.Abstained, r.AbstainedRate, r.TopGradeRate, r.TopTwoGradesRate));
            Assert.Null(r.WeightedScore);
            Assert.Null(r.Composite);
            Assert.Equal(["evaluation"], r.MissingParts);
            Assert.Null(r.Rank);
            Assert.Null(r.Band);
        });
    }

    [Fact]
    public void A_ballot_with_every_item_blank_is_void_and_not_counted_as_abstentions()
    {
        var box = new BallotBox(reporters: 2)
            .Cast("好", "较好")
            .Cast(null, null)
            .Cast(" ", "")
            .Cast();

        var tally = box.Count();

        Assert.Equal((4, 1, 3), (tally.Returned, tally.Valid, tally.Void));
        Assert.Equal(new Dictionary<BallotVoidReason, int> { [BallotVoidReason.AllBlank] = 3 }, tally.VoidByReason);
        Assert.Equal(0, tally.Reporters[0].Abstained);
        Assert.Equal(100.0m, tally.Reporters[0].TopGradeRate);
    }

    [Fact]
    public void A_blank_item_on_an_otherwise_filled_ballot_is_an_abstention()
    {
        var tally = new BallotBox(reporters: 2).Cast("好", null).Cast("一般", "差").Count();

        Assert.Equal(2, tally.Valid);
        var second = tally.Reporters[1];
        Assert.Equal((1, (decimal?)50.0m), (second.Abstained, second.AbstainedRate));
        Assert.Equal(0.00m, second.WeightedScore);
    }

    [Fact]
    public void A_ballot_with_a_grade_outside_the_scale_is_void_as_a_whole()
    {
        var tally = new BallotBox(reporters: 2).Cast("好", "优秀").Cast("较好", "差").Count();

        Assert.Equal((1, 1), (tally.Valid, tally.Void));
        Assert.Equal(new Dictionary<BallotVoidReason, int> { [BallotVoidReason.UnknownGrade] = 1 }, tally.VoidByReason);
        Assert.Equal(
            [("好", 0, 0.0m), ("较好", 1, 100.0m), ("一般", 0, 0.0m), ("差", 0, 0.0m)],
            BallotBox.Grades(tally.Reporters[0]));
    }

    [Fact]
    public void A_ballot_that_breaks_a_quota_is_void_and_one_at_the_quota_is_valid()
    {
        // At most one reporter rated 好 per ballot.
        var rules = EvaluationRules.Create(quotas: [new("好", 1)]);
        var box = new BallotBox(reporters: 3)
            .Cast("好", "好", "一般")
            .Cast("好", "较好", "较好")
            .Cast("较好", "较好", "较好");

        var tally = box.Count(rules);

        Assert.Equal((2, 1), (tally.Valid, tally.Void));
        Assert.Equal(new Dictionary<BallotVoidReason, int> { [BallotVoidReason.QuotaExceeded] = 1 }, tally.VoidByReason);
        Assert.Equal(
            [("好", 1, 50.0m), ("较好", 1, 50.0m), ("一般", 0, 0.0m), ("差", 0, 0.0m)],
            BallotBox.Grades(tally.Reporters[0]));
    }

    [Fact]
    public void When_abstaining_is_not_allowed_a_ballot_with_a_blank_item_is_void()
    {
        var rules = EvaluationRules.Create(allowAbstain: false);

        var tally = new BallotBox(reporters: 2).Cast("好", null).Cast("好", "差").Count(rules);

        Assert.Equal((1, 1), (tally.Valid, tally.Void));
        Assert.Equal(new Dictionary<BallotVoidReason, int> { [BallotVoidReason.BlankNotAllowed] = 1 }, tally.VoidByReason);
    }

    [Fact]
    public void More_ballots_returned_than_issued_void_the_whole_round()
    {
        var box = new BallotBox(reporters: 2).Cast("好", "较好").Cast("好", "好").Cast("一般", "好");

        var tally = box.Count(issued: 2, expected: 2);

        Assert.True(tally.RoundVoid);
        Assert.Equal((2, 3, 3), (tally.Issued, tally.Returned, tally.Valid));
        Assert.Empty(tally.Reporters);
    }

    [Fact]
    public void As_many_returned_as_issued_is_a_normal_round()
    {
        var tally = new BallotBox(reporters: 1).Cast("好").Cast("好").Count(issued: 2, expected: 2);

        Assert.False(tally.RoundVoid);
        Assert.Single(tally.Reporters);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Quorum_needs_more_than_half_of_those_expected(int returned, bool met)
    {
        var box = new BallotBox(reporters: 1).Repeat(returned, "", "好");

        var tally = box.Count(issued: 12, expected: 10);

        Assert.Equal(met, tally.QuorumMet);
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void Quorum_of_two_thirds_needs_more_than_two_thirds(int returned, bool met)
    {
        var rules = EvaluationRules.Create(quorum: 2m / 3m);
        var box = new BallotBox(reporters: 1).Repeat(returned, "", "好");

        Assert.Equal(met, box.Count(rules, issued: 9, expected: 9).QuorumMet);
    }

    [Fact]
    public void Void_ballots_still_count_as_returned_for_the_quorum()
    {
        var box = new BallotBox(reporters: 1).Repeat(4, "", "好").Repeat(2, "", [null]);

        var tally = box.Count(issued: 10, expected: 10);

        Assert.Equal((6, 4), (tally.Returned, tally.Valid));
        Assert.True(tally.QuorumMet);
    }

    [Fact]
    public void Without_a_quorum_the_results_are_still_counted_for_staff_to_see()
    {
        var tally = new BallotBox(reporters: 1).Cast("好").Count(issued: 10, expected: 10);

        Assert.False(tally.QuorumMet);
        Assert.Equal(100.00m, tally.Reporters[0].WeightedScore);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        var box = new BallotBox(reporters: 1);

        Assert.Equal("发出票数不能为负数。", Assert.Throws<DomainException>(() => box.Count(issued: -1)).Message);
        Assert.Equal("应参加测评人数不能为负数。", Assert.Throws<DomainException>(() => box.Count(expected: -1)).Message);
    }

    [Fact]
    public void A_ballot_for_someone_who_is_not_a_reporter_is_a_programming_error()
    {
        var box = new BallotBox(reporters: 1);
        var stranger = new TallyBallot("", new Dictionary<Guid, string?> { [Guid.NewGuid()] = "好" });

        Assert.Throws<ArgumentException>(
            () => Tally.Compute(new TallyInput(EvaluationRules.Default, box.Reporters, [stranger], 1, 1)));
    }

    [Fact]
    public void A_ballot_from_a_rater_group_the_rules_do_not_have_is_a_programming_error()
    {
        var rules = EvaluationRules.Create(groups: [new("leaders", "区级领导", 1m)]);
        var box = new BallotBox(reporters: 1).CastIn("strangers", "好");

        Assert.Throws<ArgumentException>(() => box.Count(rules));
    }
}
