using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// The ledger as an .xlsx workbook, written with the Open XML SDK the app already uses for Word files (ClosedXML does
/// not support the SDK version we are on). Every column of the ledger, one row per item, text as inline strings; below
/// them a summary of the counts by status, overdue items and the completion rate (完成率).
/// </summary>
public static class LedgerWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Headers =
    [
        "序号", "述职年度", "会议", "述职单位", "单位类别", "书记", "问题", "问题来源", "问题类别", "整改措施", "责任人", "整改时限",
        "预期目标", "方案状态", "整改状态", "是否逾期", "进展次数", "最新进展", "形成时间", "销号时间",
    ];

    public static byte[] Write(IReadOnlyList<LedgerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, Headers.Select(h => (object?)h)));
            for (var i = 0; i < rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, Values(i + 1, rows[i])));
            }

            // After one empty row, the summary: the counts by status, overdue and the completion rate of the rows above.
            var at = (uint)rows.Count + 3;
            var byStatus = Enum.GetValues<RectificationStatus>().Select(status => (status, rows.Count(r => r.Status == status))).ToList();
            var stats = new RectificationStats(
                rows.Count, rows.Count(r => r.Status == RectificationStatus.Closed), rows.Count(r => r.Status == RectificationStatus.AwaitingReview), rows.Count(r => r.Overdue));
            data.Append(Row(at, ((object?[])["汇总", "合计"]).Concat(byStatus.Select(s => (object?)s.status.ChineseName())).Concat(["逾期", "完成率"])));
            data.Append(Row(at + 1, ((object?[])["项数", rows.Count]).Concat(byStatus.Select(s => (object?)s.Item2)).Concat([stats.Overdue, stats.RateText()])));

            var columns = new Columns(Headers.Select((h, i) => new Column
            {
                Min = (uint)i + 1,
                Max = (uint)i + 1,
                Width = h is "问题" or "整改措施" or "预期目标" or "最新进展" or "会议" ? 40 : 14,
                CustomWidth = true,
            }));
            sheetPart.Worksheet = new Worksheet(columns, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "整改台账" }));
        }

        return stream.ToArray();
    }

    private static IEnumerable<object?> Values(int number, LedgerRow r) =>
    [
        number, r.ReviewYear, r.MeetingTitle, r.UnitName, r.UnitCategory.ChineseName(), r.SecretaryName, r.Text, r.Sources, r.Category,
        r.Measures, r.ResponsiblePerson, r.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Target, r.Plan.ChineseName(),
        r.Status.ChineseName(), r.Overdue ? "是" : "否", r.Updates, r.LatestProgress,
        r.CreatedAt.InBeijing().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        r.ClosedAt?.InBeijing().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    ];

    private static Row Row(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(value is int number
                ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number) }
                : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value as string ?? "") { Space = SpaceProcessingModeValues.Preserve }) });
        }

        return row;
    }

    private static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));
}
