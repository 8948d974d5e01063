namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// One returned ballot (测评票): the rater group it was issued to and the grade key given to each reporter.
/// A reporter missing from <see cref="Grades"/>, or with a null or blank grade, is an abstention (弃权).
/// </summary>
public sealed record TallyBallot(string GroupKey, IReadOnlyDictionary<Guid, string?> Grades)
{
    /// <summary>The grade given to the reporter, or null for an abstention.</summary>
    public string? GradeFor(Guid reporterId) =>
        Grades.TryGetValue(reporterId, out var grade) && !string.IsNullOrWhiteSpace(grade) ? grade : null;
}

/// <summary>
/// Everything one round of counting needs. Every returned ballot is in <see cref="Ballots"/>, void ones too,
/// so the number returned (收回) is <c>Ballots.Count</c>. <see cref="OtherScores"/> holds the composite parts
/// staff enter, e.g. 日常考核, by reporter and part key, on a 0–100 scale.
/// </summary>
public sealed record TallyInput(
    EvaluationRules Rules,
    IReadOnlyList<Guid> Reporters,
    IReadOnlyList<TallyBallot> Ballots,
    int Issued,
    int Expected,
    IReadOnlyDictionary<(Guid Reporter, string PartKey), decimal>? OtherScores = null);
