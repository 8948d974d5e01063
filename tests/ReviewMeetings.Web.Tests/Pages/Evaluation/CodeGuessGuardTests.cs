using System.Net;
using Microsoft.Extensions.Configuration;
using ReviewMeetings.Web.Pages.Vote;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Evaluation;

public sealed class CodeGuessGuardTests
{
    private static readonly IPAddress Hall = IPAddress.Parse("203.0.113.7");

    private static CodeGuessGuard Guard(TestClock clock, int perAddress = 5, int total = 1000) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Voting:FailedCodesPerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Voting:FailedCodesTotal"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Voting:GuessDelayMaxSeconds"] = "1",
        }).Build(),
        clock);

    [Fact]
    public async Task An_address_past_its_failures_is_slowed_until_they_age_out_of_the_ten_minute_window()
    {
        var clock = TestClock.BeijingMorning(2026, 12, 7);
        var guard = Guard(clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(await guard.FailedAsync(Hall, CancellationToken.None));
        }

        Assert.True(await guard.FailedAsync(Hall, CancellationToken.None));
        Assert.False(await guard.FailedAsync(IPAddress.Parse("198.51.100.9"), CancellationToken.None));

        clock.Now = clock.Now.AddMinutes(11);
        Assert.False(await guard.FailedAsync(Hall, CancellationToken.None));
    }

    [Fact]
    public async Task One_IPv6_network_counts_as_one_address_and_all_addresses_share_a_total()
    {
        var clock = TestClock.BeijingMorning(2026, 12, 7);
        var guard = Guard(clock, perAddress: 2, total: 4);
        Assert.False(await guard.FailedAsync(IPAddress.Parse("2001:db8:1:2::1"), CancellationToken.None));
        Assert.False(await guard.FailedAsync(IPAddress.Parse("2001:db8:1:2::ff"), CancellationToken.None));
        Assert.True(await guard.FailedAsync(IPAddress.Parse("2001:db8:1:2:abcd::9"), CancellationToken.None));

        // A fourth failure from a new address is within the total of four; the fifth, from yet another, is past it.
        Assert.False(await guard.FailedAsync(IPAddress.Parse("192.0.2.1"), CancellationToken.None));
        Assert.True(await guard.FailedAsync(IPAddress.Parse("192.0.2.2"), CancellationToken.None));
    }
}
