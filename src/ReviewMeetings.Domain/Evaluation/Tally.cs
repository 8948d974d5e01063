using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>Counts one round of democratic evaluation ballots (计票) under the meeting's rules.</summary>
public static class Tally
{
    public static MeetingTally Compute(TallyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        var rules = input.Rules;
        var counts = new MarkCounts(input.Reporters, rules);
        var voidByReason = new Dictionary<BallotVoidReason, int>();
        var marks = new int[input.Reporters.Count];
        foreach (var ballot in input.Ballots)
        {
            counts.Read(ballot, marks);
            if (Judge(marks, rules) is { } reason)
            {
                voidByReason[reason] = voidByReason.GetValueOrDefault(reason) + 1;
            }
            else
            {
                counts.Add(ballot.GroupKey, marks);
            }
        }

        var returned = input.Ballots.Count;
        var valid = returned - voidByReason.Values.Sum();
        var roundVoid = returned > input.Issued;
        var pool = GroupDisclosure.Pool(rules.Groups, counts.ValidPerGroup);
        var reporters = roundVoid
            ? []
            : Standing.Assign(input.Reporters.Select((r, i) => ForReporter(r, i, counts, pool, input)).ToList(), rules);
        return new MeetingTally(
            input.Issued,
            returned,
            valid,
            returned - valid,
            voidByReason,
            QuorumMet: returned > rules.Quorum * input.Expected,
            roundVoid,
            reporters,
            BallotDigest.Compute(input.Ballots),
            pool);
    }

    /// <summary>Why the ballot is void, or null when it counts; also used to tell a clerk keying in a paper ballot.</summary>
    internal static BallotVoidReason? Judge(TallyBallot ballot, IReadOnlyList<Guid> reporters, EvaluationRules rules)
    {
        var marks = reporters.Select(r => ballot.GradeFor(r) is { } grade ? MarkCounts.IndexOf(grade, rules) : MarkCounts.Abstain).ToArray();
        return Judge(marks, rules);
    }

    // The marks are grade indexes, MarkCounts.Abstain or MarkCounts.UnknownGrade, one per reporter.
    private static BallotVoidReason? Judge(int[] marks, EvaluationRules rules)
    {
        if (Array.IndexOf(marks, MarkCounts.UnknownGrade) >= 0)
        {
            return BallotVoidReason.UnknownGrade;
        }

        var abstained = marks.Count(m => m == MarkCounts.Abstain);
        if (abstained == marks.Length)
        {
            return BallotVoidReason.AllBlank;
        }

        if (!rules.AllowAbstain && abstained > 0)
        {
            return BallotVoidReason.BlankNotAllowed;
        }

        foreach (var quota in rules.Quotas)
        {
            var grade = rules.IndexOfGrade(quota.GradeKey);
            if (marks.Count(m => m == grade) > quota.MaxCount)
            {
                return BallotVoidReason.QuotaExceeded;
            }
        }

        return null;
    }

    private static ReporterTally ForReporter(
        Guid reporter, int index, MarkCounts counts, HiddenGroupPool pool, TallyInput input)
    {
        var rules = input.Rules;
        var overall = counts.Overall(index);
        var groups = rules.Groups.Select((g, i) => (Rule: g, Votes: counts.InGroup(index, i))).ToList();
        var weightedScore = Votes.Score(overall.MeanPoints);
        var groupWeightedScore = rules.UsesGroupWeights ? GroupWeightedScore(groups, pool, counts.InGroups(index, pool.GroupKeys)) : null;
        var evaluationScore = rules.UsesGroupWeights ? groupWeightedScore : weightedScore;
        var (composite, missingParts) = Composite(reporter, evaluationScore, input);
        return new ReporterTally(
            reporter,
            overall.GradeCounts(rules),
            overall.Abstained,
            Votes.Rate(overall.Abstained, overall.Valid),
            Votes.Rate(overall.TopGrades(1), overall.Valid),
            Votes.Rate(overall.TopGrades(2), overall.Valid),
            weightedScore,
            groups.Select(g => pool.GroupKeys.Contains(g.Rule.Key) ? Hidden(g.Rule) : Shown(g.Rule, g.Votes, rules)).ToList(),
            groupWeightedScore,
            evaluationScore,
            composite,
            missingParts,
            Rank: null,
            Band: null);
    }

