namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// The valid marks of one round counted in a single pass over the ballots: for each rater group, reporter and grade,
/// how many ballots gave that grade, plus abstentions. Ballots without rater groups in the rules count in one bucket.
/// </summary>
internal sealed class MarkCounts
{
    public const int Abstain = -1;
    public const int UnknownGrade = -2;

    private readonly EvaluationRules _rules;
    private readonly Dictionary<Guid, int> _reporters;
    private readonly Dictionary<string, int> _groups;

    // [bucket][reporter * slots + slot], slot 0 = abstained, slot 1 + i = grade i.
    private readonly int[][] _counts;
    private readonly int[] _validPerBucket;
    private readonly int _slots;

    public MarkCounts(IReadOnlyList<Guid> reporters, EvaluationRules rules)
    {
        _rules = rules;
        _reporters = reporters.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        _groups = rules.Groups.Select((g, i) => (g.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        _slots = rules.Grades.Count + 1;
        var buckets = Math.Max(1, rules.Groups.Count);
        _counts = Enumerable.Range(0, buckets).Select(_ => new int[reporters.Count * _slots]).ToArray();
        _validPerBucket = new int[buckets];
    }

    /// <summary>The number of valid ballots in each of the rules' rater groups, in the rules' order.</summary>
    public IReadOnlyList<int> ValidPerGroup => _rules.Groups.Count == 0 ? [] : _validPerBucket;

    /// <summary>The grade index of a non-blank mark, or <see cref="UnknownGrade"/>.</summary>
    public static int IndexOf(string grade, EvaluationRules rules) =>
        rules.IndexOfGrade(grade) is var index and >= 0 ? index : UnknownGrade;

    /// <summary>Fills <paramref name="marks"/> with the ballot's mark for each reporter, in the reporters' order.</summary>
    public void Read(TallyBallot ballot, int[] marks)
    {
        Array.Fill(marks, Abstain);
        foreach (var (reporter, grade) in ballot.Grades)
        {
            if (!_reporters.TryGetValue(reporter, out var index))
            {
                throw new ArgumentException("A ballot grades someone who is not a reporter in this round.", nameof(ballot));
            }

            marks[index] = string.IsNullOrWhiteSpace(grade) ? Abstain : IndexOf(grade, _rules);
        }
    }

    /// <summary>Counts a valid ballot's marks, read by <see cref="Read"/>.</summary>
    public void Add(string groupKey, int[] marks)
    {
        var bucket = _rules.Groups.Count == 0 ? 0 : _groups[groupKey];
        var counts = _counts[bucket];
        _validPerBucket[bucket]++;
        for (var reporter = 0; reporter < marks.Length; reporter++)
        {
            counts[(reporter * _slots) + marks[reporter] + 1]++;
        }
    }

    public Votes Overall(int reporter) => InBuckets(reporter, _counts);

    /// <summary>The marks of several rater groups counted together, as if they were one group.</summary>
    public Votes InGroups(int reporter, IEnumerable<string> groupKeys) =>
        InBuckets(reporter, groupKeys.Select(key => _counts[_groups[key]]));

    private Votes InBuckets(int reporter, IEnumerable<int[]> buckets)
    {
        var slots = new int[_slots];
        foreach (var counts in buckets)
        {
            for (var slot = 0; slot < _slots; slot++)
            {
                slots[slot] += counts[(reporter * _slots) + slot];
            }
        }

        return Votes.FromSlots(slots, _rules);
    }

    public Votes InGroup(int reporter, int group) =>
        Votes.FromSlots(_counts[group].AsSpan(reporter * _slots, _slots).ToArray(), _rules);
}
