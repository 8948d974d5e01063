namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// One returned ballot (测评票). It records the rater group and the marks, and deliberately nothing else:
/// no code, no user, no address, no time and no sequence. Its key is random, so not even insertion order can be read from it.
/// </summary>
public sealed class Ballot
{
    private Ballot()
    {
        GroupKey = null!;
        Grades = null!;
    }

    private Ballot(Guid meetingId, string groupKey, Dictionary<Guid, string?> grades)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        GroupKey = groupKey;
        Grades = grades;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string GroupKey { get; private set; }

    /// <summary>Grade key per reporter; null or missing is an abstention.</summary>
    public Dictionary<Guid, string?> Grades { get; private set; }

    /// <summary>
    /// A ballot cast with a code: checks the marks against the meeting's reporters and scale. A ballot with nothing
    /// chosen is accepted as a blank ballot (<see cref="IsBlank"/>), which the tally counts as void.
    /// </summary>
    public static Ballot Cast(Guid meetingId, string groupKey, IReadOnlyDictionary<Guid, string?> grades, IReadOnlyCollection<Guid> reporters, EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(reporters);
        ArgumentNullException.ThrowIfNull(rules);
        if (grades.Keys.Any(id => !reporters.Contains(id)))
        {
            throw new Common.DomainException("测评票内容与本次会议不符，请刷新后重新填写。");
        }

        var keys = rules.Grades.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (grades.Values.Any(g => g is not null && !keys.Contains(g)))
        {
            throw new Common.DomainException("评价等次无效，请重新选择。");
        }

        // A blank ballot is handed in as on paper: it counts as returned and void (废票). The ballot page asks first.
        if (grades.Values.All(g => g is null))
        {
            return new Ballot(meetingId, groupKey, reporters.ToDictionary(id => id, _ => (string?)null));
        }

        if (!rules.AllowAbstain && reporters.Any(id => grades.GetValueOrDefault(id) is null))
        {
            throw new Common.DomainException("本次测评不允许弃权，请对每位述职对象作出评价。");
        }

        foreach (var quota in rules.Quotas)
        {
            var given = grades.Values.Count(g => g == quota.GradeKey);
            if (given > quota.MaxCount)
            {
                var name = rules.Grades.First(g => g.Key == quota.GradeKey).Name;
                throw new Common.DomainException($"评为“{name}”的不能超过{quota.MaxCount}人，您选了{given}人，请调整。");
            }
        }

        return new Ballot(meetingId, groupKey, reporters.ToDictionary(id => id, id => grades.GetValueOrDefault(id)));
    }

    /// <summary>
    /// A paper ballot from a counted batch. Unlike a phone ballot it may be void (blank, over a quota): it was
    /// returned all the same, and the tally counts it as a void ballot (废票).
    /// </summary>
    public bool IsBlank => Grades.Values.All(g => g is null);

    internal static Ballot FromPaper(Guid meetingId, string groupKey, PaperMarks marks) =>
        new(meetingId, groupKey, new Dictionary<Guid, string?>(marks.Grades));
}
