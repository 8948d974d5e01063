using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Web.Pages.Organizations.Import;

/// <summary>
/// Reads an import file into rows of text, judging the file by its bytes, never its name: an .xlsx (a zip holding a
/// workbook, checked against zip bombs before and while it is read) or a CSV in UTF-8 (with or without BOM) or GB18030.
/// Password-protected workbooks (OLE compound files), old .xls files and anything else are refused with a Chinese
/// reason (<see cref="UnitImportFileException"/>). Formulas and merged cells are not refused but reported on their rows.
/// </summary>
public static class UnitImportFile
{
    public const int DefaultMaxMegabytes = 10;

    /// <summary>All parts of a workbook together may unpack to at most this (a 20,000-row sheet is a few MB).</summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    private const int MaxEntries = 1000;
    private const int MaxCompressionRatio = 100;

    public static long MaxBytesIn(IConfiguration configuration) =>
        Math.Max(1, configuration.GetValue("Import:MaxFileMegabytes", DefaultMaxMegabytes)) * 1024L * 1024L;

    public static IReadOnlyList<UnitImportRow> Read(byte[] bytes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new UnitImportFileException("文件是空的，请重新选择。");
        }

        if (bytes.Length > maxBytes)
        {
            throw new UnitImportFileException($"文件大小超过{maxBytes / 1024 / 1024}MB的限制，请拆分后分批导入。");
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new UnitImportFileException("文件设置了打开密码或是旧版Excel（.xls）格式，无法读取。请在Excel中取消密码保护，另存为.xlsx后再上传。");
        }

        if (bytes.AsSpan().StartsWith("PK\x03\x04"u8))
        {
            return ReadWorkbook(bytes);
        }

        if (DecodeText(bytes) is { } text)
        {
            return ReadCsv(text);
        }

