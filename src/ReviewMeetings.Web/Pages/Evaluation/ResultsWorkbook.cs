using System.Security.Cryptography;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Documents.Spreadsheets;
using static ReviewMeetings.Web.Documents.Spreadsheets.SheetCell;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// The results page as an Excel workbook (ADR 0017): sheet 测评结果 holds the meeting totals and the results table as the
/// page shows it, sheet 原始票据 one row per returned ballot, shuffled so that row order says nothing about who voted when.
/// </summary>
internal static class ResultsWorkbook
{
    public const string ContentType = SpreadsheetWriter.ContentType;
    public const string ResultsSheet = "测评结果";
    public const string BallotsSheet = "原始票据";
    public const string HiddenGroup = "不公开";
    public const string Abstained = "弃权";
    private const string None = "—";

    public static Task<byte[]> BuildAsync(
        Meeting meeting,
        EvaluationRules rules,
        MeetingTally tally,
        IReadOnlyList<(Reporter Reporter, ReporterTally Result)> rows,
        IReadOnlyList<Reporter> ballotOrder,
        IReadOnlyList<TallyBallot> ballots,
        CancellationToken cancellationToken = default) =>
        SpreadsheetWriter.WriteAsync(
            async writer =>
            {
                await WriteResultsAsync(writer, meeting, rules, tally, rows, cancellationToken);
                await WriteBallotsAsync(writer, rules, tally, ballotOrder, ballots, cancellationToken);
            },
            cancellationToken);

    private static async Task WriteResultsAsync(
        SpreadsheetWriter writer,
        Meeting meeting,
        EvaluationRules rules,
        MeetingTally tally,
        IReadOnlyList<(Reporter Reporter, ReporterTally Result)> rows,
        CancellationToken cancellationToken)
    {
        var totals = Totals(meeting, tally).ToList();
        var header = TableHeader(rules);
        var headerRow = totals.Count + 1;

        // The totals and the table header stay in view, and the table has filter buttons.
        await writer.StartSheetAsync(
            ResultsSheet,
            new SheetLayout
            {
                ColumnWidths = [30],
                OtherColumnsWidth = 12,
                FrozenRows = headerRow,
                Filter = new SheetTable(headerRow, headerRow + rows.Count, header.Count),
            },
            cancellationToken);
        foreach (var row in totals)
        {
            await writer.AddRowAsync(row, cancellationToken);
        }

        await writer.AddHeaderRowAsync(header, cancellationToken);
        foreach (var (reporter, result) in rows)
        {
            await writer.AddRowAsync(
            [
                Count(reporter.Order), Text(reporter.UnitName), Text(reporter.SecretaryName),
                .. result.Grades.SelectMany(g => new[] { Count(g.Count), Rate(g.Rate) }),
                Count(result.Abstained), Rate(result.AbstainedRate), Rate(result.TopGradeRate), Rate(result.TopTwoGradesRate),
                Score(result.WeightedScore),
                .. result.Groups.Select(g => g.Hidden ? Text(HiddenGroup) : Score(g.Score)),
                .. rules.UsesGroupWeights ? [Score(result.GroupWeightedScore)] : Array.Empty<SheetCell>(),
                Score(result.Composite), Count(result.Rank), Text(result.Band ?? None),
            ],
            cancellationToken);
        }
    }

    /// <summary>The title, the meeting totals and the warnings above the table, ending with an empty row.</summary>
    private static IEnumerable<SheetCell[]> Totals(Meeting meeting, MeetingTally tally)
    {
        yield return [Text($"{meeting.Title}民主测评结果", bold: true)];
        if (!meeting.Ended)
        {
            yield return [Text("测评仍在进行，以下为导出时的实时计票结果。")];
        }

        yield return [Text("发出"), Count(tally.Issued)];
        yield return [Text("收回"), Count(tally.Returned)];
        yield return [Text("有效票"), Count(tally.Valid)];
        yield return [Text("废票"), Count(tally.Void)];
        yield return [Text("人数要求"), Text(tally.QuorumMet ? "已达到" : "未达到")];
        yield return [Text("测评票数据校验码（SHA-256）"), Text(tally.BallotDigest)];
        if (tally.Pool.GroupKeys.Count > 0)
        {
            yield return [Text("不公开类别"), Text(GroupDisclosure.PoolRule)];
        }

        if (tally.RoundVoid)
        {
            yield return [Text("收回票数多于发出票数，本轮测评无效。")];
        }
        else if (!tally.QuorumMet)
        {
            yield return [Text("有效测评人数未达到规定比例，结果仅供参考。")];
        }

        yield return [];
    }

    private static List<string> TableHeader(EvaluationRules rules) =>
    [
        "述职顺序", "述职对象", "书记",
        .. rules.Grades.SelectMany(g => new[] { $"{g.Name}（票）", $"{g.Name}（%）" }),
        "弃权（票）", "弃权（%）", "好评率", "好和较好率", "加权得分",
        .. rules.Groups.Select(g => $"{g.Name}得分"),
        .. rules.UsesGroupWeights ? ["分类别加权得分"] : Array.Empty<string>(),
        "综合得分", "名次", "等次",
    ];

    private static async Task WriteBallotsAsync(
        SpreadsheetWriter writer,
        EvaluationRules rules,
        MeetingTally tally,
        IReadOnlyList<Reporter> ballotOrder,
        IReadOnlyList<TallyBallot> ballots,
        CancellationToken cancellationToken)
    {
        // A group whose breakdown the tally hides must not be readable from the raw ballots either. Without reporter
        // results (a void round) there is nothing to tell which groups are safe, so none is named.
        var shown = tally.Reporters.Count == 0
            ? []
            : tally.Reporters[0].Groups.Where(g => !g.Hidden).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var names = rules.Grades.ToDictionary(g => g.Key, g => g.Name, StringComparer.Ordinal);
        await writer.StartSheetAsync(
            BallotsSheet,
            new SheetLayout
            {
                ColumnWidths = [18],
                OtherColumnsWidth = 12,
                FrozenRows = 1,
                FrozenColumns = 1,
                Filter = new SheetTable(1, 1 + ballots.Count, 1 + ballotOrder.Count),
            },
            cancellationToken);
        await writer.AddHeaderRowAsync(ballotOrder.Select(r => r.UnitName).Prepend("测评人类别"), cancellationToken);

        // The stored order follows the order of submission, so it is never used.
        var shuffled = ballots.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        foreach (var ballot in shuffled)
        {
            var group = shown.Contains(ballot.GroupKey) ? rules.Groups.Single(g => g.Key == ballot.GroupKey).Name : HiddenGroup;
            await writer.AddRowAsync(
            [
                Text(rules.Groups.Count == 0 ? None : group),
                .. ballotOrder.Select(r => Text(ballot.GradeFor(r.Id) is { } grade ? names.GetValueOrDefault(grade, grade) : Abstained)),
            ],
            cancellationToken);
        }
    }

    private static SheetCell Count(int? number) => number is { } n ? Number(n) : Text(None);

    private static SheetCell Score(decimal? score) => score is { } s ? Number(s, CellFormat.TwoDecimals) : Text(None);

    // The page shows rates as percentages with one decimal; Excel wants the fraction and formats it the same way.
    private static SheetCell Rate(decimal? rate) => rate is { } r ? Percent(r) : Text(None);
}
