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

    public static Votes Count(IEnumerable<string?> marks, EvaluationRules rules)
    {
        var counts = new int[rules.Grades.Count];
        var abstained = 0;
        var points = 0m;
        var scored = 0;
        foreach (var mark in marks)
        {
            if (mark is null)
            {
                abstained++;
                continue;
            }

            var grade = rules.IndexOfGrade(mark);
            counts[grade]++;
            if (rules.Grades[grade].Points is { } gradePoints)
            {
                points += gradePoints;
                scored++;
            }
        }

        return new Votes(counts, abstained, scored == 0 ? null : points / scored);
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
