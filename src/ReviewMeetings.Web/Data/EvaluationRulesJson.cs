using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Web.Data;

/// <summary>
/// Stores a meeting's evaluation rules as one JSON document, so the rules are kept with (and versioned like) the meeting.
/// Reading goes back through <see cref="EvaluationRules.Create"/>, so stored rules are checked like entered ones.
/// </summary>
internal static class EvaluationRulesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueComparer<EvaluationRules?> Comparer = new(
        (a, b) => Write(a) == Write(b),
        rules => Write(rules).GetHashCode(StringComparison.Ordinal),
        rules => rules);

    public static string Write(EvaluationRules? rules) => rules is null
        ? ""
        : JsonSerializer.Serialize(
            new Document(rules.Grades, rules.AllowAbstain, rules.Groups, rules.Quorum, rules.Quotas, rules.CompositeParts, rules.Bands, rules.TopBandMaxShare),
            Options);

    public static EvaluationRules Read(string json)
    {
        var document = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new InvalidOperationException("Empty evaluation rules.");
        return EvaluationRules.Create(
            document.Grades, document.AllowAbstain, document.Groups, document.Quorum, document.Quotas,
            document.CompositeParts, document.Bands, document.TopBandMaxShare);
    }

    private sealed record Document(
        IReadOnlyList<GradeDefinition> Grades,
        bool AllowAbstain,
        IReadOnlyList<RaterGroupRule> Groups,
        decimal Quorum,
        IReadOnlyList<GradeQuota> Quotas,
        IReadOnlyList<CompositePart> CompositeParts,
        IReadOnlyList<GradeBand> Bands,
        decimal? TopBandMaxShare);
}
