using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

/// <summary>
/// The attack on a hidden rater group (ADR 0012), from what is published: the raw-ballot sheet (each ballot's marks,
/// labelled with its group or 不公开), the evaluation score of each reporter, the group sizes (codes page, minutes'
/// attendance table) and the weighting rule. The target group and one other hidden group share the 不公开 ballots.
/// Also linked into the page tests, which feed it what the pages and the export publish.
/// </summary>
internal sealed class HiddenGroupAttack(
    IReadOnlyList<TallyBallot> undisclosed,
    IReadOnlyList<TallyBallot> disclosed,
    string targetGroup,
    int targetSize,
    string otherHiddenGroup,
    IReadOnlyList<decimal?> published,
    Func<IReadOnlyList<TallyBallot>, IReadOnlyList<decimal?>> score)
{
    /// <summary>Every way to choose the target group's ballots among the 不公开 ones, as indexes into them.</summary>
    public IReadOnlyList<int[]> AllChoices { get; } = Choose(undisclosed.Count, targetSize).ToList();

    /// <summary>
    /// The choices of the target group's ballots that reproduce every published score. All of them means the attack
    /// learned nothing; exactly one means the target group's ballots are singled out.
    /// </summary>
    public IReadOnlyList<int[]> ConsistentChoices() =>
        AllChoices.Where(choice => score(Labelled(choice)).SequenceEqual(published)).ToList();

    /// <summary>
    /// Per reporter, solves the score's equation for the target group's mean: tries every mix of the 不公开 marks the
    /// target group could have given that reporter and keeps the means that reproduce the published score. Returns the
    /// reporters for whom that narrows the possible means (null: no points) down, and to what.
    /// </summary>
    public IReadOnlyList<(int Reporter, IReadOnlySet<decimal?> Means)> SolvedMeans(IReadOnlyList<Guid> reporters, EvaluationRules rules)
    {
        var solved = new List<(int, IReadOnlySet<decimal?>)>();
        for (var r = 0; r < reporters.Count; r++)
        {
            var reporter = reporters[r];
            var mixes = AllChoices
                .GroupBy(choice => string.Join('|', choice.Select(i => undisclosed[i].GradeFor(reporter)).Order()))
                .Select(mix => mix.First())
                .ToList();
            decimal? Mean(int[] choice) => MeanPoints(choice.Select(i => undisclosed[i].GradeFor(reporter)), rules);
            var possible = mixes.Select(Mean).ToHashSet();
            var consistent = mixes.Where(choice => score(Labelled(choice))[r] == published[r]).Select(Mean).ToHashSet();
            if (!consistent.SetEquals(possible))
            {
                solved.Add((r, consistent));
            }
        }

        return solved;
    }

    /// <summary>The evaluation scores as the app counted them before ADR 0012: each hidden group kept its own weight.</summary>
    public static IReadOnlyList<decimal?> ScoresWithOwnWeights(EvaluationRules rules, IReadOnlyList<Guid> reporters, IReadOnlyList<TallyBallot> ballots) =>
        reporters.Select(reporter =>
        {
            var scored = rules.Groups
                .Select(g => (g.Weight, Mean: MeanPoints(ballots.Where(b => b.GroupKey == g.Key).Select(b => b.GradeFor(reporter)), rules)))
                .Where(g => g.Mean is not null)
                .ToList();
            var weight = scored.Sum(g => g.Weight);
            return weight == 0m ? null : (decimal?)Math.Round(scored.Sum(g => g.Weight * g.Mean!.Value) / weight, 2, MidpointRounding.AwayFromZero);
        }).ToList();

    private static decimal? MeanPoints(IEnumerable<string?> grades, EvaluationRules rules)
    {
        var points = grades.Select(g => rules.Grades.SingleOrDefault(d => d.Key == g)?.Points).OfType<decimal>().ToList();
        return points.Count == 0 ? null : points.Average();
    }

    private List<TallyBallot> Labelled(int[] choice) =>
    [
        .. disclosed,
        .. undisclosed.Select((b, i) => b with { GroupKey = choice.Contains(i) ? targetGroup : otherHiddenGroup }),
    ];

    private static IEnumerable<int[]> Choose(int n, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var first = k - 1; first < n; first++)
        {
            foreach (var rest in Choose(first, k - 1))
            {
                yield return [.. rest, first];
            }
        }
    }
}
