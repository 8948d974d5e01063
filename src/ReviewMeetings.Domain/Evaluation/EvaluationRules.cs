using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// How one meeting's democratic evaluation (民主测评) is counted: the grade scale, rater groups, quorum,
/// validity quotas, composite parts and grade bands. Every instance has passed <see cref="Create"/>'s checks.
/// </summary>
public sealed class EvaluationRules
{
    public const decimal DefaultQuorum = 0.5m;

    private readonly Dictionary<string, int> _gradeIndex;

    private EvaluationRules(
        IReadOnlyList<GradeDefinition> grades,
        bool allowAbstain,
        IReadOnlyList<RaterGroupRule> groups,
        decimal quorum,
        IReadOnlyList<GradeQuota> quotas,
        IReadOnlyList<CompositePart> compositeParts,
        IReadOnlyList<GradeBand> bands,
        decimal? topBandMaxShare)
    {
        Grades = grades;
        AllowAbstain = allowAbstain;
        Groups = groups;
        Quorum = quorum;
        Quotas = quotas;
        CompositeParts = compositeParts;
        Bands = bands;
        TopBandMaxShare = topBandMaxShare;
        _gradeIndex = grades.Select((g, i) => (g.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
    }

    // Declared before Default, which needs it during static initialisation.
    public static IReadOnlyList<GradeBand> DefaultBands { get; } =
        [new("好", 90m), new("较好", 80m), new("一般", 60m), new("差", 0m)];

    public static EvaluationRules Default { get; } = Create();

    /// <summary>
    /// The rules of a meeting whose organizer saved none: <see cref="Default"/> with every attendance group as an
    /// unweighted rater group. <see cref="Meeting.StartEvaluation"/> freezes them, so voting always counts with fixed rules.
    /// </summary>
    public static EvaluationRules DefaultFor(IEnumerable<AttendanceGroup> attendance)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        return Create(groups: attendance.OrderBy(g => g.Order).Select(g => new RaterGroupRule(g.Id.ToString(), g.Name, 0m)).ToList());
    }

    /// <summary>The scale, best grade first.</summary>
    public IReadOnlyList<GradeDefinition> Grades { get; }

    /// <summary>When false, a ballot with any blank item is void.</summary>
    public bool AllowAbstain { get; }

    public IReadOnlyList<RaterGroupRule> Groups { get; }

    /// <summary>The share of expected voters that returned ballots must strictly exceed; 0.5 is "more than half".</summary>
    public decimal Quorum { get; }

    public IReadOnlyList<GradeQuota> Quotas { get; }

    public IReadOnlyList<CompositePart> CompositeParts { get; }

    /// <summary>Bands from the top down; the last one starts at 0.</summary>
    public IReadOnlyList<GradeBand> Bands { get; }

    /// <summary>The largest share of all reporters that may get the top band, e.g. 0.3; null for no cap.</summary>
    public decimal? TopBandMaxShare { get; }

    /// <summary>Group weighting applies when any group has a positive weight.</summary>
    public bool UsesGroupWeights => Groups.Any(g => g.Weight > 0);

    public static EvaluationRules Create(
        IReadOnlyList<GradeDefinition>? grades = null,
        bool allowAbstain = true,
        IReadOnlyList<RaterGroupRule>? groups = null,
        decimal quorum = DefaultQuorum,
        IReadOnlyList<GradeQuota>? quotas = null,
        IReadOnlyList<CompositePart>? compositeParts = null,
        IReadOnlyList<GradeBand>? bands = null,
        decimal? topBandMaxShare = null)
    {
        var checkedGrades = CheckGrades(grades ?? GradeScales.GoodToPoor);
        var checkedBands = CheckBands(bands ?? DefaultBands);
        if (quorum is < 0m or >= 1m)
        {
            throw new DomainException("测评人数比例下限应不小于0且小于1。", nameof(Quorum));
        }

        if (topBandMaxShare is <= 0m or > 1m)
        {
            throw new DomainException("最高等次的比例上限应大于0且不超过1。", nameof(TopBandMaxShare));
        }

        if (topBandMaxShare is not null && checkedBands.Count < 2)
        {
            throw new DomainException("限制最高等次比例时，至少需要两个等次档位。", nameof(TopBandMaxShare));
        }

        return new EvaluationRules(
            checkedGrades,
            allowAbstain,
            CheckGroups(groups ?? []),
            quorum,
            CheckQuotas(quotas ?? [], checkedGrades),
            CheckCompositeParts(compositeParts ?? [new(CompositePart.EvaluationKey, "民主测评", 100m)]),
            checkedBands,
            topBandMaxShare);
    }

    /// <summary>The position of the grade in the scale, or -1 when the key is not a grade.</summary>
    internal int IndexOfGrade(string key) => _gradeIndex.GetValueOrDefault(key, -1);

    private static List<GradeDefinition> CheckGrades(IReadOnlyList<GradeDefinition> grades)
    {
        var result = grades.Select(g => g with
        {
            Key = Required(g.Key, "请填写评价等次的代码。", nameof(Grades)),
            Name = Required(g.Name, "请填写评价等次的名称。", nameof(Grades)),
        }).ToList();
        CheckUnique(result.Select(g => g.Key), key => $"评价等次“{key}”重复。", nameof(Grades));
        var scored = result.TakeWhile(g => g.Points is not null).ToList();
        if (scored.Count < result.Count(g => g.Points is not null))
        {
            throw new DomainException("不计分的等次（如“不了解”）应排在计分等次之后。", nameof(Grades));
        }

        if (scored.Count < 2)
        {
            throw new DomainException("至少需要两个计分的评价等次。", nameof(Grades));
        }

        if (scored.Any(g => g.Points is < 0m or > 100m))
        {
            throw new DomainException("评价等次的分值应在0到100之间。", nameof(Grades));
        }

        if (scored.Zip(scored.Skip(1)).Any(p => p.First.Points <= p.Second.Points))
        {
            throw new DomainException("评价等次应按分值从高到低排列，且分值不能相同。", nameof(Grades));
        }

        return result;
    }

    private static List<RaterGroupRule> CheckGroups(IReadOnlyList<RaterGroupRule> groups)
    {
        var result = groups.Select(g => g with
        {
            Key = Required(g.Key, "请填写测评人类别的代码。", nameof(Groups)),
            Name = Required(g.Name, "请填写测评人类别的名称。", nameof(Groups)),
        }).ToList();
        CheckUnique(result.Select(g => g.Key), key => $"测评人类别“{key}”重复。", nameof(Groups));
        if (result.FirstOrDefault(g => g.Weight < 0m) is { } negative)
        {
            throw new DomainException($"测评人类别“{negative.Name}”的权重不能为负数。", nameof(Groups));
        }

        if (result.FirstOrDefault(g => g.MinDisclosure < 1) is { } unprotected)
        {
            throw new DomainException($"测评人类别“{unprotected.Name}”的最少公开人数应至少为1。", nameof(Groups));
        }

        return result;
    }

    private static List<GradeQuota> CheckQuotas(IReadOnlyList<GradeQuota> quotas, List<GradeDefinition> grades)
    {
        CheckUnique(quotas.Select(q => q.GradeKey), key => $"等次“{key}”的限额重复。", nameof(Quotas));
        foreach (var quota in quotas)
        {
            if (!grades.Any(g => g.Key == quota.GradeKey))
            {
                throw new DomainException($"限额中的等次“{quota.GradeKey}”不在评价等次中。", nameof(Quotas));
            }

            if (quota.MaxCount < 0)
            {
                throw new DomainException($"等次“{quota.GradeKey}”的限额不能为负数。", nameof(Quotas));
            }
        }

        return [.. quotas];
    }

    private static List<CompositePart> CheckCompositeParts(IReadOnlyList<CompositePart> parts)
    {
        var result = parts.Select(p => p with
        {
            Key = Required(p.Key, "请填写综合得分组成项的代码。", nameof(CompositeParts)),
            Name = Required(p.Name, "请填写综合得分组成项的名称。", nameof(CompositeParts)),
        }).ToList();
        CheckUnique(result.Select(p => p.Key), key => $"综合得分组成项“{key}”重复。", nameof(CompositeParts));
        if (!result.Any(p => p.Key == CompositePart.EvaluationKey))
        {
            throw new DomainException("综合得分必须包含民主测评一项。", nameof(CompositeParts));
        }

        if (result.Any(p => p.Weight <= 0m))
        {
            throw new DomainException("综合得分各组成项的权重应大于0。", nameof(CompositeParts));
        }

        var total = result.Sum(p => p.Weight);
        return total == 100m
            ? result
            : throw new DomainException($"综合得分各组成项的权重之和应为100，现为{total:0.##}。", nameof(CompositeParts));
    }

    private static List<GradeBand> CheckBands(IReadOnlyList<GradeBand> bands)
    {
        var result = bands.Select(b => b with { Name = Required(b.Name, "请填写等次档位的名称。", nameof(Bands)) }).ToList();
        if (result.Count == 0)
        {
            throw new DomainException("至少需要一个等次档位。", nameof(Bands));
        }

        CheckUnique(result.Select(b => b.Name), name => $"等次档位“{name}”重复。", nameof(Bands));
        if (result.Zip(result.Skip(1)).Any(p => p.First.MinScore <= p.Second.MinScore) || result[0].MinScore > 100m)
        {
            throw new DomainException("等次档位应按最低分从高到低排列，最低分不超过100且各不相同。", nameof(Bands));
        }

        return result[^1].MinScore == 0m
            ? result
            : throw new DomainException("最低一档的最低分应为0，使每个得分都有等次。", nameof(Bands));
    }

    private static string Required(string? value, string message, string field)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length == 0 ? throw new DomainException(message, field) : trimmed;
    }

    private static void CheckUnique(IEnumerable<string> keys, Func<string, string> message, string field)
    {
        var duplicate = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(message(duplicate.Key), field);
        }
    }
}
