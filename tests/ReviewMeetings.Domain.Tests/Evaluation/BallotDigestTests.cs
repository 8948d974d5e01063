using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class BallotDigestTests
{
    [Fact]
    public void Digest_does_not_depend_on_the_order_of_ballots()
    {
        var box = new BallotBox(reporters: 3);
        var ballots = new[]
        {
            box.Ballot("leaders", "好", "较好", null),
            box.Ballot("masses", "一般", "好", "差"),
            box.Ballot("masses", "好", "好", "好"),
        };

        Assert.Equal(BallotDigest.Compute(ballots), BallotDigest.Compute(ballots.Reverse()));
    }

    [Fact]
    public void Digest_does_not_depend_on_the_order_of_marks_or_on_how_an_abstention_is_stored()
    {
        var box = new BallotBox(reporters: 2);
        var (first, second) = (box.Reporters[0], box.Reporters[1]);
        var stored = new TallyBallot("", new Dictionary<Guid, string?> { [first] = "好", [second] = null });
        var reordered = new TallyBallot("", new Dictionary<Guid, string?> { [second] = " ", [first] = "好" });
        var missing = new TallyBallot("", new Dictionary<Guid, string?> { [first] = "好" });

        Assert.Equal(BallotDigest.Compute([stored]), BallotDigest.Compute([reordered]));
        Assert.Equal(BallotDigest.Compute([stored]), BallotDigest.Compute([missing]));
    }

    [Fact]
    public void Digest_changes_when_one_grade_changes()
    {
        var box = new BallotBox(reporters: 2);
        var original = new[] { box.Ballot("", "好", "较好"), box.Ballot("", "一般", "好") };
        var altered = new[] { box.Ballot("", "好", "较好"), box.Ballot("", "一般", "较好") };

        Assert.NotEqual(BallotDigest.Compute(original), BallotDigest.Compute(altered));
    }

    [Fact]
    public void Digest_changes_when_a_ballot_moves_to_another_group_or_a_ballot_is_added()
    {
        var box = new BallotBox(reporters: 1);
        var original = BallotDigest.Compute([box.Ballot("leaders", "好")]);

        Assert.NotEqual(original, BallotDigest.Compute([box.Ballot("masses", "好")]));
        Assert.NotEqual(original, BallotDigest.Compute([box.Ballot("leaders", "好"), box.Ballot("leaders", "好")]));
    }

    [Fact]
    public void Digest_format_is_fixed_so_old_printed_sheets_can_still_be_checked()
    {
        // SHA-256 of "ballots/v1\n" + one line per ballot: length-prefixed group, then each reporter id with its grade.
        var box = new BallotBox(reporters: 1);

        Assert.Equal("a31af31ec5eb56f0856363bd6f4aa1114f174035c7ef6d6e2cc0bbd6d6fd51e5", BallotDigest.Compute([]));
        Assert.Equal(
            "6b565254a8b6c6e996dd4e8c48b17418e9741c2a24b0b459f6867cc0b5a931c4",
            BallotDigest.Compute([box.Ballot("", "较好")]));
    }

    [Fact]
    public void Tally_carries_the_digest_of_every_returned_ballot_void_ones_included()
    {
        var box = new BallotBox(reporters: 2).Cast("好", "较好").Cast(null, null).Cast("好", "优秀");

        var tally = box.Count();

        Assert.Equal(1, tally.Valid);
        Assert.Equal(BallotDigest.Compute(box.Ballots), tally.BallotDigest);
        Assert.NotEqual(BallotDigest.Compute(box.Ballots.Take(1)), tally.BallotDigest);
    }
}
