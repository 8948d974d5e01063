using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class ScoreSheetTests
{
    private const string Daily = "daily";
    private static readonly IReadOnlyList<Guid> Reporters = new BallotBox(2).Reporters;
    private static readonly EvaluationRules Rules = EvaluationRules.Create(compositeParts:
    [
        new CompositePart(CompositePart.EvaluationKey, "民主测评", 60),
        new CompositePart(Daily, "日常考核", 40),
    ]);

    [Theory]
    [InlineData("92.5", 92.5)]
    [InlineData(" 100 ", 100)]
    [InlineData("0", 0)]
    [InlineData("８８．２５", 88.25)]
    [InlineData("90.500", 90.5)]
    public void Scores_are_read_with_decimals(string text, decimal expected)
    {
        Assert.Equal(expected, ScoreSheet.Parse(text, "field"));
    }

    [Fact]
    public void A_blank_score_is_not_entered_yet()
    {
        Assert.Null(ScoreSheet.Parse("  ", "field"));
    }

    [Theory]
    [InlineData("abc", "请输入0到100之间的数字，如 92.5。")]
    [InlineData("-1", "请输入0到100之间的数字，如 92.5。")]
    [InlineData("100.01", "得分应在0到100之间。")]
    [InlineData("90.125", "得分最多保留2位小数。")]
    public void Wrong_scores_are_explained_next_to_their_field(string text, string message)
    {
        var error = Assert.Throws<DomainException>(() => ScoreSheet.Parse(text, "Scores[x]"));

        Assert.Equal((message, "Scores[x]"), (error.Message, error.Field));
    }

    [Fact]
    public void Recording_sets_changes_and_clears_scores_and_feeds_the_composite()
    {
        var sheet = ScoreSheet.Create(Guid.NewGuid());
        sheet.Record(MeetingStatus.Closed, new Dictionary<(Guid, string), decimal?> { [(Reporters[0], Daily)] = 90m, [(Reporters[1], Daily)] = 70m }, Reporters, Rules);

        sheet.Record(MeetingStatus.Closed, new Dictionary<(Guid, string), decimal?> { [(Reporters[0], Daily)] = 95m, [(Reporters[1], Daily)] = null }, Reporters, Rules);

        var scores = sheet.ForTally(Rules);
        Assert.Equal(95m, Assert.Single(scores).Value);
        var tally = new BallotBox(2).Cast("好", "较好");
        var result = Tally.Compute(new TallyInput(Rules, tally.Reporters, tally.Ballots, 1, 1, scores));
        Assert.Equal(98.00m, result.Reporters[0].Composite);
        Assert.Null(result.Reporters[1].Composite);
        Assert.Equal([Daily], result.Reporters[1].MissingParts);
    }

    [Fact]
    public void Only_the_meetings_reporters_and_non_evaluation_parts_take_scores()
    {
        var sheet = ScoreSheet.Create(Guid.NewGuid());

        Assert.Throws<DomainException>(() => sheet.Record(MeetingStatus.Closed, new Dictionary<(Guid, string), decimal?> { [(Guid.NewGuid(), Daily)] = 90m }, Reporters, Rules));
        Assert.Throws<DomainException>(() => sheet.Record(MeetingStatus.Closed, new Dictionary<(Guid, string), decimal?> { [(Reporters[0], CompositePart.EvaluationKey)] = 90m }, Reporters, Rules));
        Assert.Empty(sheet.Scores);
    }

    [Fact]
    public void A_refused_save_changes_nothing()
    {
        var sheet = ScoreSheet.Create(Guid.NewGuid());
        sheet.Record(MeetingStatus.Closed, new Dictionary<(Guid, string), decimal?> { [(Reporters[0], Daily)] = 90m }, Reporters, Rules);

        Assert.Throws<DomainException>(() => sheet.Record(MeetingStatus.Closed,
            new Dictionary<(Guid, string), decimal?> { [(Reporters[0], Daily)] = 10m, [(Reporters[1], Daily)] = 101m }, Reporters, Rules));

        Assert.Equal(90m, Assert.Single(sheet.Scores).Score);
    }

    [Fact]
    public void Scores_are_frozen_once_results_are_published()
    {
        var sheet = ScoreSheet.Create(Guid.NewGuid());

        var error = Assert.Throws<DomainException>(() => sheet.Record(MeetingStatus.ResultsPublished, new Dictionary<(Guid, string), decimal?>(), Reporters, Rules));

        Assert.Equal("测评结果已公布，不能再修改得分。", error.Message);
    }
}
