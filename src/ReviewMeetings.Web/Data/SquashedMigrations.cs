using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReviewMeetings.Web.Data;

/// <summary>
/// Before the first release the fifteen migrations of the first version were squashed into one (issue 17). A database
/// those migrations brought to their last one, <see cref="LastBeforeSquash"/>, has exactly the squashed schema, so its
/// history is rewritten to the one migration that replaced them; a database left part-way is refused with a message
/// rather than half-migrated.
/// </summary>
internal static class SquashedMigrations
{
    public const string LastBeforeSquash = "20261207142351_BallotCodeBatches";

    public static async Task AdoptAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        if (!unknown.Contains(LastBeforeSquash, StringComparer.Ordinal) || unknown.Count != applied.Count)
        {
            throw new InvalidOperationException(
                $"The database's migration history ({string.Join(", ", unknown)}) is neither this version's nor the complete history "
                + $"before the migrations were squashed (ending with {LastBeforeSquash}). Migrate it with the version it came from first.");
        }

        var squashed = known[0];
        const string History = Infrastructure.DatabaseSetup.MigrationsHistoryTable;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Instances starting together: the first takes the history over, the others find it done under the lock.
        await db.Database.ExecuteSqlRawAsync($"LOCK TABLE {History} IN EXCLUSIVE MODE", cancellationToken);
        if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Contains(squashed, StringComparer.Ordinal))
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {History}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {History} (migration_id, product_version) VALUES ({{0}}, {{1}})", [squashed, ProductInfo.GetVersion()], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
