using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Account;

/// <summary>The first administrator of an empty database, created from Bootstrap:* settings as in Production.</summary>
public sealed class BootstrapAdminTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private AppFactory Start(string password) => new(_connectionString, prepareDatabase: true, settings: new Dictionary<string, string>
    {
        ["DemoData:Enabled"] = "false",
        ["Bootstrap:AdminUserName"] = "root.admin",
        ["Bootstrap:AdminPassword"] = password,
        ["Bootstrap:RootOrganizationName"] = "中共江州市委员会",
    });

    [Fact]
    public async Task Bootstrap_administrator_must_change_the_configured_password_at_first_sign_in()
    {
        await using var factory = Start("Founding#Keeper2026");
        using var session = new Session(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

        using var signIn = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "root.admin", ["Input.Password"] = "Founding#Keeper2026" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var users = await session.Client.GetAsync("/Admin/Users");
        Assert.Equal("/Account/ChangePassword", users.Headers.Location!.OriginalString);

        using var changed = await session.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = "Founding#Keeper2026",
            ["Input.NewPassword"] = "Evergreen#Pine2027",
            ["Input.ConfirmPassword"] = "Evergreen#Pine2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await session.StatusOfAsync("/Admin/Users"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Users.Where(u => u.UserName == "root.admin").Select(u => u.MustChangePassword).SingleAsync());
    }

    [Fact]
    public async Task A_common_bootstrap_password_is_refused_at_start()
    {
        await using var factory = Start("Admin@123456");

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains("该密码过于常见", error.ToString(), StringComparison.Ordinal);
    }
}
