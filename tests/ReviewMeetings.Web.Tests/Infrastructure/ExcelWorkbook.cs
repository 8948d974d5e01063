using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>A downloaded .xlsx read back with the Open XML SDK: every sheet as rows of cell texts, as Excel would store them.</summary>
public sealed class ExcelWorkbook
{
    private readonly Dictionary<string, List<List<string>>> _sheets;

    private ExcelWorkbook(Dictionary<string, List<List<string>>> sheets, List<string> schemaErrors)
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
        var sheets = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var rows = new List<List<string>>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                while (rows.Count < row.RowIndex!.Value)
                {
                    rows.Add([]);
                }

                var cells = rows[^1];
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference!.Value!);
                    while (cells.Count <= column)
                    {
                        cells.Add("");
                    }

                    cells[column] = Text(cell, shared);
                }
            }

            sheets[sheet.Name!.Value!] = rows;
        }

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return new ExcelWorkbook(sheets, errors);
    }

    /// <summary>The sheet's rows, the first one at index 0.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Sheet(string name) => _sheets[name];

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)] : value;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
