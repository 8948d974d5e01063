using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages;

/// <summary>What scripts/run.sh gives a first-time user: an empty database migrated and seeded by the app itself.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    [Fact]
    public async Task Empty_database_is_migrated_and_seeded_with_the_fictional_district_and_its_meetings()
    {
        await using var factory = new AppFactory(_connectionString, prepareDatabase: true, settings: new Dictionary<string, string> { ["DemoData:Meetings"] = "true" });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(21, await db.Organizations.CountAsync());
        Assert.Equal(6, await db.Users.CountAsync(u => u.IsDemo));
        var meetings = await db.Meetings.Include(m => m.Reporters).AsNoTracking().OrderBy(m => m.ReviewYear).ToListAsync();
        Assert.Equal([2025, 2026], meetings.Select(m => m.ReviewYear));
        Assert.Equal([MeetingStatus.Closed, MeetingStatus.Published], meetings.Select(m => m.Status));
        Assert.All(meetings, m => Assert.Equal(14, m.Reporters.Count));
        Assert.Equal(7, meetings[1].OnSiteCount);
        Assert.Equal("清河区2026年度党组织书记抓基层党建工作述职评议会议", meetings[1].Title);
        Assert.NotNull(meetings[1].Lottery);

        // Seeding runs at every start but adds nothing the second time.
        await using var again = new AppFactory(_connectionString, settings: new Dictionary<string, string> { ["DemoData:Meetings"] = "true" });
        _ = again.Services;
        await using var scope2 = again.Services.CreateAsyncScope();
        Assert.Equal(2, await scope2.ServiceProvider.GetRequiredService<AppDbContext>().Meetings.CountAsync());
    }
}
