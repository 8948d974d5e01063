using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Data;

public sealed class MigrationsTests : AppTest
{
    [Fact]
    public async Task The_model_has_no_change_the_migrations_lack()
    {
        // A model change without its migration would reach production only as a failure at the first query.
        Assert.False(await DbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The EF model differs from the last migration: add one with dotnet ef migrations add (docs/architecture.md).");
        Assert.Empty(await DbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
