namespace ReviewMeetings.Web.Documents.Spreadsheets;

/// <summary>
/// How a worksheet is laid out; it must be known before the first row is written. Widths are in characters (Excel's
/// unit), fixed rather than measured, since a server has no font metrics.
/// </summary>
public sealed record SheetLayout
{
    /// <summary>Widths of the first columns, in order.</summary>
    public IReadOnlyList<double> ColumnWidths { get; init; } = [];

    /// <summary>Width of every column not named in <see cref="ColumnWidths"/>; Excel's default when null.</summary>
    public double? OtherColumnsWidth { get; init; }

    /// <summary>Rows kept in view while scrolling (1 for a header row).</summary>
    public int FrozenRows { get; init; }

    /// <summary>Columns kept in view while scrolling.</summary>
    public int FrozenColumns { get; init; }

    /// <summary>The table that gets Excel's filter buttons, if any.</summary>
    public SheetTable? Filter { get; init; }
}

/// <summary>A block of rows under one header row: <paramref name="HeaderRow"/> and <paramref name="LastRow"/> count from 1, <paramref name="Columns"/> from column A.</summary>
public readonly record struct SheetTable(int HeaderRow, int LastRow, int Columns)
{
    public string Reference => $"A{HeaderRow}:{ColumnName(Columns - 1)}{Math.Max(HeaderRow, LastRow)}";

    /// <summary>Excel's letters for a zero-based column index: 0 is A, 26 is AA.</summary>
    public static string ColumnName(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));
}
