namespace ReviewMeetings.Domain.Common;

/// <summary>
/// The one clock of the application: the time comes from a <see cref="TimeProvider"/> (so tests can pin it) and is read
/// in Beijing time, a fixed UTC+8 (China has no daylight saving), whatever the server's own zone. Deadlines, "today"
/// and every displayed date are calendar days in Beijing.
/// </summary>
public static class BeijingTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The current instant, as Beijing sees it.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToBeijing(clock.GetUtcNow());
    }

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(Now(clock));

    /// <summary>The same instant with Beijing's offset.</summary>
    public static DateTimeOffset ToBeijing(DateTimeOffset value) => value.ToOffset(Offset);

    /// <summary>The calendar day in Beijing on which <paramref name="value"/> falls.</summary>
    public static DateOnly DateOf(DateTimeOffset value) => DateOnly.FromDateTime(ToBeijing(value).DateTime);
}
