using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// A downloaded .xlsx read back with the Open XML SDK: every sheet as rows of cell texts, as Excel would store them, and
/// each cell with its type, number and number format. Rows and cells without a reference (SpreadCheetah writes none
/// for cells) follow the one before them, as Excel reads them.
/// </summary>
public sealed class ExcelWorkbook
{
    private readonly Dictionary<string, SheetContent> _sheets;

    private ExcelWorkbook(Dictionary<string, SheetContent> sheets, List<string> schemaErrors)
    {
        _sheets = sheets;
        SchemaErrors = schemaErrors;
    }

    public IReadOnlyCollection<string> SheetNames => _sheets.Keys;

    /// <summary>What the Open XML SDK's validator finds wrong with the file, which Excel would refuse or "repair".</summary>
    public IReadOnlyList<string> SchemaErrors { get; }

    public static ExcelWorkbook Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var part = document.WorkbookPart ?? throw new InvalidOperationException("No workbook part.");
        var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var styles = Styles(part.WorkbookStylesPart?.Stylesheet);
        var sheets = new Dictionary<string, SheetContent>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var rows = new List<List<ExcelCell>>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var rowNumber = row.RowIndex?.Value is { } index ? (int)index : rows.Count + 1;
                while (rows.Count < rowNumber)
                {
                    rows.Add([]);
                }

                var cells = rows[^1];
                var column = -1;
                foreach (var cell in row.Elements<Cell>())
                {
                    column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                    while (cells.Count <= column)
                    {
                        cells.Add(ExcelCell.Missing);
                    }

                    var (format, bold) = styles.ElementAtOrDefault((int)(cell.StyleIndex?.Value ?? 0));
                    cells[column] = new ExcelCell(Text(cell, shared), CellType(cell), format ?? "General", cell.CellFormula is not null) { Bold = bold };
                }
            }

            var pane = worksheet.Descendants<Pane>().FirstOrDefault(p => p.State?.Value == PaneStateValues.Frozen);
            sheets[sheet.Name!.Value!] = new SheetContent(
                rows, (int)(pane?.VerticalSplit?.Value ?? 0), (int)(pane?.HorizontalSplit?.Value ?? 0), worksheet.GetFirstChild<AutoFilter>()?.Reference?.Value);
        }

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return new ExcelWorkbook(sheets, errors);
    }

    /// <summary>The sheet's rows of cell texts, the first one at index 0.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Sheet(string name) =>
        _sheets[name].Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Text).ToList()).ToList();

    /// <summary>The sheet's rows of cells, the first one at index 0.</summary>
    public IReadOnlyList<IReadOnlyList<ExcelCell>> Cells(string name) => _sheets[name].Rows;

    /// <summary>How many rows stay in view while scrolling (Excel's frozen pane).</summary>
    public int FrozenRows(string name) => _sheets[name].FrozenRows;

    /// <summary>How many columns stay in view while scrolling.</summary>
    public int FrozenColumns(string name) => _sheets[name].FrozenColumns;

    /// <summary>The range with filter buttons (for example A1:T5), or null.</summary>
    public string? AutoFilter(string name) => _sheets[name].AutoFilter;

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(value, CultureInfo.InvariantCulture)] : value;
    }

    private static ExcelCellType CellType(Cell cell) =>
        cell.DataType?.Value is { } type && type != CellValues.Number
            ? type == CellValues.Boolean ? ExcelCellType.Boolean : type == CellValues.Error ? ExcelCellType.Error : ExcelCellType.Text
            : cell.CellValue is null ? ExcelCellType.Empty : ExcelCellType.Number;

    /// <summary>The number format code (built-in ones by their meaning) and boldness of every cell format (style index).</summary>
    private static List<(string Format, bool Bold)> Styles(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var fonts = styles?.Fonts?.Elements<Font>().Select(f => f.Bold is { } b && (b.Val?.Value ?? true)).ToList() ?? [];
        return styles?.CellFormats?.Elements<CellFormat>()
            .Select(f => (custom.GetValueOrDefault(f.NumberFormatId?.Value ?? 0) ?? BuiltIn(f.NumberFormatId?.Value ?? 0), fonts.ElementAtOrDefault((int)(f.FontId?.Value ?? 0))))
            .ToList() ?? [];
    }

    private static string BuiltIn(uint id) => id switch
    {
        0 => "General",
        1 => "0",
        2 => "0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "m/d/yyyy",
        >= 15 and <= 17 => "d-mmm-yy",
        >= 18 and <= 21 => "h:mm",
        22 => "m/d/yyyy h:mm",
        49 => "@",
        _ => $"builtin:{id}",
    };

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private sealed record SheetContent(List<List<ExcelCell>> Rows, int FrozenRows, int FrozenColumns, string? AutoFilter);
}

public enum ExcelCellType
{
    Empty,
    Text,
    Number,
    Boolean,
    Error,
}

/// <summary>One cell as stored: its text (the string, or the number as written), type, number format and whether it holds a formula.</summary>
public sealed record ExcelCell(string Text, ExcelCellType Type, string NumberFormat, bool HasFormula)
{
    public static ExcelCell Missing { get; } = new("", ExcelCellType.Empty, "General", false);

    /// <summary>Whether the cell's font is bold, as in a header row.</summary>
    public bool Bold { get; init; }

    /// <summary>The number Excel computes with; null for text and empty cells.</summary>
    public decimal? Number => Type == ExcelCellType.Number ? decimal.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    /// <summary>A number shown as a date: its format has a year, month, day or hour outside quoted text.</summary>
    public bool IsDate => Type == ExcelCellType.Number && DateFormat(NumberFormat);

    /// <summary>The date and time Excel shows for a date cell.</summary>
    public DateTime? Date => IsDate ? DateTime.FromOADate((double)Number!.Value) : null;

    private static bool DateFormat(string code)
    {
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\\':
                    i++;
                    break;
                case 'y' or 'm' or 'd' or 'h' or 'Y' or 'M' or 'D' or 'H' when !quoted:
                    return true;
            }
        }

        return false;
    }
}
