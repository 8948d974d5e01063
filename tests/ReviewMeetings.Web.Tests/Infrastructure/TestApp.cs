using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;

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

    /// <summary>Reads or changes the database directly, for arranging data and checking what was stored.</summary>
    protected async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
