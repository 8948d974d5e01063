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

    public static string Compute(IEnumerable<TallyBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        var lines = ballots.Select(Canonical).Order(StringComparer.Ordinal);
        var text = FormatVersion + "\n" + string.Join("\n", lines);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    // Length-prefixed so that no two different ballots can serialise alike; abstentions are left out.
    private static string Canonical(TallyBallot ballot)
    {
        var marks = ballot.Grades.Keys
            .Select(id => (Id: id.ToString("D"), Grade: ballot.GradeFor(id)))
            .Where(m => m.Grade is not null)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => m.Id + Field(m.Grade!));
        return Field(ballot.GroupKey) + string.Concat(marks);
    }

    private static string Field(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}");
}
