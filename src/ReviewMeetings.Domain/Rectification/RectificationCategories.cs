namespace ReviewMeetings.Domain.Rectification;

/// <summary>The problem categories (问题类别). The list is configurable; these are the defaults.</summary>
public static class RectificationCategories
{
    public const string Unsorted = "其他";

    public static readonly IReadOnlyList<string> Defaults = ["政治建设", "组织体系", "党员队伍", "责任落实", "作风建设", Unsorted];

    /// <summary>A configured list, trimmed and without repeats, always ending with 其他 so released problems have a home.</summary>
    public static IReadOnlyList<string> From(IEnumerable<string?>? configured)
    {
        var list = (configured ?? []).Select(c => c?.Trim() ?? "")
            .Where(c => c.Length is > 0 and <= RectificationItem.CategoryMaxLength)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (list.Count == 0)
        {
            return Defaults;
        }

        list.Remove(Unsorted);
        list.Add(Unsorted);
        return list;
    }
}
