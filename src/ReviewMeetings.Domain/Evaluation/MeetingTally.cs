namespace ReviewMeetings.Domain.Evaluation;

/// <summary>Why a ballot is void (废票). A ballot gets the first reason that applies, in this order.</summary>
public enum BallotVoidReason
{
    UnknownGrade,
    AllBlank,
    BlankNotAllowed,
    QuotaExceeded,
}

public static class BallotVoidReasonNames
{
    public static string ChineseName(this BallotVoidReason reason) => reason switch
    {
        BallotVoidReason.UnknownGrade => "含无效的评价等次",
        BallotVoidReason.AllBlank => "全部空白",
        BallotVoidReason.BlankNotAllowed => "有空白项（本次测评不允许弃权）",
        BallotVoidReason.QuotaExceeded => "超过等次限额",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}

/// <summary>
/// The result of counting one round (计票结果). When the round is void (more returned than issued) there are no
/// reporter results. When the quorum is not met the results are computed but the round must be shown as not counting.
/// </summary>
public sealed record MeetingTally(
    int Issued,
    int Returned,
    int Valid,
    int Void,
    IReadOnlyDictionary<BallotVoidReason, int> VoidByReason,
    bool QuorumMet,
    bool RoundVoid,
    IReadOnlyList<ReporterTally> Reporters,
    string BallotDigest,
    HiddenGroupPool Pool);

/// <summary>
/// The hidden rater groups (in the rules' order), whose ballots count in the group-weighted score as one group with
/// the sum of their weights (ADR 0012). Empty when no group is hidden.
/// </summary>
public sealed record HiddenGroupPool(IReadOnlyList<string> GroupKeys, decimal Weight);

/// <summary>
/// One reporter's results. Rates are percentages of valid ballots with one decimal, each rounded half up on its own,
/// so the printed grade and abstention rates may add up to 99.9 or 100.1.
/// </summary>
public sealed record ReporterTally(
    Guid ReporterId,
    IReadOnlyList<GradeCount> Grades,
    int Abstained,
    decimal? AbstainedRate,
    decimal? TopGradeRate,
    decimal? TopTwoGradesRate,
    decimal? WeightedScore,
    IReadOnlyList<GroupTally> Groups,
    decimal? GroupWeightedScore,
    decimal? EvaluationScore,
    decimal? Composite,
    IReadOnlyList<string> MissingParts,
    int? Rank,
    string? Band);

/// <summary>How many valid ballots gave the grade, and that as a percentage of valid ballots (null with none).</summary>
public sealed record GradeCount(string Key, string Name, int Count, decimal? Rate);

/// <summary>A rater group's breakdown for one reporter. A hidden group carries no numbers at all: it is counted in the pool.</summary>
public sealed record GroupTally(
    string Key,
    string Name,
    bool Hidden,
    int? Valid,
    IReadOnlyList<GradeCount>? Grades,
    int? Abstained,
    decimal? Score);
