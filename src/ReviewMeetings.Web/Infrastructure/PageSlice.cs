namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// One page of a list that grows with the city (units, accounts, the reporter picker): which page, how many per page
/// and how many in all. Pages count from 1; a page number past the end shows the last page.
/// </summary>
public sealed record PageSlice(int Number, int Size, int Total)
{
    /// <summary>The query-string name of the page number, the same on every list.</summary>
    public const string Parameter = "p";

    public int Count => Math.Max(1, (Total + Size - 1) / Size);

    public int Skip => (Number - 1) * Size;

    public static PageSlice For(int? requested, int size, int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var count = Math.Max(1, (total + size - 1) / size);
        return new PageSlice(Math.Clamp(requested ?? 1, 1, count), size, total);
    }

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip(Skip).Take(Size);

    /// <summary>共 130 个单位，第 1/2 页，每页 100 个。 (without the page part when everything fits on one page).</summary>
    public string Summary(string noun) =>
        $"共 {Total} 个{noun}" + (Count > 1 ? $"，第 {Number}/{Count} 页，每页 {Size} 个" : "") + "。";

    /// <summary>The page numbers to link: the first, the last and two either side of this one; null marks a gap (…).</summary>
    public IEnumerable<int?> Links()
    {
        var previous = 0;
        for (var n = 1; n <= Count; n++)
        {
            if (n != 1 && n != Count && Math.Abs(n - Number) > 2)
            {
                continue;
            }

            if (n - previous > 1)
            {
                yield return null;
            }

            yield return n;
            previous = n;
        }
    }
}

/// <summary>What the shared pager partial (Shared/_Pager) draws: the links keep the page's other query values.</summary>
public sealed record Pager(PageSlice Slice, string Label);
