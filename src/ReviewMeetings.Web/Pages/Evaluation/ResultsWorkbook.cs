using System.Globalization;
using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using CellText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// The results page as an Excel workbook (ADR 0007): sheet 测评结果 holds the meeting totals and the results table as the
/// page shows it, sheet 原始票据 one row per returned ballot, shuffled so that row order says nothing about who voted when.
/// </summary>
internal static class ResultsWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ResultsSheet = "测评结果";
    public const string BallotsSheet = "原始票据";
    public const string HiddenGroup = "不公开";
    public const string Abstained = "弃权";
    private const string None = "—";

    // Indexes into the cell formats of Styles() below.
    private const uint BoldStyle = 1;
    private const uint PercentStyle = 2;
    private const uint ScoreStyle = 3;

    public static byte[] Build(
        Meeting meeting,
        EvaluationRules rules,
        MeetingTally tally,
        IReadOnlyList<(Reporter Reporter, ReporterTally Result)> rows,
        IReadOnlyList<Reporter> ballotOrder,
        IReadOnlyList<TallyBallot> ballots)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            AddSheet(workbook, ResultsSheet, ResultRows(meeting, rules, tally, rows), firstColumnWidth: 30);
            AddSheet(workbook, BallotsSheet, BallotRows(rules, tally, ballotOrder, ballots), firstColumnWidth: 18);
        }

        return stream.ToArray();
    }

    private static IEnumerable<Value[]> ResultRows(
        Meeting meeting, EvaluationRules rules, MeetingTally tally, IReadOnlyList<(Reporter Reporter, ReporterTally Result)> rows)
    {
        yield return [Text($"{meeting.Title}民主测评结果", BoldStyle)];
        if (!meeting.Ended)
        {
            yield return [Text("测评仍在进行，以下为导出时的实时计票结果。")];
        }

        yield return [Text("发出"), Number(tally.Issued)];
        yield return [Text("收回"), Number(tally.Returned)];
        yield return [Text("有效票"), Number(tally.Valid)];
        yield return [Text("废票"), Number(tally.Void)];
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
        yield return
        [
            Text("述职顺序", BoldStyle), Text("述职对象", BoldStyle), Text("书记", BoldStyle),
            .. rules.Grades.SelectMany(g => new[] { Text($"{g.Name}（票）", BoldStyle), Text($"{g.Name}（%）", BoldStyle) }),
            Text("弃权（票）", BoldStyle), Text("弃权（%）", BoldStyle), Text("好评率", BoldStyle), Text("好和较好率", BoldStyle), Text("加权得分", BoldStyle),
            .. rules.Groups.Select(g => Text($"{g.Name}得分", BoldStyle)),
            .. rules.UsesGroupWeights ? [Text("分类别加权得分", BoldStyle)] : Array.Empty<Value>(),
            Text("综合得分", BoldStyle), Text("名次", BoldStyle), Text("等次", BoldStyle),
        ];
        foreach (var (reporter, result) in rows)
        {
            yield return
            [
                Number(reporter.Order), Text(reporter.UnitName), Text(reporter.SecretaryName),
                .. result.Grades.SelectMany(g => new[] { Number(g.Count), Rate(g.Rate) }),
                Number(result.Abstained), Rate(result.AbstainedRate), Rate(result.TopGradeRate), Rate(result.TopTwoGradesRate),
                Score(result.WeightedScore),
                .. result.Groups.Select(g => g.Hidden ? Text(HiddenGroup) : Score(g.Score)),
                .. rules.UsesGroupWeights ? [Score(result.GroupWeightedScore)] : Array.Empty<Value>(),
                Score(result.Composite), Number(result.Rank), Text(result.Band ?? None),
            ];
        }
    }

    private static IEnumerable<Value[]> BallotRows(
        EvaluationRules rules, MeetingTally tally, IReadOnlyList<Reporter> ballotOrder, IReadOnlyList<TallyBallot> ballots)
    {
        // A group whose breakdown the tally hides must not be readable from the raw ballots either. Without reporter
        // results (a void round) there is nothing to tell which groups are safe, so none is named.
        var shown = tally.Reporters.Count == 0
            ? []
            : tally.Reporters[0].Groups.Where(g => !g.Hidden).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var names = rules.Grades.ToDictionary(g => g.Key, g => g.Name, StringComparer.Ordinal);
        yield return [Text("测评人类别", BoldStyle), .. ballotOrder.Select(r => Text(r.UnitName, BoldStyle))];

        // The stored order follows the order of submission, so it is never used.
        var shuffled = ballots.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        foreach (var ballot in shuffled)
        {
            var group = shown.Contains(ballot.GroupKey) ? rules.Groups.Single(g => g.Key == ballot.GroupKey).Name : HiddenGroup;
            yield return
            [
                Text(rules.Groups.Count == 0 ? None : group),
                .. ballotOrder.Select(r => ballot.GradeFor(r.Id) is { } grade ? Text(names.GetValueOrDefault(grade, grade)) : Text(Abstained)),
            ];
        }
    }

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<Value[]> rows, double firstColumnWidth)
    {
        var data = new SheetData();
        var rowIndex = 0u;
        var widest = 0;
        foreach (var values in rows)
        {
            rowIndex++;
            widest = Math.Max(widest, values.Length);
            data.AppendChild(new Row(values.Select((v, i) => v.ToCell(ColumnName(i) + rowIndex))) { RowIndex = rowIndex });
        }

        var columns = new Columns(new Column { Min = 1, Max = 1, Width = firstColumnWidth, CustomWidth = true });
        if (widest > 1)
        {
            columns.AppendChild(new Column { Min = 2, Max = (uint)widest, Width = 12, CustomWidth = true });
        }

        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(columns, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true })
        { Count = 4 });

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString(CultureInfo.InvariantCulture) : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));

    private static Value Text(string text, uint style = 0) => new(text, null, style);

    private static Value Number(int? number) => number is { } n ? new(null, n, 0) : Text(None);

    private static Value Score(decimal? score) => score is { } s ? new(null, s, ScoreStyle) : Text(None);

    // The page shows rates as percentages with one decimal; Excel wants the fraction and formats it the same way.
    private static Value Rate(decimal? rate) => rate is { } r ? new(null, r / 100m, PercentStyle) : Text(None);

    private readonly record struct Value(string? Content, decimal? Number, uint Style)
    {
        public Cell ToCell(string reference) => Number is { } number
            ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number), StyleIndex = Style }
            : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new CellText(Content!)), StyleIndex = Style };
    }
}
