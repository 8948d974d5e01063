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
    /// computes it on every request, so it is written without LINQ: thousands of ballots share the same reporter ids.
    /// </summary>
    public static string Compute(IEnumerable<TallyBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        var ids = new Dictionary<Guid, string>();
        var builder = new StringBuilder();
        var lines = ballots.Select(b => Canonical(b, ids, builder)).ToArray();
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

    // Length-prefixed so that no two different ballots can serialise alike; abstentions are left out.
    private static string Canonical(TallyBallot ballot, Dictionary<Guid, string> ids, StringBuilder builder)
    {
        var marks = new List<(string Id, string Grade)>(ballot.Grades.Count);
        foreach (var id in ballot.Grades.Keys)
        {
            if (ballot.GradeFor(id) is { } grade)
            {
                if (!ids.TryGetValue(id, out var text))
                {
                    text = id.ToString("D");
                    ids[id] = text;
                }

                marks.Add((text, grade));
            }
        }

        marks.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        builder.Clear();
        Field(builder, ballot.GroupKey);
        foreach (var (id, grade) in marks)
        {
            Field(builder.Append(id), grade);
        }

        return builder.ToString();
    }

    private static void Field(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
