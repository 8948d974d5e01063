using ReviewMeetings.Web.Documents.Spreadsheets;
using ReviewMeetings.Web.Tests.Infrastructure;
using static ReviewMeetings.Web.Documents.Spreadsheets.SheetCell;

namespace ReviewMeetings.Web.Tests.Documents;

public sealed class SpreadsheetWriterTests
{
    private static readonly string[] FormulaLike =
        ["=HYPERLINK(\"https://example.com/steal\",\"点此查看\")", "=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"];

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_stored_as_the_literal_string_and_never_as_a_formula()
    {
        var bytes = await SpreadsheetWriter.WriteAsync(async writer =>
        {
            await writer.StartSheetAsync("单位", new SheetLayout { FrozenRows = 1 });
            await writer.AddHeaderRowAsync(["党组织名称"]);
            foreach (var name in FormulaLike)
            {
                await writer.AddRowAsync([Text(name)]);
            }
        });

        var workbook = ExcelWorkbook.Read(bytes);
        Assert.Empty(workbook.SchemaErrors);
        var cells = workbook.Cells("单位").Skip(1).Select(r => r.Single()).ToList();
        Assert.Equal(FormulaLike, cells.Select(c => c.Text));
        Assert.All(cells, c => Assert.Equal(ExcelCellType.Text, c.Type));
        Assert.All(cells, c => Assert.False(c.HasFormula));
    }

    [Fact]
    public async Task Numbers_and_dates_are_excel_numbers_with_their_format_and_sheets_keep_their_layout()
    {
        var bytes = await SpreadsheetWriter.WriteAsync(async writer =>
        {
            await writer.StartSheetAsync("台账", new SheetLayout
            {
                ColumnWidths = [30, 14],
                OtherColumnsWidth = 12,
                FrozenRows = 1,
                FrozenColumns = 1,
                Filter = new SheetTable(1, 2, 6),
            });
            await writer.AddHeaderRowAsync(["名称", "数量", "得分", "完成率", "整改时限", "形成时间"]);
            await writer.AddRowAsync([Text("东城"), Number(3), Number(85.25m, CellFormat.TwoDecimals), Percent(33.3m), Date(new DateOnly(2026, 1, 17)), Time(new DateTime(2026, 1, 17, 14, 5, 0))]);
            await writer.AddRowAsync([]);
            await writer.AddRowAsync([Text("合计"), Empty, Number(null), Date(null), Text("—")]);
            await writer.StartSheetAsync("说明", new SheetLayout());
            await writer.AddRowAsync([Text("第二张表")]);
        });

        var workbook = ExcelWorkbook.Read(bytes);
        Assert.Empty(workbook.SchemaErrors);
        Assert.Equal(["台账", "说明"], workbook.SheetNames);
        Assert.Equal(1, workbook.FrozenRows("台账"));
        Assert.Equal(1, workbook.FrozenColumns("台账"));
        Assert.Equal("A1:F2", workbook.AutoFilter("台账"));
        Assert.Null(workbook.AutoFilter("说明"));
        var rows = workbook.Cells("台账");
        Assert.Equal(4, rows.Count);
        Assert.All(rows[0], c => Assert.True(c.Bold));
        var row = rows[1];
        Assert.False(row[0].Bold);
        Assert.Equal((ExcelCellType.Number, 3m, "General"), (row[1].Type, row[1].Number, row[1].NumberFormat));
        Assert.Equal((85.25m, "0.00"), (row[2].Number, row[2].NumberFormat));
        Assert.Equal((0.333m, "0.0%"), (row[3].Number, row[3].NumberFormat));
        Assert.False(row[3].IsDate);
        Assert.True(row[4].IsDate);
        Assert.Equal(new DateTime(2026, 1, 17), row[4].Date);
        Assert.Equal("yyyy-mm-dd", row[4].NumberFormat);
        Assert.Equal(new DateTime(2026, 1, 17, 14, 5, 0), row[5].Date);
        Assert.Equal("yyyy-mm-dd hh:mm", row[5].NumberFormat);
        Assert.Empty(rows[2]);
        Assert.Equal(["合计", "", "", "", "—"], workbook.Sheet("台账")[3]);
        Assert.All(rows[3].Skip(1).Take(3), c => Assert.Equal(ExcelCellType.Empty, c.Type));
        Assert.Equal("第二张表", workbook.Sheet("说明")[0][0]);
    }
}