        throw new UnitImportFileException("只接受Excel（.xlsx）或CSV文件。所选文件的内容不是电子表格（与文件扩展名无关）。");
    }

    private static List<UnitImportRow> ReadWorkbook(byte[] bytes)
    {
        try
        {
            CheckZip(bytes);
            var settings = new OpenSettings { MaxCharactersInPart = MaxUnpackedBytes };
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false, settings);
            var workbook = document.WorkbookPart ?? throw NotAWorkbook();
            var firstSheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw NotAWorkbook();
            if (firstSheet.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart sheet)
            {
                throw NotAWorkbook();
            }

            var strings = SharedStrings(workbook);
            var sheetRows = new List<(int Number, Dictionary<int, string> Cells, List<int> Formulas)>();
            var merged = new List<string>();
            using (var reader = OpenXmlReader.Create(sheet))
            {
                while (reader.Read())
                {
                    if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                    {
                        var row = (Row)reader.LoadCurrentElement()!;
                        var read = ReadRow(row, strings, sheetRows.Count == 0 ? 1 : sheetRows[^1].Number + 1);
                        if (read.Cells.Values.Any(v => v.Length > 0) || read.Formulas.Count > 0)
                        {
                            sheetRows.Add(read);
                            if (sheetRows.Count > UnitImportPlanner.MaxRows + 1)
                            {
                                throw TooManyRows();
                            }
                        }
                    }
                    else if (reader.ElementType == typeof(MergeCell) && reader.IsStartElement)
                    {
                        if (((MergeCell)reader.LoadCurrentElement()!).Reference?.Value is { } range)
                        {
                            merged.Add(range);
                        }
                    }
                }
            }

            return ToImportRows(sheetRows, merged);
        }
        catch (UnitImportFileException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or IOException or InvalidOperationException
            or System.Xml.XmlException or ArgumentException or FormatException)
        {
            throw new UnitImportFileException("Excel文件已损坏或不是有效的.xlsx文件，无法读取。请在Excel中重新保存后上传。");
        }
    }

    /// <summary>Looks inside the zip before anything unpacks it, so a zip bomb is refused cheaply.</summary>
    private static void CheckZip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxEntries)
        {
            throw new UnitImportFileException("文件结构异常（包含的部件过多），已拒绝。");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (total > MaxUnpackedBytes || (entry.Length > 1024 * 1024 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio))
            {
                throw new UnitImportFileException("文件解压后异常巨大（疑似压缩炸弹），已拒绝。");
            }
        }

        if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
        {
            throw NotAWorkbook();
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                strings.Add(TextOf(item));
            }
        }

        return strings;
    }

    /// <summary>The visible text of a rich or plain string (phonetic runs left out).</summary>
    private static string TextOf(OpenXmlElement item) =>
        item.Elements<Text>().FirstOrDefault() is { } plain
            ? plain.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));

    private static (int Number, Dictionary<int, string> Cells, List<int> Formulas) ReadRow(Row row, List<string> strings, int fallbackNumber)
    {
        var number = row.RowIndex?.Value is { } index ? (int)index : fallbackNumber;
        var cells = new Dictionary<int, string>();
        var formulas = new List<int>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            next = column + 1;
            if (cell.CellFormula is not null)
            {
                formulas.Add(column);
            }

            cells[column] = ValueOf(cell, strings).Trim();
        }

        return (number, cells, formulas);
    }

    private static string ValueOf(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? strings[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : "";
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if (type is null || type == CellValues.Number)
        {
            // A phone number or sort order typed as a number: 13800138000 rather than 1.38E+10.
            return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString("0.##########", CultureInfo.InvariantCulture)
                : raw;
        }

        return raw;
    }

    /// <summary>"AB12" → 27 (zero-based column).</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column - 1;
    }

    private static (int FirstColumn, int FirstRow, int LastColumn, int LastRow) Range(string range)
    {
        var parts = range.Split(':');
        var first = parts[0];
        var last = parts.Length > 1 ? parts[1] : parts[0];
        return (ColumnIndex(first), RowOf(first), ColumnIndex(last), RowOf(last));

        static int RowOf(string reference) =>
            int.Parse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static List<UnitImportRow> ToImportRows(List<(int Number, Dictionary<int, string> Cells, List<int> Formulas)> sheetRows, List<string> merged)
    {
        if (sheetRows.Count == 0)
        {
            throw new UnitImportFileException("文件中没有内容。请使用批量导入模板，第1行为表头。");
        }

        var header = sheetRows[0];
        var columns = Columns(header.Cells);
        var ranges = merged.Select(Range).ToList();
        var rows = new List<UnitImportRow>();
        foreach (var (number, cells, formulas) in sheetRows.Skip(1))
        {
            var values = columns.ToDictionary(c => c.Value, c => cells.GetValueOrDefault(c.Key, ""));
            var problems = new List<UnitImportProblem>();
            foreach (var column in formulas.Where(columns.ContainsKey))
            {
                problems.Add(new UnitImportProblem(number, columns[column], "单元格含公式，请改为直接填写内容（复制后“选择性粘贴→数值”）。"));
            }

            foreach (var range in ranges.Where(r => number >= r.FirstRow && number <= r.LastRow))
            {
                var column = Enumerable.Range(range.FirstColumn, range.LastColumn - range.FirstColumn + 1).FirstOrDefault(columns.ContainsKey, -1);
                if (column >= 0)
                {
                    problems.Add(new UnitImportProblem(number, columns[column], $"含合并单元格（{string.Join(":", ReferenceOf(range.FirstColumn, range.FirstRow), ReferenceOf(range.LastColumn, range.LastRow))}），请取消合并，并在每一行填写完整。"));
                }
            }

            rows.Add(new UnitImportRow(number, values) { CellProblems = problems });
        }

        return rows;
    }

    private static string ReferenceOf(int column, int row)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Header text by column index; every required column must be there.</summary>
    private static Dictionary<int, string> Columns(Dictionary<int, string> header)
    {
        var columns = header.Where(h => UnitImportColumns.All.Contains(h.Value))
            .GroupBy(h => h.Value).ToDictionary(g => g.First().Key, g => g.Key);
        var missing = UnitImportColumns.Required.Where(r => !columns.ContainsValue(r)).ToList();
        if (missing.Count > 0)
        {
            throw new UnitImportFileException($"第1行表头缺少“{string.Join("”“", missing)}”列。请使用批量导入模板，不要修改表头。");
        }

        return columns;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030; null when it does not look like text.</summary>
    private static string? DecodeText(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            try
            {
                return gb18030.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
    }

    private static List<UnitImportRow> ReadCsv(string text)
    {
        var lines = new List<(int Number, Dictionary<int, string> Cells, List<int> Formulas)>();
        var number = 0;
        foreach (var record in CsvRecords(text))
        {
            number++;
            if (record.All(f => f.Trim().Length == 0))
            {
                continue;
            }

            lines.Add((number, record.Select((v, i) => (v, i)).ToDictionary(x => x.i, x => x.v.Trim()), []));
            if (lines.Count > UnitImportPlanner.MaxRows + 1)
            {
                throw TooManyRows();
            }
        }

        if (lines.Count == 0 || !lines[0].Cells.Values.Any(UnitImportColumns.All.Contains))
        {
            throw new UnitImportFileException("只接受Excel（.xlsx）或CSV文件。所选文件的内容不是电子表格（与文件扩展名无关）。");
        }

        return ToImportRows(lines, []);
    }

    /// <summary>RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<List<string>> CsvRecords(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }

    private static UnitImportFileException NotAWorkbook() =>
        new("这不是Excel（.xlsx）工作簿，请上传批量导入模板填写后的.xlsx或CSV文件。");

    private static UnitImportFileException TooManyRows() =>
        new($"文件超过{UnitImportPlanner.MaxRows}行的上限，请拆分后分批导入。");
}

/// <summary>An import file that cannot be read at all; the message (Chinese) goes next to the file field.</summary>
public sealed class UnitImportFileException : Exception
{
    public UnitImportFileException(string message)
        : base(message)
    {
    }

    public UnitImportFileException()
    {
    }

    public UnitImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
