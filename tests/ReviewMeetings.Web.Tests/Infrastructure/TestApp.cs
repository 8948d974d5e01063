using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Pages.Vote;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>
/// Base for tests that go through the whole app: every test gets its own copy of the seeded database
/// (the fictional 清河区 tree and one demo account per role) and its own host.
/// </summary>
public abstract class AppTest : IAsyncLifetime
{
    public const string DemoPassword = "Qinghe@2025";

    private AppFactory? _factory;

    internal AppFactory Factory => _factory ?? throw new InvalidOperationException("The test app has not started.");

    public virtual async Task InitializeAsync() => _factory = CreateFactory(await TestDatabases.CreateAsync());

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await TestDatabases.DropAsync(_factory.ConnectionString);
        }
    }

    internal virtual AppFactory CreateFactory(string connectionString) => new(connectionString);

    protected Session Anonymous()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // PDF exports queue for the renderer; on a busy machine that can outlast HttpClient's 100-second default.
        client.Timeout = TimeSpan.FromMinutes(5);
        return new Session(client);
    }

    protected async Task<Session> SignInAsync(string userName, string password = DemoPassword)
    {
        var session = Anonymous();
        var response = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} failed: {(int)response.StatusCode}");
        return session;
    }

    /// <summary>The key the app hashes ballot codes with, for tests that issue codes directly.</summary>
    protected byte[] CodeHashKey => Factory.Services.GetRequiredService<VotingKeys>().CodeHashKey;

    /// <summary>The stored hash of a code as typed or printed.</summary>
    protected string CodeHash(string code) => Factory.Services.GetRequiredService<VotingKeys>().CodeHash(BallotCodeFormat.Normalize(code)!);

    /// <summary>Ballots received, whether still waiting sealed in the inbox or already mixed into <c>ballots</c> (ADR 0011).</summary>
    protected Task<int> ReceivedAsync() => DbAsync(async db => await db.Ballots.CountAsync() + await db.BallotInbox.CountAsync());

    /// <summary>Every received ballot as stored, after mixing whatever waits in the inbox however few there are.</summary>
    protected async Task<List<Ballot>> StoredBallotsAsync()
    {
        var mixer = Factory.Services.GetRequiredService<BallotMixer>();
        foreach (var meeting in await DbAsync(db => db.BallotInbox.Select(b => b.MeetingId).Distinct().ToListAsync()))
        {
            await mixer.SettleAsync(meeting, CancellationToken.None, minimum: 1);
        }

        return await DbAsync(db => db.Ballots.AsNoTracking().ToListAsync());
    }

    /// <summary>Reads or changes the database directly, for arranging data and checking what was stored.</summary>
    protected async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
