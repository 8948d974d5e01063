namespace ReviewMeetings.Web.Documents.Spreadsheets;

/// <summary>How a number or date cell is shown; Excel keeps the value itself, so users can sort, filter and compute.</summary>
public enum CellFormat
{
    General,

    /// <summary>Two decimals (built-in format 2, <c>0.00</c>), as the pages show scores.</summary>
    TwoDecimals,

    /// <summary>A fraction shown as a percentage with one decimal (<c>0.0%</c>), as the pages show rates.</summary>
    Percent,

    /// <summary>An Excel date (<c>yyyy-mm-dd</c>).</summary>
    Date,

    /// <summary>An Excel date and time to the minute (<c>yyyy-mm-dd hh:mm</c>).</summary>
    DateTime,
}

/// <summary>
/// One cell of a <see cref="SpreadsheetWriter"/> row: text, a number or a date, or nothing. Text is always stored as a
/// string, never as a formula, so a value such as <c>=HYPERLINK(…)</c> typed into a unit name stays text in Excel.
/// </summary>
public readonly record struct SheetCell
{
    private SheetCell(SheetCellKind kind, string? text, decimal number, DateTime date, CellFormat format, bool bold)
    {
        Kind = kind;
        TextValue = text;
        NumberValue = number;
        DateValue = date;
        Format = format;
        Bold = bold;
    }

    public static SheetCell Empty => default;

    public SheetCellKind Kind { get; }

    public string? TextValue { get; }

    public decimal NumberValue { get; }

    public DateTime DateValue { get; }

    public CellFormat Format { get; }

    public bool Bold { get; }

    /// <summary>A string cell; null is an empty cell.</summary>
    public static SheetCell Text(string? text, bool bold = false) =>
        text is null ? Empty : new(SheetCellKind.Text, text, 0, default, CellFormat.General, bold);

    /// <summary>A bold string cell, as in a header row.</summary>
    public static SheetCell Heading(string text) => Text(text, bold: true);

    /// <summary>A number cell; null is an empty cell.</summary>
    public static SheetCell Number(decimal? number, CellFormat format = CellFormat.General) =>
        number is { } n ? new(SheetCellKind.Number, null, n, default, format, false) : Empty;

    /// <summary>A rate given in percent (33.3 for 33.3%), stored as the fraction Excel expects (0.333) and shown as 33.3%.</summary>
    public static SheetCell Percent(decimal? percent) => Number(percent / 100m, CellFormat.Percent);

    /// <summary>An Excel date; null is an empty cell.</summary>
    public static SheetCell Date(DateOnly? date) =>
        date is { } d ? new(SheetCellKind.Date, null, 0, d.ToDateTime(TimeOnly.MinValue), CellFormat.Date, false) : Empty;

    /// <summary>
    /// An Excel date and time, which has no time zone: pass the wall-clock time the users live in (e.g.
    /// <c>InBeijing().DateTime</c>). Null is an empty cell.
    /// </summary>
    public static SheetCell Time(DateTime? time) =>
        time is { } t ? new(SheetCellKind.Date, null, 0, DateTime.SpecifyKind(t, DateTimeKind.Unspecified), CellFormat.DateTime, false) : Empty;
}

public enum SheetCellKind
{
    Empty,
    Text,
    Number,
    Date,
}
