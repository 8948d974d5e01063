using System.Text;
using System.Text.Json;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Data.Configurations;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// A phone ballot as it waits in the inbox (ADR 0011): its rater group and marks as JSON, padded to a length that
/// depends on the meeting alone, then sealed with the inbox key. Every sealed ballot of a meeting is therefore the
/// same size, so not even the length of a waiting ballot says anything about its marks.
/// </summary>
public static class SealedBallot
{
    private const int Envelope = 400;
    private const int PerReporter = 42;
    private const int PerKeyCharacter = 6;
    private const byte Padding = (byte)' ';

    /// <summary>
    /// The padded length for a meeting's ballots: room for a group key of up to 64 characters and, per reporter, an id
    /// and the longest grade key with every character escaped as JSON may escape it.
    /// </summary>
    public static int Length(int reporters, EvaluationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var longestKey = rules.Grades.Max(g => g.Key.Length);
        return Envelope + (reporters * (PerReporter + (PerKeyCharacter * longestKey)));
    }

    public static byte[] Plain(Ballot ballot, int length)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Contents(ballot.GroupKey, ballot.Grades)));
        if (json.Length > length)
        {
            throw new InvalidOperationException("A ballot is longer than its meeting's sealed length.");
        }

        var plain = new byte[length];
        json.CopyTo(plain, 0);
        plain.AsSpan(json.Length).Fill(Padding);
        return plain;
    }

    /// <summary>The rater group and the marks in their stored form (<see cref="BallotConfiguration.GradesJson"/>).</summary>
    public static (string GroupKey, string GradesJson) Read(byte[] plain)
    {
        var contents = JsonSerializer.Deserialize<Contents>(plain) ?? throw new InvalidOperationException("An empty sealed ballot.");
        return (contents.G, BallotConfiguration.GradesJson(contents.M));
    }

    private sealed record Contents(string G, Dictionary<Guid, string?> M);
}
