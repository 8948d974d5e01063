using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Domain.Tests.Common;

public sealed class BeijingTimeTests
{
    [Fact]
    public void Half_past_eleven_at_night_UTC_is_already_the_next_day_in_Beijing()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 16, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 1, 17), BeijingTime.Today(clock));
        Assert.Equal(new DateTimeOffset(2026, 1, 17, 7, 30, 0, TimeSpan.FromHours(8)), BeijingTime.Now(clock));
        Assert.Equal(TimeSpan.FromHours(8), BeijingTime.Now(clock).Offset);
    }

    [Fact]
    public void Just_before_midnight_in_Beijing_is_still_the_same_day()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 17, 15, 59, 59, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 1, 17), BeijingTime.Today(clock));
        Assert.Equal(new DateOnly(2026, 1, 18), BeijingTime.Today(new FixedClock(new DateTimeOffset(2026, 1, 17, 16, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void The_date_of_an_instant_does_not_depend_on_the_offset_it_was_written_with()
    {
        var inNewYork = new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.FromHours(-4));

        Assert.Equal(new DateOnly(2026, 7, 2), BeijingTime.DateOf(inNewYork));
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 0, 30, 0, TimeSpan.FromHours(8)), BeijingTime.ToBeijing(inNewYork));
        Assert.Equal(TimeSpan.FromHours(8), BeijingTime.ToBeijing(inNewYork).Offset);
    }

    [Fact]
    public void Beijing_keeps_UTC_plus_eight_all_year()
    {
        var winter = BeijingTime.ToBeijing(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero));
        var summer = BeijingTime.ToBeijing(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(8, winter.Hour);
        Assert.Equal(8, summer.Hour);
    }
}
