namespace ReviewMeetings.Domain.Evaluation;

/// <summary>The marks given to one reporter on a set of valid ballots, counted by grade.</summary>
internal sealed class Votes
{
    private readonly int[] _counts;

    private Votes(int[] counts, int abstained, decimal? meanPoints)
    {
        _counts = counts;
        Abstained = abstained;
        MeanPoints = meanPoints;
    }

    public int Abstained { get; }

    public int Valid => _counts.Sum() + Abstained;

    /// <summary>The unrounded mean points over the marks that carry points; null when there are none.</summary>
    public decimal? MeanPoints { get; }

    public int TopGrades(int howMany) => _counts.Take(howMany).Sum();

    /// <summary>Votes from counted slots: slot 0 holds the abstentions, slot 1 + i the marks of grade i.</summary>
    public static Votes FromSlots(int[] slots, EvaluationRules rules)
    {
        var counts = slots[1..];
        var points = 0m;
        var scored = 0;
        for (var grade = 0; grade < counts.Length; grade++)
        {
            if (rules.Grades[grade].Points is { } gradePoints && counts[grade] > 0)
            {
                points += gradePoints * counts[grade];
                scored += counts[grade];
            }
        }

        return new Votes(counts, slots[0], scored == 0 ? null : points / scored);
    }

    public IReadOnlyList<GradeCount> GradeCounts(EvaluationRules rules) =>
        rules.Grades.Select((g, i) => new GradeCount(g.Key, g.Name, _counts[i], Rate(_counts[i], Valid))).ToList();

    /// <summary>A percentage of valid ballots with one decimal, rounded half up; null when there are no valid ballots.</summary>
    public static decimal? Rate(int count, int valid) =>
        valid == 0 ? null : Math.Round(count * 100m / valid, 1, MidpointRounding.AwayFromZero);

    /// <summary>A score with two decimals, rounded half up.</summary>
    public static decimal? Score(decimal? value) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
