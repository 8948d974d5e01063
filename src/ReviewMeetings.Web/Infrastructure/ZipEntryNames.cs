using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// Names for the files of one ZIP download, made from unit and secretary names that may hold anything: no folders
/// ("/", "\", ".."), no control or reserved characters, no leading or trailing dots, and never the same name twice
/// (a repeat becomes "name (2).pdf", "name (3).pdf", …).
/// </summary>
public sealed partial class ZipEntryNames
{
    public const int BaseNameMaxLength = 120;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A unique entry name; <paramref name="extension"/> (with its dot) is ours, never taken from the input.</summary>
    public string Next(string baseName, string extension, string fallback = "文件")
    {
        ArgumentNullException.ThrowIfNull(extension);
        var name = Clean(baseName);
        if (name.Length == 0)
        {
            name = fallback;
        }

        var candidate = name + extension;
        for (var copy = 2; !_used.Add(candidate); copy++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name} ({copy}){extension}");
        }

        return candidate;
    }

    private static string Clean(string? text)
    {
        var kept = new StringBuilder();
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            var unsafeCharacter = Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune.Value is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|';
            kept.Append(unsafeCharacter ? "_" : rune.ToString());
        }

        // Dots stay inside a name (第2.1组) but never repeat, start or end one: no "..", hidden files or Windows' trailing-dot trap.
        var name = RepeatedDots().Replace(kept.ToString(), ".").Trim().Trim('.', ' ');
        if (name.Length > BaseNameMaxLength)
        {
            name = name[..BaseNameMaxLength].TrimEnd('.', ' ');
        }

        return name;
    }

    [GeneratedRegex(@"\.{2,}")]
    private static partial Regex RepeatedDots();
}