    // Hidden groups count as one pooled group (ADR 0012): a weight of their own would let the score be solved for
    // their mean. A group with no points (nobody voted, or all abstained) drops out and the remaining weights are
    // renormalised. Unrounded group means avoid double rounding.
    private static decimal? GroupWeightedScore(List<(RaterGroupRule Rule, Votes Votes)> groups, HiddenGroupPool pool, Votes pooled)
    {
        var scored = groups
            .Where(g => !pool.GroupKeys.Contains(g.Rule.Key))
            .Select(g => (g.Rule.Weight, g.Votes))
            .Append((pool.Weight, Votes: pooled))
            .Where(g => g.Votes.MeanPoints is not null)
            .ToList();
        var weight = scored.Sum(g => g.Weight);
        return weight == 0m ? null : Votes.Score(scored.Sum(g => g.Weight * g.Votes.MeanPoints!.Value) / weight);
    }

    // Uses the printed evaluation score, so the composite on the results sheet can be checked by hand.
    private static (decimal? Composite, List<string> MissingParts) Composite(
        Guid reporter, decimal? evaluationScore, TallyInput input)
    {
        var missing = new List<string>();
        var total = 0m;
        foreach (var part in input.Rules.CompositeParts)
        {
            var score = part.Key == CompositePart.EvaluationKey ? evaluationScore : OtherScore(reporter, part.Key, input);
            if (score is null)
            {
                missing.Add(part.Key);
            }
            else
            {
                total += part.Weight * score.Value / 100m;
            }
        }

        return (missing.Count == 0 ? Votes.Score(total) : null, missing);
    }

    private static decimal? OtherScore(Guid reporter, string partKey, TallyInput input) =>
        input.OtherScores is not null && input.OtherScores.TryGetValue((reporter, partKey), out var score) ? score : null;

    private static GroupTally Hidden(RaterGroupRule group) =>
        new(group.Key, group.Name, Hidden: true, Valid: null, Grades: null, Abstained: null, Score: null);

    private static GroupTally Shown(RaterGroupRule group, Votes votes, EvaluationRules rules) =>
        new(group.Key, group.Name, Hidden: false, votes.Valid, votes.GradeCounts(rules), votes.Abstained, Votes.Score(votes.MeanPoints));

    private static void CheckInput(TallyInput input)
    {
        ArgumentNullException.ThrowIfNull(input.Rules);
        ArgumentNullException.ThrowIfNull(input.Reporters);
        ArgumentNullException.ThrowIfNull(input.Ballots);
        if (input.Issued < 0)
        {
            throw new DomainException("发出票数不能为负数。", nameof(input.Issued));
        }

        if (input.Expected < 0)
        {
            throw new DomainException("应参加测评人数不能为负数。", nameof(input.Expected));
        }

        var reporters = input.Reporters.ToHashSet();
        if (reporters.Count != input.Reporters.Count)
        {
            throw new ArgumentException("A reporter is listed twice.", nameof(input));
        }

        var groups = input.Rules.Groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (groups.Count > 0 && input.Ballots.Any(b => !groups.Contains(b.GroupKey)))
        {
            throw new ArgumentException("A ballot belongs to a rater group that the rules do not have.", nameof(input));
        }

        var parts = input.Rules.CompositeParts.ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal);
        foreach (var ((_, partKey), score) in input.OtherScores ?? new Dictionary<(Guid, string), decimal>())
        {
            if (score is < 0m or > 100m)
            {
                var name = parts.GetValueOrDefault(partKey, partKey);
                throw new DomainException($"“{name}”的得分应在0到100之间。", nameof(input.OtherScores));
            }
        }
    }
}
