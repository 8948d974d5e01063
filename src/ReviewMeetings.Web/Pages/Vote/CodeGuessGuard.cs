using System.Collections.Concurrent;
using System.Net;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// Slows down what guessing ballot codes needs, and nothing else. A hall of hundreds of phones may share one address on
/// the venue Wi-Fi, so opening a ballot with a real code and submitting it are never limited. Only code look-ups that
/// find nothing count: per address (an IPv6 /64 as one) and in total, over a window of ten minutes. Past the free
/// allowance, each further failed look-up is answered only after a delay that doubles with every failure (from one
/// second to <c>Voting:GuessDelayMaxSeconds</c>), and with 429. A guesser is thereby held to a few attempts a second per
/// connection it keeps open, against codes with 84 random bits; a voter with a real code behind the same address is
/// answered at once.
/// </summary>
public sealed class CodeGuessGuard(IConfiguration configuration, TimeProvider clock)
{
    private readonly int _perAddress = Math.Max(1, configuration.GetValue("Voting:FailedCodesPerAddress", 30));
    private readonly int _total = Math.Max(1, configuration.GetValue("Voting:FailedCodesTotal", 1000));
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Voting:GuessDelayMaxSeconds", 30)));
    private readonly ConcurrentDictionary<string, Failures> _addresses = new();
    private readonly Failures _everyone = new();

    /// <summary>
    /// Records a failed look-up and waits out its delay. Returns true when the caller is past its allowance, so the
    /// answer is 429 rather than the ordinary invalid-code message.
    /// </summary>
    public async Task<bool> FailedAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = Key(address);
        var mine = _addresses.GetOrAdd(key, _ => new Failures());
        var overMine = mine.Add(now) - _perAddress;
        var overAll = _everyone.Add(now) - _total;
        var over = Math.Max(overMine, overAll);
        if (over <= 0)
        {
            return false;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(_maxDelay.TotalSeconds, Math.Pow(2, Math.Min(over - 1, 30))));
        await Task.Delay(delay, cancellationToken);
        if (_addresses.Count > 10_000)
        {
            Forget(now);
        }

        return true;
    }

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // One IPv6 user usually holds a whole /64.
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? Convert.ToHexString(address.GetAddressBytes(), 0, 8)
            : address.ToString();
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _addresses)
        {
            if (failures.Count(now) == 0)
            {
                _addresses.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// Failures within the window, counted in sixty ten-second slots: constant memory however hard an address (or
    /// everyone together) is guessing.
    /// </summary>
    private sealed class Failures
    {
        private const int SlotSeconds = 10;
        private const int Slots = 60;
        private readonly long[] _slotOf = new long[Slots];
        private readonly int[] _counts = new int[Slots];

        public int Add(DateTimeOffset now)
        {
            lock (_counts)
            {
                var slot = now.ToUnixTimeSeconds() / SlotSeconds;
                var index = (int)(slot % Slots);
                if (_slotOf[index] != slot)
                {
                    _slotOf[index] = slot;
                    _counts[index] = 0;
                }

                _counts[index]++;
                return Sum(slot);
            }
        }

        public int Count(DateTimeOffset now)
        {
            lock (_counts)
            {
                return Sum(now.ToUnixTimeSeconds() / SlotSeconds);
            }
        }

        private int Sum(long current)
        {
            var total = 0;
            for (var i = 0; i < Slots; i++)
            {
                if (current - _slotOf[i] < Slots)
                {
                    total += _counts[i];
                }
            }

            return total;
        }
    }
}
