using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// Printing a batch's slips again for a short time after issuing (ADR 0014): the plain codes are kept only sealed
/// under a key derived from the voting secret, bound to the batch and the user who issued it, and erased once
/// <c>Voting:ReprintMinutes</c> have passed, when the batch page is read and by a sweep every minute.
/// </summary>
public sealed class CodeReprints(IConfiguration configuration, VotingKeys keys, IServiceScopeFactory scopes, TimeProvider clock, ILogger<CodeReprints> logger)
    : BackgroundService
{
    public const string Setting = "Voting:ReprintMinutes";

    public const int DefaultMinutes = 10;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue(Setting, DefaultMinutes)));

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Keep(BallotCodeBatch batch, IEnumerable<string> plainCodes)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.KeepForReprint(keys.SealCodes(batch.Id, batch.IssuedBy, plainCodes));
    }

    /// <summary>The batch's plain codes when <paramref name="user"/> may still print them; null otherwise.</summary>
    public IReadOnlyList<string>? Codes(BallotCodeBatch batch, Guid user)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.CanReprint(user, Now, Window) ? keys.OpenCodes(batch.Id, user, batch.SealedCodes!) : null;
    }

    /// <summary>Erases the sealed codes of every batch past its window or voided; returns how many were erased.</summary>
    public async Task<int> ForgetExpiredAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var issuedBefore = Now - Window;
        return await db.BallotCodeBatches
            .Where(b => b.SealedCodes != null && (b.IssuedAt <= issuedBefore || b.VoidedAt != null))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.SealedCodes, (byte[]?)null), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await ForgetExpiredAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next sweep tries again; the batch page also refuses codes past their window on its own.
                logger.LogWarning(ex, "Erasing ballot codes kept for a reprint failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
