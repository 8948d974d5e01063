using System.Globalization;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

/// <summary>ADR 0012: hidden rater groups are scored as one pool, so no published figure tells their ballots apart.</summary>
public sealed class HiddenGroupPoolTests
{
    private static readonly string[] Scale = ["好", "较好", "一般", "差"];

    /// <summary>The meeting of issue 15: 区级领导 8, 部门负责人 20, 党代表、人大代表、政协委员 2, 基层党员群众代表 16.</summary>
    private static readonly EvaluationRules Issue15Rules = EvaluationRules.Create(groups:
    [
        new("leaders", "区级领导", 0.3m),
        new("heads", "部门负责人", 0.3m),
        new("deputies", "党代表、人大代表、政协委员", 0.2m),
        new("masses", "基层党员群众代表", 0.2m),
    ]);

    private static readonly (string Key, int Size)[] Issue15Sizes = [("leaders", 8), ("heads", 20), ("deputies", 2), ("masses", 16)];

    [Fact]
    public void Hidden_groups_count_as_one_group_with_the_sum_of_their_weights_spread_evenly_over_their_ballots()
    {
        // deputies (2) are under 3; leaders (8), the smallest visible group, are hidden with them. The pool holds 10
        // ballots weighing 0.3 + 0.2 = 0.5: (800 + 0) / 10 = 80 → 0.5 × 80 + 0.3 × 80 + 0.2 × 60 = 76.00.
        // With a weight of their own the two deputies' 差 would have cost 20 points: 30 + 24 + 0 + 12 = 66.00.
        var box = new BallotBox(reporters: 1)
            .Repeat(8, "leaders", "好")
            .Repeat(20, "heads", "较好")
            .Repeat(2, "deputies", "差")
            .Repeat(16, "masses", "一般");

        var tally = box.Count(Issue15Rules);

        var reporter = tally.Reporters[0];
        Assert.Equal(["leaders", "deputies"], tally.Pool.GroupKeys);
        Assert.Equal(0.5m, tally.Pool.Weight);
        Assert.Equal([true, false, true, false], reporter.Groups.Select(g => g.Hidden));
        Assert.Equal(76.00m, reporter.GroupWeightedScore);
        Assert.Equal(76.00m, reporter.EvaluationScore);
        Assert.Equal(73.04m, reporter.WeightedScore);
        Assert.Equal([66.00m], HiddenGroupAttack.ScoresWithOwnWeights(Issue15Rules, box.Reporters, box.Ballots));
    }

    [Fact]
    public void Moving_ballots_between_pooled_groups_changes_no_published_figure()
    {
        var (box, _) = Issue15Meeting(seed: 15);
        var before = Published(box.Count(Issue15Rules));

        // Every leaders ballot traded for each deputies ballot: the tally must not be able to tell.
        var ballots = box.Ballots.ToList();
        var leaders = Enumerable.Range(0, ballots.Count).Where(i => ballots[i].GroupKey == "leaders").ToList();
        var deputies = Enumerable.Range(0, ballots.Count).Where(i => ballots[i].GroupKey == "deputies").ToList();
        foreach (var (l, d) in leaders.SelectMany(l => deputies.Select(d => (l, d))))
        {
            var swapped = ballots.ToList();
            swapped[l] = ballots[l] with { GroupKey = "deputies" };
            swapped[d] = ballots[d] with { GroupKey = "leaders" };
            Assert.Equal(before, Published(Tally.Compute(new TallyInput(Issue15Rules, box.Reporters, swapped, swapped.Count, swapped.Count))));
        }
    }

    [Fact]
    public void No_choice_of_two_undisclosed_ballots_is_singled_out_by_the_published_scores()
    {
        var (box, deputies) = Issue15Meeting(seed: 15);
        var tally = box.Count(Issue15Rules);

        var attack = Attack(box, tally.Reporters.Select(r => r.EvaluationScore).ToList(), b => Scores(box, b));

        Assert.Equal(45, attack.AllChoices.Count);
        Assert.Equal(45, attack.ConsistentChoices().Count);
        Assert.Empty(attack.SolvedMeans(box.Reporters, Issue15Rules));
        Assert.Equal(2, deputies.Count);
    }

