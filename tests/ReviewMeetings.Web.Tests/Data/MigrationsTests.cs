using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Data;

public sealed class MigrationsTests : AppTest
{
    // The history a database had after the fifteen migrations of the first version, before they were squashed.
    private static readonly string[] HistoryBeforeSquash =
    [
        "20261129045221_Foundation", "20261129050021_Meetings", "20261129051458_WrittenReports", "20261129060345_EvaluationRules",
        "20261129060715_Ballots", "20261129070656_PaperBallots", "20261129072954_LiveMeeting", "20261129075320_Minutes",
        "20261129075416_Rectification", "20261129161400_BallotCodesFillFactor", "20261207111330_BallotInbox",
        "20261207111722_PasswordPolicy", "20261207113223_CommentsLock", "20261207141009_WrittenOrderAndLotteryHistory",
        SquashedMigrations.LastBeforeSquash,
    ];

    [Fact]
    public async Task The_model_has_no_change_the_migrations_lack()
    {
        // A model change without its migration would reach production only as a failure at the first query.
        Assert.False(await DbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The EF model differs from the last migration: add one with dotnet ef migrations add (docs/architecture.md).");
        Assert.Empty(await DbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task A_database_migrated_before_the_squash_starts_as_migrated_and_its_data_stays()
    {
        // Such a database has the squashed schema: take this one back to it before giving it the old history.
        await BackToSquashedSchemaAsync();
        await RewriteHistoryAsync(HistoryBeforeSquash);
        var units = await DbAsync(db => db.Organizations.CountAsync());

        await using (var app = new AppFactory(Factory.ConnectionString, prepareDatabase: true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(units, await db.Organizations.CountAsync());
        }
    }

    [Fact]
    public async Task A_database_left_part_way_before_the_squash_is_refused_and_left_as_it_was()
    {
        await BackToSquashedSchemaAsync();
        string[] partWay = HistoryBeforeSquash[..^1];
        await RewriteHistoryAsync(partWay);

        await using var app = new AppFactory(Factory.ConnectionString, prepareDatabase: true);
        var refusal = Assert.Throws<InvalidOperationException>(() => app.Services);

        Assert.Contains(SquashedMigrations.LastBeforeSquash, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(partWay, await DbAsync(db => db.Database.GetAppliedMigrationsAsync()));
    }

    private Task<bool> BackToSquashedSchemaAsync() => DbAsync(async db =>
    {
        await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        return true;
    });

    private Task<int> RewriteHistoryAsync(string[] history) => DbAsync(async db =>
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM __ef_migrations_history");
        foreach (var id in history)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO __ef_migrations_history (migration_id, product_version) VALUES ({id}, '10.0.0')");
        }

        return history.Length;
    });
}
