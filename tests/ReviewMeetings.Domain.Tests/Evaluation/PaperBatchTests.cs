using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class PaperBatchTests
{
    private const MeetingStatus Evaluating = MeetingStatus.Evaluating;
    private const string Group = "基层党员群众代表";
    private static readonly Guid ClerkA = Guid.Parse("0c0c0c0c-0000-0000-0000-00000000000a");
    private static readonly Guid ClerkB = Guid.Parse("0c0c0c0c-0000-0000-0000-00000000000b");
    private static readonly Guid MeetingId = Guid.Parse("0d0d0d0d-0000-0000-0000-000000000001");
    private static readonly IReadOnlyList<Guid> Reporters = new BallotBox(3).Reporters;
    private static readonly EvaluationRules Rules = EvaluationRules.Default;

    private static PaperBatch Batch(int declared = 3) => PaperBatch.Create(Evaluating, MeetingId, Group, 1, declared);

    private static PaperMarks Marks(string digits) => PaperMarks.Parse(digits, Reporters, Rules);

    private static void Key(PaperBatch batch, EntrySide side, Guid clerk, params string[] ballots)
    {
        foreach (var ballot in ballots)
        {
            batch.Enter(Evaluating, side, clerk, Marks(ballot));
        }

        batch.Complete(Evaluating, side, clerk);
    }

    [Fact]
    public void Matching_entries_are_counted_as_ballots_of_the_group_and_the_entries_are_dropped()
    {
        var batch = Batch();
        Key(batch, EntrySide.First, ClerkA, "123", "000", "210");
        Key(batch, EntrySide.Second, ClerkB, "123", "000", "210");

        var ballots = batch.Count(Evaluating, Reporters, Rules);

        Assert.Equal(PaperBatchState.Counted, batch.State);
        Assert.Empty(batch.Entries);
        Assert.All(ballots, b => Assert.Equal((MeetingId, Group), (b.MeetingId, b.GroupKey)));
        Assert.Equal(
            ["000", "123", "210"],
            ballots.Select(b => string.Concat(Reporters.Select(r => b.Grades[r] switch { "好" => '1', "较好" => '2', "一般" => '3', null => '0', _ => '?' }))).Order());
        Assert.Equal(3, ballots.Select(b => b.Id).Distinct().Count());
    }

    [Fact]
    public void Counted_ballots_come_out_in_random_order()
    {
        var orders = new HashSet<string>();
        for (var attempt = 0; attempt < 20 && orders.Count < 2; attempt++)
        {
            var batch = Batch(6);
            string[] ballots = ["100", "200", "300", "400", "010", "020"];
            Key(batch, EntrySide.First, ClerkA, ballots);
            Key(batch, EntrySide.Second, ClerkB, ballots);
            orders.Add(string.Join(",", batch.Count(Evaluating, Reporters, Rules).Select(b => b.Grades[Reporters[0]] ?? b.Grades[Reporters[1]])));
        }

        Assert.True(orders.Count > 1, "Twenty counts of the same batch all kept one order.");
    }

    [Fact]
    public void Differences_are_listed_by_ballot_and_reporter_and_nothing_is_counted()
    {
        var batch = Batch();
        Key(batch, EntrySide.First, ClerkA, "123", "000", "210");
        Key(batch, EntrySide.Second, ClerkB, "123", "040", "201");

        Assert.Equal(
            [new PaperMismatch(2, 1, "0", "4"), new PaperMismatch(3, 1, "1", "0"), new PaperMismatch(3, 2, "0", "1")],
            batch.Compare());
        var error = Assert.Throws<DomainException>(() => batch.Count(Evaluating, Reporters, Rules));
        Assert.Equal("两遍录入不一致，不能计入。请对照纸质票修改有误的一遍后再比对。", error.Message);
        Assert.Equal(PaperBatchState.Entering, batch.State);
        Assert.Equal(6, batch.Entries.Count);
    }

    [Fact]
    public void Order_matters_so_a_swapped_pair_of_ballots_is_a_difference()
    {
        var batch = Batch(2);
        Key(batch, EntrySide.First, ClerkA, "111", "222");
        Key(batch, EntrySide.Second, ClerkB, "222", "111");

        Assert.Equal(6, batch.Compare().Count);
    }

    [Fact]
    public void A_clerk_reopens_their_side_corrects_it_and_the_batch_then_counts()
    {
        var batch = Batch();
        Key(batch, EntrySide.First, ClerkA, "123", "000", "210");
        Key(batch, EntrySide.Second, ClerkB, "123", "040", "210");

        Assert.Throws<DomainException>(() => batch.Reopen(Evaluating, EntrySide.Second, ClerkA));
        batch.Reopen(Evaluating, EntrySide.Second, ClerkB);
        batch.Correct(Evaluating, EntrySide.Second, ClerkB, 2, Marks("000"));
        batch.Complete(Evaluating, EntrySide.Second, ClerkB);

        Assert.Empty(batch.Compare());
        Assert.Equal(3, batch.Count(Evaluating, Reporters, Rules).Count);
    }

    [Fact]
    public void The_same_clerk_cannot_key_in_both_sides()
    {
        var batch = Batch();
        Key(batch, EntrySide.First, ClerkA, "123", "000", "210");

        Assert.Equal("您已录入本批次的第一遍，同一人不能录入两遍，请由另一位工作人员录入第二遍。", batch.RefusalFor(EntrySide.Second, ClerkA));
        var error = Assert.Throws<DomainException>(() => batch.Enter(Evaluating, EntrySide.Second, ClerkA, Marks("123")));
        Assert.Equal(batch.RefusalFor(EntrySide.Second, ClerkA), error.Message);
        Assert.Null(batch.SecondClerkId);
        Assert.Null(batch.RefusalFor(EntrySide.Second, ClerkB));
    }

    [Fact]
    public void A_side_belongs_to_the_clerk_who_keyed_its_first_ballot()
    {
        var batch = Batch();
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("123"));

        Assert.Equal(ClerkA, batch.FirstClerkId);
        Assert.Equal("本批次的第一遍已由另一位工作人员录入。", batch.RefusalFor(EntrySide.First, ClerkB));
        Assert.Throws<DomainException>(() => batch.Correct(Evaluating, EntrySide.First, ClerkB, 1, Marks("000")));
    }

    [Fact]
    public void A_side_completes_only_with_exactly_the_declared_number_of_ballots()
    {
        var batch = Batch(2);
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("123"));

        var early = Assert.Throws<DomainException>(() => batch.Complete(Evaluating, EntrySide.First, ClerkA));
        Assert.Equal("本批次共2张，第一遍已录入1张，录满后才能完成。", early.Message);
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("321"));
        var extra = Assert.Throws<DomainException>(() => batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("111")));
        Assert.Equal("本批次共2张，第一遍已全部录入。请核对后点击“录入完成”。", extra.Message);
        batch.Complete(Evaluating, EntrySide.First, ClerkA);
        Assert.True(batch.FirstComplete);
    }

    [Fact]
    public void A_completed_side_is_read_only_until_reopened()
    {
        var batch = Batch(1);
        Key(batch, EntrySide.First, ClerkA, "123");

        var error = Assert.Throws<DomainException>(() => batch.Correct(Evaluating, EntrySide.First, ClerkA, 1, Marks("111")));
        Assert.Equal("第一遍已标记完成。如需修改，请先点击“继续修改”。", error.Message);
        Assert.Throws<DomainException>(() => batch.Remove(Evaluating, EntrySide.First, ClerkA, 1));
    }

    [Fact]
    public void Removing_a_ballot_moves_the_later_ones_up()
    {
        var batch = Batch();
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("111"));
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("111"));
        batch.Enter(Evaluating, EntrySide.First, ClerkA, Marks("222"));

        batch.Remove(Evaluating, EntrySide.First, ClerkA, 2);

        Assert.Equal([(1, "111"), (2, "222")], batch.EntriesOf(EntrySide.First).Select(e => (e.Position, e.Digits)));
    }

    [Fact]
    public void Counting_needs_both_sides_complete_and_happens_once()
    {
        var batch = Batch(1);
        Key(batch, EntrySide.First, ClerkA, "123");
        batch.Enter(Evaluating, EntrySide.Second, ClerkB, Marks("123"));

        Assert.Equal("两遍录入都完成后才能比对计入。", Assert.Throws<DomainException>(() => batch.Count(Evaluating, Reporters, Rules)).Message);
        batch.Complete(Evaluating, EntrySide.Second, ClerkB);
        batch.Count(Evaluating, Reporters, Rules);

        Assert.Equal("本批次已计入结果，不能再修改。", Assert.Throws<DomainException>(() => batch.Count(Evaluating, Reporters, Rules)).Message);
        Assert.Equal("本批次已计入结果，不能再录入。", batch.RefusalFor(EntrySide.First, ClerkA));
        Assert.Throws<DomainException>(() => batch.EnsureRemovable(Evaluating));
    }

    [Fact]
    public void Void_paper_ballots_are_counted_as_returned_ballots()
    {
        var batch = Batch(2);
        Key(batch, EntrySide.First, ClerkA, "000", "123");
        Key(batch, EntrySide.Second, ClerkB, "000", "123");

        var ballots = batch.Count(Evaluating, Reporters, Rules);

        var tally = Tally.Compute(new TallyInput(Rules, Reporters, ballots.Select(b => new TallyBallot(b.GroupKey, b.Grades)).ToList(), Issued: 2, Expected: 2));
        Assert.Equal((2, 1, 1), (tally.Returned, tally.Valid, tally.Void));
    }

    [Theory]
    [InlineData(MeetingStatus.InSession, "民主测评尚未开始，不能录入纸质票。")]
    [InlineData(MeetingStatus.ResultsPublished, "测评结果已公布，不能再录入纸质票。")]
    public void Paper_ballots_are_keyed_in_from_the_evaluation_until_results_are_published(MeetingStatus status, string message)
    {
        var batch = Batch(1);

        Assert.Equal(message, Assert.Throws<DomainException>(() => PaperBatch.Create(status, MeetingId, Group, 2, 10)).Message);
        Assert.Equal(message, Assert.Throws<DomainException>(() => batch.Enter(status, EntrySide.First, ClerkA, Marks("123"))).Message);
        Assert.True(PaperBatch.EntryOpen(MeetingStatus.Closed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PaperBatch.MaxBallots + 1)]
    public void A_batch_holds_one_to_a_thousand_ballots(int declared)
    {
        var error = Assert.Throws<DomainException>(() => PaperBatch.Create(Evaluating, MeetingId, Group, 1, declared));

        Assert.Equal("每批票数应在1到1000张之间。", error.Message);
    }
}
