using System.Collections.Concurrent;

namespace ReviewMeetings.Web.Pages.Live;

/// <summary>
/// Pushes ballot-collection progress to the console and projector after votes arrive, at most about once a second
/// per meeting however many ballots come in, and off the voter's request so voting never waits for it. Nothing
/// about any single ballot is passed on or logged: the screens get the counts only.
/// </summary>
public sealed partial class BallotProgressPush(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<BallotProgressPush> logger)
{
    private static readonly TimeSpan Coalescing = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, byte> _scheduled = new();

    public void Notify(Guid meetingId)
    {
        if (_scheduled.TryAdd(meetingId, 0))
        {
            _ = PushSoonAsync(meetingId);
        }
    }

    private async Task PushSoonAsync(Guid meetingId)
    {
        try
        {
            await Task.Delay(Coalescing, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // The app is stopping, and the screens with it: there is nobody left to tell.
            return;
        }

        _scheduled.TryRemove(meetingId, out _);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LiveBroadcaster>().PublishAsync(meetingId);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or ObjectDisposedException)
        {
            if (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                LogPushFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ballot progress could not be pushed to the live screens")]
    private partial void LogPushFailed(Exception exception);
}
