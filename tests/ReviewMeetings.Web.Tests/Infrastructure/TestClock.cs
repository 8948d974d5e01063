namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>A clock the test sets, so deadlines are tested on fixed days rather than on whatever today is.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static TestClock BeijingMorning(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