    [Fact]
    public void The_same_attack_identifies_both_deputies_ballots_when_each_hidden_group_keeps_its_own_weight()
    {
        // The attack is not toothless: against the scores of the old rule it finds the two ballots and the mean.
        var (box, deputies) = Issue15Meeting(seed: 15);
        var oldScores = HiddenGroupAttack.ScoresWithOwnWeights(Issue15Rules, box.Reporters, box.Ballots);

        var attack = Attack(box, oldScores, b => HiddenGroupAttack.ScoresWithOwnWeights(Issue15Rules, box.Reporters, b));

        var found = Assert.Single(attack.ConsistentChoices());
        Assert.Equal(deputies, found.Select(i => Undisclosed(box)[i]));
        var solved = attack.SolvedMeans(box.Reporters, Issue15Rules);
        Assert.Equal(
            Enumerable.Range(0, 10).Select(r => (r, TrueMean(box, deputies, r))),
            solved.Select(s => (s.Reporter, Assert.Single(s.Means))));
    }

    [Fact]
    public void A_hidden_group_without_weight_is_pooled_too_so_it_cannot_be_told_apart_by_subtraction()
    {
        // observers (2, weight 0) are hidden with leaders (4, weight 1). Left out of the pool, the score would give the
        // leaders' mean away, and the overall counts minus the masses would then give the observers' marks.
        // Pool: 4 × 好 + 2 × 差 → 400 / 6 = 66.67 at weight 1; masses 一般 ×5 → 60 at weight 1: 63.33.
        var rules = EvaluationRules.Create(groups:
        [
            new("leaders", "区级领导", 1m),
            new("observers", "列席人员", 0m),
            new("masses", "群众代表", 1m),
        ]);
        var tally = new BallotBox(reporters: 1)
            .Repeat(4, "leaders", "好")
            .Repeat(2, "observers", "差")
            .Repeat(5, "masses", "一般")
            .Count(rules);

        Assert.Equal(["leaders", "observers"], tally.Pool.GroupKeys);
        Assert.Equal(1m, tally.Pool.Weight);
        Assert.Equal(63.33m, tally.Reporters[0].GroupWeightedScore);
    }

    [Fact]
    public void A_hidden_group_that_handed_in_no_ballots_adds_no_weight_to_the_pool()
    {
        // deputies (0 ballots) are hidden but hide nothing else and weigh nothing: leaders 100 × 0.3, masses 60 × 0.2.
        var tally = new BallotBox(reporters: 1)
            .Repeat(8, "leaders", "好")
            .Repeat(20, "heads", "好")
            .Repeat(16, "masses", "一般")
            .Count(Issue15Rules);

        Assert.Equal(["deputies"], tally.Pool.GroupKeys);
        Assert.Equal(0m, tally.Pool.Weight);
        Assert.Equal(Math.Round(((0.3m * 100) + (0.3m * 100) + (0.2m * 60)) / 0.8m, 2), tally.Reporters[0].GroupWeightedScore);
    }

    [Fact]
    public void When_every_group_is_hidden_the_score_is_the_plain_mean_that_the_overall_counts_publish_anyway()
    {
        var tally = new BallotBox(reporters: 1)
            .Repeat(2, "leaders", "好")
            .CastIn("heads", "差")
            .Count(EvaluationRules.Create(groups: [new("leaders", "区级领导", 0.9m), new("heads", "部门负责人", 0.1m)]));

        var reporter = tally.Reporters[0];
        Assert.Equal([true, true], reporter.Groups.Select(g => g.Hidden));
        Assert.Equal((66.67m, 66.67m), (reporter.WeightedScore!.Value, reporter.EvaluationScore!.Value));
    }

    [Fact]
    public void A_pool_whose_ballots_all_abstained_on_a_reporter_drops_out_like_any_group_without_points()
    {
        // The pool drops out only when every pooled ballot abstained: which pooled group abstained stays unknown.
        var tally = new BallotBox(reporters: 2)
            .Repeat(2, "leaders", null, "好")
            .CastIn("deputies", null, "好")
            .Repeat(5, "masses", "一般", "好")
            .Count(EvaluationRules.Create(groups: [new("leaders", "区级领导", 0.5m), new("deputies", "党代表", 0.2m), new("masses", "群众代表", 0.3m)]));

        Assert.Equal(60.00m, tally.Reporters[0].GroupWeightedScore);
    }

