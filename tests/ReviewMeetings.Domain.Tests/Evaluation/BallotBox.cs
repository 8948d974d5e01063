using ReviewMeetings.Domain.Evaluation;

namespace ReviewMeetings.Domain.Tests.Evaluation;

/// <summary>
/// Collects ballots for a round with a fixed list of reporters. Marks are given in reporter order; null is a blank item.
/// </summary>
internal sealed class BallotBox
{
    private readonly List<TallyBallot> _ballots = [];
    private readonly Dictionary<(Guid Reporter, string PartKey), decimal> _otherScores = [];

    public BallotBox(int reporters)
    {
        Reporters = Enumerable.Range(1, reporters).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();
    }

    public IReadOnlyList<Guid> Reporters { get; }

    public IReadOnlyList<TallyBallot> Ballots => _ballots;

    public BallotBox Cast(params string?[] marks) => CastIn("", marks);

    public BallotBox CastIn(string group, params string?[] marks) => Repeat(1, group, marks);

    public BallotBox Repeat(int times, string group, params string?[] marks)
    {
        for (var i = 0; i < times; i++)
        {
            _ballots.Add(Ballot(group, marks));
        }

        return this;
    }

    public TallyBallot Ballot(string group, params string?[] marks) =>
        new(group, marks.Select((m, i) => (Reporter: Reporters[i], Mark: m)).ToDictionary(x => x.Reporter, x => x.Mark));

    public BallotBox Score(int reporter, string partKey, decimal score)
    {
        _otherScores[(Reporters[reporter], partKey)] = score;
        return this;
    }

    /// <summary>Counts with everything returned that was issued and expected, unless told otherwise.</summary>
    public MeetingTally Count(EvaluationRules? rules = null, int? issued = null, int? expected = null) =>
        Tally.Compute(new TallyInput(
            rules ?? EvaluationRules.Default,
            Reporters,
            _ballots,
            issued ?? _ballots.Count,
            expected ?? _ballots.Count,
            _otherScores));

    public static (string Key, int Count, decimal? Rate)[] Grades(ReporterTally reporter) =>
        reporter.Grades.Select(g => (g.Key, g.Count, g.Rate)).ToArray();
}
