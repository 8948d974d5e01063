using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Tests.Infrastructure;

namespace ReviewMeetings.Web.Tests.Pages.Organizations;

/// <summary>
/// The example import file docs/examples/demo-units.csv as a department uses it on day one: uploaded through 批量导入 by the
/// first administrator of a new installation (no demo data, only the root unit from Bootstrap:*), it gives exactly the demo
/// tree, which <c>DemoData</c> builds from the same file. The test's own app (<see cref="AppTest.Factory"/>) holds the demo.
/// </summary>
public sealed class ExampleImportTests : AppTest
{
    private const string AdminPassword = "Founding#Keeper2026";

    private static readonly string ExampleFile = Path.Combine(AppContext.BaseDirectory, "Examples", "demo-units.csv");

    private string _newInstallation = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _newInstallation = await TestDatabases.CreateEmptyAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabases.DropAsync(_newInstallation);
    }

    [Fact]
    public async Task Example_file_imported_into_a_new_installation_gives_the_demo_tree_and_a_second_import_changes_nothing()
    {
        await using var app = new AppFactory(_newInstallation, prepareDatabase: true, settings: new Dictionary<string, string>
        {
            ["DemoData:Enabled"] = "false",
            ["Bootstrap:AdminUserName"] = "jz.admin",
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:RootOrganizationName"] = "中共江州市委员会",
        });
        using var admin = await FirstAdministratorAsync(app);
        Assert.Equal(["中共江州市委员会"], (await TreeAsync(app)).Select(u => u.Path));
        var file = await File.ReadAllBytesAsync(ExampleFile);

        var preview = await PreviewAsync(admin, file);

        Assert.Equal(("20", "1", "0", "0"), (Count(preview, "create"), Count(preview, "update"), Count(preview, "move"), Count(preview, "error")));
        using var applied = await admin.SubmitAsync(preview, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var result = await admin.FollowAsync(applied);
        Assert.Contains("新建20个，更新1个，调整上级0个，未变0个，新建账号2个。", result.QuerySelector("#import-summary")!.TextContent, StringComparison.Ordinal);
        using var passwords = await admin.SubmitAsync(result, "form[action*=Excel]", []);
        Assert.Equal(HttpStatusCode.OK, passwords.StatusCode);
        var handout = ExcelWorkbook.Read(await passwords.Content.ReadAsByteArrayAsync()).Sheet("初始密码");
        Assert.Equal(
            [("中共清河区委员会", "陈立群", "leader"), ("中共清河区东城街道工作委员会", "王晓东", "secretary")],
            handout.Skip(1).Select(r => (r[0], r[1], r[2])));

        var demo = await TreeAsync(Factory);
        Assert.Equal(21, demo.Count);
        Assert.Equal(demo, await TreeAsync(app));

        var before = await CountsAsync(app);
        var again = await PreviewAsync(admin, file);

        Assert.Equal(("0", "0", "0", "21", "0"), (Count(again, "create"), Count(again, "update"), Count(again, "move"), Count(again, "unchanged"), Count(again, "error")));
        Assert.True(again.QuerySelector("main form button[type=submit]")!.HasAttribute("disabled"));
        // Even a confirmation posted anyway writes nothing.
        using var forced = await admin.SubmitAsync(again, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(demo, await TreeAsync(app));
    }

    /// <summary>Signs in as the bootstrap administrator and replaces the configured password, as the first sign-in demands.</summary>
    private static async Task<Session> FirstAdministratorAsync(AppFactory app)
    {
        var session = new Session(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        using var signIn = await session.SubmitAsync("/Account/Login", "form", new() { ["Input.UserName"] = "jz.admin", ["Input.Password"] = AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var changed = await session.SubmitAsync("/Account/ChangePassword", "main form", new()
        {
            ["Input.CurrentPassword"] = AdminPassword,
            ["Input.NewPassword"] = "Evergreen#Pine2027",
            ["Input.ConfirmPassword"] = "Evergreen#Pine2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        return session;
    }

    private static async Task<IHtmlDocument> PreviewAsync(Session session, byte[] file)
    {
        var page = await session.GetAsync("/Organizations/Import");
        using var response = await session.UploadAsync(page, "main form", [], new UploadFile("file", "demo-units.csv", file, "text/csv"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload got {(int)response.StatusCode}: {(await Session.ParseAsync(response)).ErrorFor("file")}");
        return await session.FollowAsync(response);
    }

    private static string Count(IHtmlDocument page, string kind) => page.QuerySelector($"[data-count={kind}]")!.TextContent;

    private static async Task<(int Units, int Changes, int Users)> CountsAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Organizations.CountAsync(), await db.OrganizationChanges.CountAsync(), await db.Users.CountAsync());
    }

    /// <summary>Every unit as its path of names with what the import file sets, and the user name of its secretary's account.</summary>
    private static async Task<List<UnitRow>> TreeAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var units = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        var userNames = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName);
        string PathOf(Organization unit) => unit.ParentId is { } parent ? PathOf(units[parent]) + "/" + unit.Name : unit.Name;
        return units.Values
            .Select(u => new UnitRow(
                PathOf(u), u.Type, u.Category, u.SortOrder, u.Code, u.IsActive, u.Secretary?.Name, u.Secretary?.Title, u.Secretary?.Phone,
                u.Secretary?.UserId is { } userId ? userNames[userId] : null))
            .OrderBy(u => u.Path, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record UnitRow(
        string Path, OrganizationType Type, OrganizationCategory Category, int SortOrder, string? Code, bool IsActive,
        string? Secretary, string? SecretaryTitle, string? SecretaryPhone, string? SecretaryAccount);
}
