using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Domain.Rectification;
using ReviewMeetings.Web.Documents.Spreadsheets;
using ReviewMeetings.Web.Infrastructure;
using static ReviewMeetings.Web.Documents.Spreadsheets.SheetCell;

namespace ReviewMeetings.Web.Pages.Rectification;

/// <summary>
/// The ledger as an .xlsx workbook (ADR 0017): every column of the ledger, one row per item, with real Excel dates so
/// the deadlines sort and filter; below them a summary of the counts by status, overdue items and the completion rate (完成率).
/// </summary>
public static class LedgerWorkbook
{
    public const string ContentType = SpreadsheetWriter.ContentType;
    public const string Sheet = "整改台账";

    public static readonly IReadOnlyList<string> Headers =
    [
        "序号", "述职年度", "会议", "述职单位", "单位类别", "书记", "问题", "问题来源", "问题类别", "整改措施", "责任人", "整改时限",
        "预期目标", "方案状态", "整改状态", "是否逾期", "进展次数", "最新进展", "形成时间", "销号时间",
    ];

    public static Task<byte[]> WriteAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return SpreadsheetWriter.WriteAsync(writer => WriteAsync(writer, rows, cancellationToken), cancellationToken);
    }

    private static async Task WriteAsync(SpreadsheetWriter writer, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        await writer.StartSheetAsync(
            Sheet,
            new SheetLayout
            {
                ColumnWidths = [.. Headers.Select(h => h is "问题" or "整改措施" or "预期目标" or "最新进展" or "会议" ? 40d : h is "形成时间" or "销号时间" ? 17d : 14d)],
                FrozenRows = 1,
                Filter = new SheetTable(1, 1 + rows.Count, Headers.Count),
            },
            cancellationToken);
        await writer.AddHeaderRowAsync(Headers, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            await writer.AddRowAsync(Values(i + 1, rows[i]), cancellationToken);
        }

        // After one empty row, the summary: the counts by status, overdue and the completion rate of the rows above.
        var byStatus = Enum.GetValues<RectificationStatus>().Select(status => (Status: status, Count: rows.Count(r => r.Status == status))).ToList();
        var stats = new RectificationStats(
            rows.Count, rows.Count(r => r.Status == RectificationStatus.Closed), rows.Count(r => r.Status == RectificationStatus.AwaitingReview), rows.Count(r => r.Overdue));
        await writer.AddRowAsync([], cancellationToken);
        await writer.AddRowAsync(
            [Heading("汇总"), Heading("合计"), .. byStatus.Select(s => Heading(s.Status.ChineseName())), Heading("逾期"), Heading("完成率")], cancellationToken);
        await writer.AddRowAsync(
            [Heading("项数"), Number(rows.Count), .. byStatus.Select(s => Number(s.Count)), Number(stats.Overdue), stats.CompletionRate is { } rate ? Percent(rate) : Text("—")],
            cancellationToken);
    }

    private static SheetCell[] Values(int number, LedgerRow r) =>
    [
        Number(number), Number(r.ReviewYear), Text(r.MeetingTitle), Text(r.UnitName), Text(r.UnitCategory.ChineseName()), Text(r.SecretaryName),
        Text(r.Text), Text(r.Sources), Text(r.Category), Text(r.Measures), Text(r.ResponsiblePerson), Date(r.Deadline), Text(r.Target),
        Text(r.Plan.ChineseName()), Text(r.Status.ChineseName()), Text(r.Overdue ? "是" : "否"), Number(r.Updates), Text(r.LatestProgress),
        Time(r.CreatedAt.InBeijing().DateTime), Time(r.ClosedAt?.InBeijing().DateTime),
    ];
}
