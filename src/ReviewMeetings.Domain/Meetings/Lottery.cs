namespace ReviewMeetings.Domain.Meetings;

/// <summary>
/// The drawing of lots (抽签) for the speaking order. The same seed and the same reporters always give the same order,
/// on any machine and any .NET version, so a recorded draw can be checked afterwards.
/// </summary>
public static class Lottery
{
    public static IReadOnlyList<Guid> Draw(IEnumerable<Guid> reporterIds, long seed)
    {
        // Canonical starting order, so the result depends only on who takes part and the seed.
        var order = reporterIds.Order().ToArray();
        var state = unchecked((ulong)seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    // SplitMix64: tiny, well distributed, and fixed forever (unlike System.Random's unseeded algorithm).
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Who drew lots, when, and with which seed.</summary>
public sealed record LotteryDraw(long Seed, Guid DrawnBy, DateTimeOffset DrawnAt);

/// <summary>One drawing of lots as it is kept in the meeting's history: seed, who, when, why (for a re-draw) and the order it gave.</summary>
public sealed record LotteryRecord(long Seed, Guid DrawnBy, DateTimeOffset DrawnAt, string? Reason, IReadOnlyList<string> Order)
{
    public const int ReasonMaxLength = 200;
}
