namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// One grade of the ballot scale (评价等次), best first. A grade without points (e.g. 不了解) is counted and shown,
/// but like an abstention it does not enter the weighted score.
/// </summary>
public sealed record GradeDefinition(string Key, string Name, decimal? Points);

/// <summary>A rater group (测评人类别). Its breakdown is hidden when it has fewer valid ballots than <see cref="MinDisclosure"/>.</summary>
public sealed record RaterGroupRule(string Key, string Name, decimal Weight, int MinDisclosure = RaterGroupRule.DefaultMinDisclosure)
{
    public const int DefaultMinDisclosure = 3;
}

/// <summary>A validity quota: a ballot giving more than <see cref="MaxCount"/> reporters this grade is void.</summary>
public sealed record GradeQuota(string GradeKey, int MaxCount);

/// <summary>A part of the composite score (综合得分), weighted out of 100; the part keyed "evaluation" is this tally.</summary>
public sealed record CompositePart(string Key, string Name, decimal Weight)
{
    public const string EvaluationKey = "evaluation";
}

/// <summary>A grade band (综合评价等次) reached by a composite score of at least <see cref="MinScore"/>.</summary>
public sealed record GradeBand(string Name, decimal MinScore);

/// <summary>The grade scales in use. "基本" grades get the pass mark of 60, like 一般.</summary>
public static class GradeScales
{
    public static IReadOnlyList<GradeDefinition> GoodToPoor { get; } =
    [
        new("好", "好", 100m),
        new("较好", "较好", 80m),
        new("一般", "一般", 60m),
        new("差", "差", 0m),
    ];

    public static IReadOnlyList<GradeDefinition> Competence { get; } =
    [
        new("优秀", "优秀", 100m),
        new("称职", "称职", 80m),
        new("基本称职", "基本称职", 60m),
        new("不称职", "不称职", 0m),
    ];

    public static IReadOnlyList<GradeDefinition> Satisfaction { get; } =
    [
        new("满意", "满意", 100m),
        new("基本满意", "基本满意", 60m),
        new("不满意", "不满意", 0m),
    ];

    /// <summary>
    /// 满意度 with 不了解: a ticked 不了解 is a counted answer (the ballot is not blank) that carries no points.
    /// </summary>
    public static IReadOnlyList<GradeDefinition> SatisfactionWithUnknown { get; } =
    [
        .. Satisfaction,
        new("不了解", "不了解", null),
    ];

    /// <summary>
    /// Grade bands named after the scale's scored grades, best first. A grade worth 100, 80 or 60 points starts its band
    /// at <paramref name="top"/>, <paramref name="second"/> or <paramref name="pass"/>; the lowest band starts at 0, so a
    /// scale without an 80-point grade (满意度) has no band for <paramref name="second"/>.
    /// </summary>
    public static IReadOnlyList<GradeBand> Bands(IReadOnlyList<GradeDefinition> scale, decimal top, decimal second, decimal pass)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var scored = scale.Where(g => g.Points is not null).ToList();
        return scored.Select((g, i) => new GradeBand(g.Name, i == scored.Count - 1 ? 0m : g.Points switch
        {
            100m => top,
            80m => second,
            60m => pass,
            _ => throw new ArgumentException($"No band minimum for a grade worth {g.Points} points.", nameof(scale)),
        })).ToList();
    }
}
