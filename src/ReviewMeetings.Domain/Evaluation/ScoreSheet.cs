using System.Globalization;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// The composite parts other than the democratic evaluation (e.g. 日常考核) that staff enter for one meeting,
/// per reporter on a 0–100 scale. One sheet per meeting, saved as a whole, so its row guards every score.
/// </summary>
public sealed class ScoreSheet
{
    public const int MaxDecimals = 2;

    private readonly List<PartScore> _scores = [];

    private ScoreSheet()
    {
    }

    private ScoreSheet(Guid meetingId)
    {
        MeetingId = meetingId;
    }

    public Guid MeetingId { get; private set; }

    public IReadOnlyCollection<PartScore> Scores => _scores;

    /// <summary>Bumped by every save, so the sheet row (and its xmin) changes whenever a score does.</summary>
    public int Revision { get; private set; }

    public uint Version { get; private set; }

    public static ScoreSheet Create(Guid meetingId) => new(meetingId);

    /// <summary>
    /// A score as typed: blank is "not entered yet" (null). Full-width digits and a full stop typed by a Chinese
    /// input method are read as ASCII.
    /// </summary>
    public static decimal? Parse(string? text, string field)
    {
        var trimmed = new string((text ?? "").Trim().Select(c => c switch
        {
            >= '０' and <= '９' => (char)(c - '０' + '0'),
            '．' or '。' => '.',
            _ => c,
        }).ToArray());
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score))
        {
            throw new DomainException("请输入0到100之间的数字，如 92.5。", field);
        }

        return Check(score, field);
    }

    /// <summary>
    /// Replaces the scores of every non-evaluation part of the rules for the given reporters; a null score clears one.
    /// Scores can be changed until the results are published.
    /// </summary>
    public void Record(
        MeetingStatus status,
        IReadOnlyDictionary<(Guid Reporter, string PartKey), decimal?> scores,
        IReadOnlyCollection<Guid> reporters,
        EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(reporters);
        ArgumentNullException.ThrowIfNull(rules);
        if (status >= MeetingStatus.ResultsPublished)
        {
            throw new DomainException("测评结果已公布，不能再修改得分。");
        }

        var parts = rules.CompositeParts.Where(p => p.Key != CompositePart.EvaluationKey).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        if (scores.Keys.Any(k => !reporters.Contains(k.Reporter) || !parts.Contains(k.PartKey)))
        {
            throw new DomainException("得分表与本次会议的述职对象或综合得分组成项不符，请刷新页面后重新填写。");
        }

        // Every score is checked before anything changes, so a refused save leaves the sheet as it was.
        foreach (var ((_, partKey), score) in scores)
        {
            if (score is { } value)
            {
                Check(value, partKey);
            }
        }

        foreach (var ((reporter, partKey), score) in scores)
        {
            var existing = _scores.SingleOrDefault(s => s.ReporterId == reporter && s.PartKey == partKey);
            if (score is null)
            {
                if (existing is not null)
                {
                    _scores.Remove(existing);
                }
            }
            else if (existing is null)
            {
                _scores.Add(new PartScore(reporter, partKey, score.Value));
            }
            else
            {
                existing.Change(score.Value);
            }
        }

        Revision++;
    }

    /// <summary>The scores in the form the tally takes them, limited to the parts the rules still have.</summary>
    public IReadOnlyDictionary<(Guid Reporter, string PartKey), decimal> ForTally(EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var parts = rules.CompositeParts.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return _scores.Where(s => parts.Contains(s.PartKey)).ToDictionary(s => (s.ReporterId, s.PartKey), s => s.Score);
    }

    private static decimal Check(decimal score, string field)
    {
        if (score is < 0m or > 100m)
        {
            throw new DomainException("得分应在0到100之间。", field);
        }

        return score.Scale > MaxDecimals && decimal.Round(score, MaxDecimals) != score
            ? throw new DomainException($"得分最多保留{MaxDecimals}位小数。", field)
            : score;
    }
}

/// <summary>One reporter's score in one composite part, e.g. 东城街道 日常考核 92.5.</summary>
public sealed class PartScore
{
    public const int PartKeyMaxLength = 64;

    private PartScore()
    {
        PartKey = null!;
    }

    internal PartScore(Guid reporterId, string partKey, decimal score)
    {
        ReporterId = reporterId;
        PartKey = partKey;
        Score = score;
    }

    public Guid ReporterId { get; private set; }

    public string PartKey { get; private set; }

    public decimal Score { get; private set; }

    internal void Change(decimal score) => Score = score;
}