    [Fact]
    public void The_expected_pool_names_the_groups_whose_weight_would_be_pooled()
    {
        var groups = Issue15Rules.Groups;

        Assert.Equal(["leaders", "deputies"], GroupDisclosure.ExpectedPool(groups, [8, 20, 2, 16]).Select(g => g.Key));
        Assert.Empty(GroupDisclosure.ExpectedPool(groups, [8, 20, 3, 16]));
        Assert.Empty(GroupDisclosure.ExpectedPool(groups, [0, 0, 0, 0]));
        Assert.Empty(GroupDisclosure.ExpectedPool(
            [.. groups.Take(2), groups[2] with { Weight = 0m }, groups[3]], [8, 20, 0, 16]));
    }

    /// <summary>
    /// The issue 15 meeting with 10 reporters and marks drawn from a seeded generator (mostly 好 and 较好, a few
    /// abstentions); returns the ballots and the two deputies' ballots.
    /// </summary>
    internal static (BallotBox Box, List<TallyBallot> Deputies) Issue15Meeting(int seed)
    {
        var random = new Random(seed);
        var box = new BallotBox(reporters: 10);
        foreach (var (key, size) in Issue15Sizes)
        {
            for (var i = 0; i < size; i++)
            {
                box.CastIn(key, Enumerable.Range(0, 10).Select(r => r == 0 ? Scale[random.Next(2)] : Mark(random)).ToArray());
            }
        }

        return (box, box.Ballots.Where(b => b.GroupKey == "deputies").ToList());
    }

    private static string? Mark(Random random) => random.Next(20) switch
    {
        < 9 => "好",
        < 15 => "较好",
        < 18 => "一般",
        18 => "差",
        _ => null,
    };

    private static List<TallyBallot> Undisclosed(BallotBox box) =>
        box.Ballots.Where(b => b.GroupKey is "leaders" or "deputies").ToList();

    /// <summary>The attacker's view: the raw-ballot sheet names heads and masses, and labels the rest 不公开.</summary>
    private static HiddenGroupAttack Attack(
        BallotBox box, IReadOnlyList<decimal?> published, Func<IReadOnlyList<TallyBallot>, IReadOnlyList<decimal?>> score) =>
        new(
            Undisclosed(box).Select(b => b with { GroupKey = "不公开" }).ToList(),
            box.Ballots.Where(b => b.GroupKey is "heads" or "masses").ToList(),
            "deputies",
            2,
            "leaders",
            published,
            score);

    private static List<decimal?> Scores(BallotBox box, IReadOnlyList<TallyBallot> ballots) =>
        Tally.Compute(new TallyInput(Issue15Rules, box.Reporters, ballots, ballots.Count, ballots.Count)).Reporters.Select(r => r.EvaluationScore).ToList();

    private static decimal? TrueMean(BallotBox box, List<TallyBallot> deputies, int reporter)
    {
        var points = deputies.Select(b => b.GradeFor(box.Reporters[reporter])).OfType<string>()
            .Select(g => Issue15Rules.Grades.Single(d => d.Key == g).Points!.Value).ToList();
        return points.Count == 0 ? null : points.Average();
    }

    /// <summary>Every figure the tally publishes, as text.</summary>
    private static string Published(MeetingTally tally) => string.Join('\n', tally.Reporters.Select(r => string.Join(';',
    [
        string.Join(',', r.Grades.Select(g => $"{g.Count}/{g.Rate}")),
        r.Abstained.ToString(CultureInfo.InvariantCulture),
        $"{r.AbstainedRate}|{r.TopGradeRate}|{r.TopTwoGradesRate}|{r.WeightedScore}|{r.GroupWeightedScore}|{r.EvaluationScore}|{r.Composite}|{r.Rank}|{r.Band}",
        string.Join(',', r.Groups.Select(g => $"{g.Key}:{g.Hidden}:{g.Valid}:{g.Abstained}:{g.Score}:{string.Join('/', g.Grades?.Select(x => x.Count) ?? [])}")),
    ])));
}
