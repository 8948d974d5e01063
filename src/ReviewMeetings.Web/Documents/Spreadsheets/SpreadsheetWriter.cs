using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ReviewMeetings.Web.Documents.Spreadsheets;

/// <summary>
/// Writes .xlsx workbooks with SpreadCheetah ([ADR 0017](../../../../docs/adr/0017-spreadsheets-written-with-spreadcheetah.md)):
/// one or more worksheets, each started with its <see cref="SheetLayout"/> and filled row by row, streamed to the
/// given stream. Text is always an inline string, numbers and dates are real Excel numbers with a number format.
/// </summary>
public sealed class SpreadsheetWriter : IAsyncDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly Spreadsheet _spreadsheet;
    private readonly Dictionary<(CellFormat Format, bool Bold), StyleId?> _styles = [];

    private SpreadsheetWriter(Spreadsheet spreadsheet) => _spreadsheet = spreadsheet;

    /// <summary>The number (from 1) of the row the next <see cref="AddRowAsync"/> writes.</summary>
    public int NextRow => (int)_spreadsheet.NextRowNumber;

    /// <summary>Cell references are written out, as Excel itself does: some readers place cells only by them.</summary>
    private static readonly SpreadCheetahOptions Options = new() { WriteCellReferenceAttributes = true };

    public static async Task<SpreadsheetWriter> CreateAsync(Stream stream, CancellationToken cancellationToken = default) =>
        new(await Spreadsheet.CreateNewAsync(stream, Options, cancellationToken));

    /// <summary>A whole workbook in memory, for a download: <paramref name="write"/> adds the sheets, this finishes it.</summary>
    public static async Task<byte[]> WriteAsync(Func<SpreadsheetWriter, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        await using (var writer = await CreateAsync(stream, cancellationToken))
        {
            await write(writer);
            await writer.FinishAsync(cancellationToken);
        }

        return stream.ToArray();
    }

    public async Task StartSheetAsync(string name, SheetLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var options = new WorksheetOptions
        {
            FrozenRows = layout.FrozenRows > 0 ? layout.FrozenRows : null,
            FrozenColumns = layout.FrozenColumns > 0 ? layout.FrozenColumns : null,
            DefaultColumnWidth = layout.OtherColumnsWidth,
        };
        for (var i = 0; i < layout.ColumnWidths.Count; i++)
        {
            options.Column(i + 1).Width = layout.ColumnWidths[i];
        }

        if (layout.Filter is { } table)
        {
            options.AutoFilter = new AutoFilterOptions(table.Reference);
        }

        await _spreadsheet.StartWorksheetAsync(name, options, cancellationToken);
    }

    /// <summary>A row of bold texts.</summary>
    public Task AddHeaderRowAsync(IEnumerable<string> headers, CancellationToken cancellationToken = default) =>
        AddRowAsync(headers.Select(SheetCell.Heading), cancellationToken);

    /// <summary>The next row; no cells gives an empty row.</summary>
    public async Task AddRowAsync(IEnumerable<SheetCell> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        await _spreadsheet.AddRowAsync(cells.Select(ToCell).ToArray(), cancellationToken);
    }

    public async Task FinishAsync(CancellationToken cancellationToken = default) => await _spreadsheet.FinishAsync(cancellationToken);

    public ValueTask DisposeAsync() => _spreadsheet.DisposeAsync();

    private Cell ToCell(SheetCell cell)
    {
        var style = Style(cell.Format, cell.Bold);
        return cell.Kind switch
        {
            SheetCellKind.Text => new Cell(cell.TextValue, style),
            SheetCellKind.Number => new Cell(cell.NumberValue, style),
            SheetCellKind.Date => new Cell(cell.DateValue, style),
            _ => new Cell((string?)null, style),
        };
    }

    private StyleId? Style(CellFormat format, bool bold)
    {
        if (!_styles.TryGetValue((format, bold), out var id))
        {
            id = format == CellFormat.General && !bold ? null : _spreadsheet.AddStyle(new Style
            {
                Font = { Bold = bold },
                Format = format switch
                {
                    CellFormat.TwoDecimals => NumberFormat.Standard(StandardNumberFormat.TwoDecimalPlaces),
                    CellFormat.Percent => NumberFormat.Custom("0.0%"),
                    CellFormat.Date => NumberFormat.Custom("yyyy-mm-dd"),
                    CellFormat.DateTime => NumberFormat.Custom("yyyy-mm-dd hh:mm"),
                    _ => null,
                },
            });
            _styles[(format, bold)] = id;
        }

        return id;
    }
}
