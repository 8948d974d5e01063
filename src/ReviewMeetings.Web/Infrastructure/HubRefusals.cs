using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>
/// A refused hub call (a <see cref="HubException"/>: no access, a dead projector link) is the caller's mistake, not
/// ours: it is logged as one warning line without a stack trace, at most once a minute per address, with the number
/// held back since. The refusal itself still goes back to the caller. Anonymous screens can repeat such calls at will,
/// so the log must not grow with them.
/// </summary>
internal sealed class HubRefusals(ILogger<HubRefusals> logger, TimeProvider clock) : IHubFilter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Tally> _byAddress = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            var address = invocationContext.Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (Count(address) is { } heldBack)
            {
                logger.LogWarning("Refused hub call {HubMethod} from {RemoteAddress}: {Reason} ({HeldBack} more refusals from this address in the last minute not logged)",
                    invocationContext.HubMethodName, address, ex.Message, heldBack);
            }

            throw;
        }
    }

    /// <summary>The number of refusals held back since the last warning when one is due now; null while the address is quiet-listed.</summary>
    private long? Count(string address)
    {
        var now = clock.GetUtcNow();
        if (_byAddress.Count > MaxAddresses)
        {
            foreach (var (key, stale) in _byAddress.Where(e => now - e.Value.LoggedAt >= Window))
            {
                _byAddress.TryRemove(key, out _);
            }
        }

        var tally = _byAddress.GetOrAdd(address, _ => new Tally(now - Window));
        lock (tally)
        {
            if (now - tally.LoggedAt < Window)
            {
                tally.HeldBack++;
                return null;
            }

            var heldBack = tally.HeldBack;
            tally.LoggedAt = now;
            tally.HeldBack = 0;
            return heldBack;
        }
    }

    private sealed class Tally(DateTimeOffset loggedAt)
    {
        public DateTimeOffset LoggedAt { get; set; } = loggedAt;

        public long HeldBack { get; set; }
    }
}
