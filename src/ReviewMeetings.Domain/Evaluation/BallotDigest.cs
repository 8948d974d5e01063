using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewMeetings.Domain.Evaluation;

/// <summary>
/// A SHA-256 digest of the returned ballots, printed on the results sheet so it can be checked against the
/// stored ballots later. It does not depend on the order of the ballots or of the marks on a ballot.
/// </summary>
public static class BallotDigest
{
    private const string FormatVersion = "ballots/v1";

    /// <summary>
    /// SHA-256 over "ballots/v1\n" and the canonical ballots, sorted ordinally and joined by "\n". The results page
    /// computes it on every request: the reporter ids are formatted and sorted once, since thousands of ballots share them.
    /// </summary>
    public static string Compute(IEnumerable<TallyBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        var all = ballots as IReadOnlyCollection<TallyBallot> ?? ballots.ToList();
        var ids = SortedIds(all);
        var builder = new StringBuilder();
        var lines = new string[all.Count];
        var next = 0;
        foreach (var ballot in all)
        {
            lines[next++] = Canonical(ballot, ids, builder);
        }

        Array.Sort(lines, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(FormatVersion + "\n"));
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(lines.Length == 0 ? 0 : lines.Max(l => l.Length))];
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sha.AppendData("\n"u8);
            }

            sha.AppendData(buffer, 0, Encoding.UTF8.GetBytes(lines[i], buffer));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // Every reporter id on any ballot with its text, in ordinal order of the text: each ballot's marks in that order.
    private static (Guid Id, string Text)[] SortedIds(IReadOnlyCollection<TallyBallot> ballots)
    {
        var seen = new HashSet<Guid>();
        foreach (var ballot in ballots)
        {
            seen.UnionWith(ballot.Grades.Keys);
        }

        var ids = seen.Select(id => (Id: id, Text: id.ToString("D"))).ToArray();
        Array.Sort(ids, (a, b) => string.CompareOrdinal(a.Text, b.Text));
        return ids;
    }

    // Length-prefixed so that no two different ballots can serialise alike; abstentions are left out.
    private static string Canonical(TallyBallot ballot, (Guid Id, string Text)[] ids, StringBuilder builder)
    {
        builder.Clear();
        Field(builder, ballot.GroupKey);
        foreach (var (id, text) in ids)
        {
            if (ballot.GradeFor(id) is { } grade)
            {
                Field(builder.Append(text), grade);
            }
        }

        return builder.ToString();
    }

    private static void Field(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
